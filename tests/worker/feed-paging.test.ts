import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { childrenNamed, childNamed, parseXmlStrict } from "../tools/strict-xml.ts";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };

// Five articles a day apart; two in section "Harbour", all tagged "Port Alder", two by one author.
beforeAll(async () => {
  for (let day = 1; day <= 5; day++) {
    const response = await request(`/api/articles/story-${day}`, {
      method: "PUT",
      headers: AUTH,
      body: newsPage({
        title: `Story number ${day}`,
        url: `https://news.example.com/2025/05/0${day}/story-${day}`,
        date: `2025-05-0${day}T10:00:00Z`,
        section: day <= 2 ? "Harbour" : "Council",
        tags: ["Port Alder"],
        author: day % 2 ? "Mira Quist" : "Ole Brandt",
      }),
    });
    expect(response.status).toBe(201);
  }
});

const ids = (feed: { items: { id: string }[] }) => feed.items.map((i) => i.id.split("/").pop());

describe("feed paging (RFC 5005) and ?limit=", () => {
  it("refuses a limit outside 1-100 with 400", async () => {
    for (const limit of ["0", "101", "abc", "2.5", "-1"]) {
      const response = await request(`/feed.xml?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/limit must be a whole number from 1 to 100/);
    }
    expect((await request("/feed.xml?before=garbage")).status).toBe(400);
  });

  it("walks JSON Feed pages with next_url, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let url: string | undefined = "/feed.json?limit=2";
    while (url) {
      const feed = (await (await request(url.replace("http://localhost:8787", ""))).json()) as { items: { id: string }[]; next_url?: string };
      seen.push(...ids(feed).map(String));
      url = feed.next_url;
    }
    expect(seen).toEqual(["story-5", "story-4", "story-3", "story-2", "story-1"]);
  });

  it("links first, previous and next pages in RSS (atom:link) and Atom (link)", async () => {
    const first = parseXmlStrict(await (await request("/atom.xml?limit=2")).text());
    const rel = (root: typeof first, r: string) => childrenNamed(root, "link").find((l) => l.attributes["rel"] === r)?.attributes["href"];
    expect(rel(first, "self")).toBe("http://localhost:8787/atom.xml?limit=2");
    expect(rel(first, "first")).toBe("http://localhost:8787/atom.xml?limit=2");
    expect(rel(first, "previous")).toBeUndefined();
    const next = rel(first, "next")!;
    const second = parseXmlStrict(await (await request(next.replace("http://localhost:8787", ""))).text());
    expect(rel(second, "self")).toBe(next);
    expect(rel(second, "previous")).toBe("http://localhost:8787/atom.xml?limit=2");
    expect(childrenNamed(second, "entry").map((e) => childNamed(e, "title").text)).toEqual(["Story number 3", "Story number 2"]);

    const rss = childNamed(parseXmlStrict(await (await request("/feed.xml?limit=2")).text()), "channel");
    const rssRels = childrenNamed(rss, "atom:link").map((l) => l.attributes["rel"]);
    expect(rssRels).toEqual(["self", "first", "next"]);
  });

  it("serves one feed per section, tag and author with its own title and self link, listed on /", async () => {
    const section = (await (await request("/sections/harbour/feed.json")).json()) as { title: string; feed_url: string; items: unknown[] };
    expect(section.title).toBe("Wirefeed: Harbour");
    expect(section.feed_url).toBe("http://localhost:8787/sections/harbour/feed.json");
    expect(ids(section as never)).toEqual(["story-2", "story-1"]);
    const tag = (await (await request("/tags/port-alder/feed.json")).json()) as { title: string };
    expect(tag.title).toBe("Wirefeed: Port Alder");
    expect(ids(tag as never)).toHaveLength(5);
    const author = parseXmlStrict(await (await request("/authors/mira-quist/atom.xml")).text());
    expect(childNamed(author, "title").text).toBe("Wirefeed: articles by Mira Quist");
    expect(childrenNamed(author, "entry")).toHaveLength(3);
    const unknown = await request("/sections/no-such-section/feed.xml");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe('No section "no-such-section" has any articles.');
    // The home page names the most used few (each opens its feed); the index pages every format.
    const home = await (await request("/")).text();
    for (const href of ["/sections/harbour/feed.xml", "/tags/port-alder/feed.xml", "/authors/ole-brandt/feed.xml"]) expect(home).toContain(`href="${href}"`);
    for (const [index, href] of [["/sections", "/sections/harbour/atom.xml"], ["/tags", "/tags/port-alder/atom.xml"], ["/authors", "/authors/ole-brandt/feed.json"]]) {
      expect(await (await request(index!)).text()).toContain(`href="${href}"`);
    }
  });
});

describe("HTTP caching and discovery", () => {
  it("sends Cache-Control with max-age, s-maxage and stale-while-revalidate, Vary: Accept and a self Link", async () => {
    const response = await request("/atom.xml");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300, s-maxage=60, stale-while-revalidate=600");
    expect(response.headers.get("Vary")).toBe("Accept");
    expect(response.headers.get("Link")).toBe('<http://localhost:8787/atom.xml>; rel="self"');
  });

  it("gives a browser a readable page with a subscribe hint, and a feed reader the feed", async () => {
    const browser = await request("/feed.xml", { headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    expect(browser.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const page = await browser.text();
    expect(page).toContain("copy its address into a feed reader");
    expect(page).toContain("<code>http://localhost:8787/feed.xml</code>");
    for (const accept of ["application/rss+xml, application/xml;q=0.9, text/html;q=0.8", "*/*", ""]) {
      const reader = await request("/feed.xml", { headers: accept ? { Accept: accept } : {} });
      expect(reader.headers.get("Content-Type"), accept).toBe("application/rss+xml; charset=utf-8");
      await reader.body?.cancel();
    }
  });

  it("advertises a configured WebSub hub in the Link header and in every format", async () => {
    const app = createApp();
    const hubEnv = { ...env, WEBSUB_HUB_URL: "https://hub.example.net/" };
    const rss = await app.request("/feed.xml", {}, hubEnv);
    expect(rss.headers.get("Link")).toBe('<http://localhost:8787/feed.xml>; rel="self", <https://hub.example.net/>; rel="hub"');
    const channel = childNamed(parseXmlStrict(await rss.text()), "channel");
    expect(childrenNamed(channel, "atom:link").map((l) => [l.attributes["rel"], l.attributes["href"]])).toContainEqual(["hub", "https://hub.example.net/"]);
    const atom = parseXmlStrict(await (await app.request("/atom.xml", {}, hubEnv)).text());
    expect(childrenNamed(atom, "link").some((l) => l.attributes["rel"] === "hub")).toBe(true);
    const json = (await (await app.request("/feed.json", {}, hubEnv)).json()) as { hubs: unknown };
    expect(json.hubs).toEqual([{ type: "WebSub", url: "https://hub.example.net/" }]);
  });
});

describe("HEAD", () => {
  it("answers HEAD wherever GET answers, with the same status and headers and no body", async () => {
    for (const path of ["/", "/feed.xml", "/sections/harbour/atom.xml", "/api/articles/story-1", "/articles/story-1", "/api/articles/nope"]) {
      const [get, head] = [await request(path), await request(path, { method: "HEAD" })];
      expect(head.status, path).toBe(get.status);
      expect(head.headers.get("Content-Type"), path).toBe(get.headers.get("Content-Type"));
      expect(await head.text(), path).toBe("");
      await get.body?.cancel();
    }
  });
});
