/**
 * GET /sitemap-news.xml, /sitemap.xml, /robots.txt and /feeds.opml through the app in workerd, with
 * articles ingested through the API at times relative to the real clock (the frozen-clock rules are
 * in sitemap-rules.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { childNamed, childrenNamed, childText, parseXmlStrict } from "../tools/strict-xml.ts";
import { newsPage, request } from "./helpers.ts";

const INGEST = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");

async function put(id: string, date: string, o: { section?: string; tags?: string[]; author?: string } = {}) {
  const response = await request(`/api/articles/${id}`, {
    method: "PUT",
    headers: INGEST,
    body: newsPage({ title: `Story ${id}`, url: `https://news.example/${id}`, date, ...o }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

const locs = (xml: string, element = "url") => childrenNamed(parseXmlStrict(xml), element).map((u) => childText(u, "loc"));
const maxAge = (response: Response) => Number(/max-age=(\d+)/.exec(response.headers.get("Cache-Control") ?? "")?.[1]);

beforeAll(async () => {
  await put("live", ago(3600), { section: "Harbour News", tags: ["Ferries"], author: "Mira Quist" });
  await put("old", ago(10 * 86400));
  await put("retracted", ago(1800));
  expect((await request("/api/articles/retracted", { method: "DELETE", headers: INGEST })).status).toBe(204);
  // Goes live in 2 minutes: in no sitemap until then, and no sitemap is cached past that moment.
  await put("embargoed", ago(-120), { section: "Secret Section" });
});

describe("GET /sitemap-news.xml", () => {
  it("lists the live article of the last 2 days only, with ETag, Last-Modified and a max-age bounded by the embargo", async () => {
    const response = await request("/sitemap-news.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(locs(await response.text())).toEqual(["https://news.example/live"]);
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get("Last-Modified")).toBeTruthy();
    expect(maxAge(response)).toBeLessThanOrEqual(120);
    expect(maxAge(response)).toBeGreaterThan(0);
  });

  it("answers 304 to If-None-Match and to HEAD without a body", async () => {
    const first = await request("/sitemap-news.xml");
    await first.arrayBuffer();
    const again = await request("/sitemap-news.xml", { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
    const head = await request("/sitemap-news.xml", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("400 for a malformed page, 404 for a page that does not exist", async () => {
    for (const bad of ["0", "x", "1.5", "-1"]) {
      const response = await request(`/sitemap-news.xml?page=${bad}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    }
    expect((await request("/sitemap-news.xml?page=1")).status).toBe(200);
    expect((await request("/sitemap-news.xml?page=2")).status).toBe(404);
  });
});

describe("GET /sitemap.xml", () => {
  it("lists every live article with its lastmod, never the retracted or embargoed one", async () => {
    const response = await request("/sitemap.xml");
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(locs(xml)).toEqual(["https://news.example/live", "https://news.example/old"]);
    expect(xml).not.toContain("news:news");
    expect(maxAge(response)).toBeLessThanOrEqual(120);
  });

  it("validates month and page", async () => {
    expect((await request("/sitemap.xml?month=2025-13")).status).toBe(400);
    expect((await request("/sitemap.xml?page=2")).status).toBe(400);
    expect((await request("/sitemap.xml?month=1999-01")).status).toBe(404);
    const month = ago(3600).slice(0, 7);
    expect(locs(await (await request(`/sitemap.xml?month=${month}`)).text())).toContain("https://news.example/live");
  });
});

describe("GET /robots.txt", () => {
  it("names both sitemaps by absolute URL", async () => {
    const response = await request("/robots.txt");
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const lines = (await response.text()).split("\n");
    expect(lines).toContain("Sitemap: http://localhost:8787/sitemap.xml");
    expect(lines).toContain("Sitemap: http://localhost:8787/sitemap-news.xml");
    expect(lines).toContain("User-agent: *");
  });
});

describe("GET /feeds.opml", () => {
  it("lists the site, section, tag and author feeds in RSS, with Atom and JSON Feed as alternates", async () => {
    const response = await request("/feeds.opml");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/x-opml; charset=utf-8");
    const root = parseXmlStrict(await response.text());
    expect(root.attributes.version).toBe("2.0");
    const body = childNamed(root, "body");
    const [site, ...groups] = body.children;
    expect(site!.attributes).toMatchObject({
      type: "rss",
      xmlUrl: "http://localhost:8787/feed.xml",
      "wirefeed:atomUrl": "http://localhost:8787/atom.xml",
      "wirefeed:jsonUrl": "http://localhost:8787/feed.json",
    });
    const byGroup = Object.fromEntries(groups.map((g) => [g.attributes.text, g.children.map((o) => o.attributes.xmlUrl)]));
    expect(byGroup).toEqual({
      Sections: ["http://localhost:8787/sections/harbour-news/feed.xml"],
      Tags: ["http://localhost:8787/tags/ferries/feed.xml"],
      Authors: ["http://localhost:8787/authors/mira-quist/feed.xml"],
    });
    // The embargoed article's section is not public yet.
    expect(JSON.stringify(root)).not.toContain("secret-section");
    const again = await request("/feeds.opml", { headers: { "If-None-Match": response.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });

  it("is linked from the home page", async () => {
    expect(await (await request("/")).text()).toContain('href="/feeds.opml"');
  });
});
