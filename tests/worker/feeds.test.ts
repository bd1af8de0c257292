import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseXmlStrict } from "../tools/strict-xml.ts";
import { ARTICLE_FILES, request, syncOk } from "./helpers.ts";

// What `npm start` serves for articles/: rendered by the unit project from the expected Articles.
const GOLDEN = import.meta.glob<string>("../fixtures/feeds/*", { query: "?raw", import: "default", eager: true });
const golden = (name: string) => GOLDEN[`../fixtures/feeds/${name}`]!;


const FEEDS = [
  { path: "/feed.xml", type: "application/rss+xml; charset=utf-8", golden: "feed.xml" },
  { path: "/atom.xml", type: "application/atom+xml; charset=utf-8", golden: "atom.xml" },
  { path: "/feed.json", type: "application/feed+json; charset=utf-8", golden: "feed.json" },
];

describe("the three feeds, served from workerd", () => {
  beforeAll(async () => {
    expect((await syncOk(ARTICLE_FILES)).failed).toEqual([]);
  });

  for (const feed of FEEDS) {
    it(`GET ${feed.path} serves the golden bytes with its content type, ETag and Last-Modified`, async () => {
      const response = await request(feed.path);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(feed.type);
      expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}"$/);
      expect(response.headers.get("Last-Modified")).toMatch(/GMT$/);
      const body = await response.text();
      expect(body).toBe(golden(feed.golden));
      if (feed.golden.endsWith(".xml")) expect(parseXmlStrict(body).children.length).toBeGreaterThan(0);
      else expect(JSON.parse(body).version).toBe("https://jsonfeed.org/version/1.1");
    });

    it(`GET ${feed.path} answers 304 to a matching If-None-Match and If-Modified-Since, and HEAD without a body`, async () => {
      const first = await request(feed.path);
      const etag = first.headers.get("ETag")!;
      const lastModified = first.headers.get("Last-Modified")!;
      await first.body?.cancel();
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const cached = await request(feed.path, { headers: { "If-None-Match": ifNoneMatch } });
        expect(cached.status, ifNoneMatch).toBe(304);
        expect(await cached.text()).toBe("");
      }
      expect((await request(feed.path, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);
      expect((await request(feed.path, { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
      const head = await request(feed.path, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("Content-Type")).toBe(feed.type);
      expect(await head.text()).toBe("");
    });
  }

  it("changes the feed bytes (and ETag) only when the content changes", async () => {
    const before = await request("/feed.xml");
    const etag = before.headers.get("ETag");
    await before.body?.cancel();
    await syncOk(ARTICLE_FILES); // unchanged
    expect((await request("/feed.xml")).headers.get("ETag")).toBe(etag);
    const edited = ARTICLE_FILES.map((f) =>
      f.name.endsWith(".txt") ? { ...f, content: f.content.replace("North Korea did not attend", "North Korea skipped") } : f,
    );
    await syncOk(edited);
    const after = await request("/feed.xml");
    expect(after.headers.get("ETag")).not.toBe(etag);
    expect(await after.text()).toContain("North Korea skipped");
  });

  it("lists the feeds with autodiscovery links on /", async () => {
    const response = await request("/");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<link rel="alternate" type="application/rss+xml" title="Wirefeed (RSS 2.0)" href="http://localhost:8787/feed.xml">');
    expect(page).toContain('type="application/atom+xml"');
    expect(page).toContain('type="application/feed+json"');
    expect(page).toContain('href="/articles/000_4c4acd25798775f3"');
  });

  it("refuses to serve with invalid settings, naming the bad variable", async () => {
    const app = createApp();
    const response = await app.request("/feed.xml", {}, { ...env, SITE_URL: "not a url", SITE_LANGUAGE: "english!" });
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { title: string; errors: { path: string }[] };
    expect(problem.title).toBe("Internal Server Error");
    expect(problem.errors.map((e) => e.path).sort()).toEqual(["SITE_LANGUAGE", "SITE_URL"]);
  });
});
