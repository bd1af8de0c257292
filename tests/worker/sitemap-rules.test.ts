/**
 * The sitemap rules with a frozen clock: `now` is a parameter of the use case (src/audience/sitemaps.ts),
 * so the 2-day window, the 1,000-URL split, the month split and the exclusions are checked at fixed
 * times against the real D1 store in workerd. Articles are written through the ArticleStore, as ingest
 * writes them (feed entries per scope included).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { fullSitemap, newsSitemap, NEWS_URLS_PER_FILE } from "../../src/audience/sitemaps.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import type { Article } from "../../src/model/index.ts";
import { createD1Store, createSitemapStore } from "../../src/store/index.ts";
import { childNamed, childrenNamed, childText, parseXmlStrict } from "../tools/strict-xml.ts";

const loaded = loadConfig({ SITE_TITLE: "Test Wire", SITE_DESCRIPTION: "News", SITE_URL: "https://wire.example", SITE_LANGUAGE: "en" });
if (!loaded.ok) throw new Error("config");
const config: Config = loaded.config;
const sitemaps = () => createSitemapStore(env.DB);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const locs = (bytes: Uint8Array, element = "url") => childrenNamed(parseXmlStrict(text(bytes)), element).map((u) => childText(u, "loc"));
const at = (base: string, hours: number) => new Date(Date.parse(base) + hours * 3600_000).toISOString().replace(/\.\d+Z$/, "Z");

function article(id: string, publishedAt: string, o: Partial<Article> = {}): Article {
  return {
    id, url: `https://news.example/${id}`, title: `Story ${id}`, summary: "", authors: [], publishedAt, updatedAt: publishedAt,
    tags: [], images: [], contentHtml: "<p>Text.</p>", contentText: "Text.", wordCount: 1, ...o,
  };
}

async function store(articles: Article[]): Promise<void> {
  const db = createD1Store(env.DB);
  for (let i = 0; i < articles.length; i += 200) {
    await db.write({
      upserts: articles.slice(i, i + 200).map((a) => ({ article: a, origin: "api" as const, status: "published" as const, contentHash: `h-${a.id}`, firstIngestedAt: a.publishedAt })),
      retractions: [],
    });
  }
}

// Each group lives in its own stretch of time, so the groups do not see each other at their `now`.
const WINDOW_NOW = "2024-03-10T12:00:00Z";
const SPLIT_NOW = "2024-06-10T12:00:00Z";
const MONTHS_NOW = "2023-04-01T00:00:00Z";

beforeAll(async () => {
  await store([
    article("w-fresh", at(WINDOW_NOW, -1), {
      language: "ko-KR", section: "Harbour News", tags: ["Ferries"],
      images: [{ url: "https://img.example/lead.jpg", mimeType: "image/jpeg", byteLength: 52_000, width: 1200, height: 800 }],
    }),
    article("w-47h", at(WINDOW_NOW, -47)),
    article("w-49h", at(WINDOW_NOW, -49)),
    article("w-embargo", at(WINDOW_NOW, 5)),
    article("w-opinion", at(WINDOW_NOW, -2), { section: "Opinion" }),
    article("w-sponsored", at(WINDOW_NOW, -3), { tags: ["Sponsored Content"] }),
    article("w-unknown-photo", at(WINDOW_NOW, -4), { images: [{ url: "https://img.example/x", mimeType: "application/octet-stream" }] }),
    article("w-retracted", at(WINDOW_NOW, -5)),
  ]);
  await createD1Store(env.DB).write({ upserts: [], retractions: ["w-retracted"] });
  await store(Array.from({ length: NEWS_URLS_PER_FILE + 1 }, (_, i) => article(`s-${String(i).padStart(4, "0")}`, at(SPLIT_NOW, -1 - i / 100))));
  await store(["2023-01-05", "2023-01-20", "2023-02-03", "2023-03-09", "2023-03-10", "2023-03-11"].map((day, i) => article(`m-${i}`, `${day}T08:00:00Z`)));
});

describe("news sitemap: the 2-day window (frozen clock)", () => {
  it("holds the articles of the last 48 hours, newest first; not older ones, not embargoed, not retracted", async () => {
    const doc = (await newsSitemap(sitemaps(), config, WINDOW_NOW, undefined))!;
    const ids = locs(doc.bytes).map((u) => u!.split("/").pop());
    expect(ids).toEqual(["w-fresh", "w-opinion", "w-sponsored", "w-unknown-photo", "w-47h"]);
    // Two hours later the 47-hour-old article has aged out; the embargoed one (5 h ahead) is not live yet.
    const later = (await newsSitemap(sitemaps(), config, at(WINDOW_NOW, 2), undefined))!;
    expect(locs(later.bytes).map((u) => u!.split("/").pop())).toEqual(["w-fresh", "w-opinion", "w-sponsored", "w-unknown-photo"]);
    // Once the embargo lifts, it is in.
    const lifted = (await newsSitemap(sitemaps(), config, at(WINDOW_NOW, 6), undefined))!;
    expect(locs(lifted.bytes)[0]).toBe("https://news.example/w-embargo");
  });

  it("expires when the oldest entry ages out or the next embargo lifts, whichever is first", async () => {
    // Oldest entry 47 h old: it ages out in 1 h; the embargo lifts in 5 h.
    expect((await newsSitemap(sitemaps(), config, WINDOW_NOW, undefined))!.expiresAt).toBe(at(WINDOW_NOW, 1));
    // At +2 h the oldest entry (w-unknown-photo, 6 h old) ages out in 42 h; the embargo lifts in 3 h.
    expect((await newsSitemap(sitemaps(), config, at(WINDOW_NOW, 2), undefined))!.expiresAt).toBe(at(WINDOW_NOW, 5));
  });

  it("writes news:publication (name, language), publication_date, title, and the lead photo as image:image", async () => {
    const root = parseXmlStrict(text((await newsSitemap(sitemaps(), config, WINDOW_NOW, undefined))!.bytes));
    expect(root.uri).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const [fresh, , , unknownPhoto] = childrenNamed(root, "url");
    const news = childNamed(fresh!, "news:news");
    expect(news.uri).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(childText(childNamed(news, "news:publication"), "news:name")).toBe("Test Wire");
    // ISO 639 code: the BCP 47 tag's primary subtag.
    expect(childText(childNamed(news, "news:publication"), "news:language")).toBe("ko");
    expect(childText(news, "news:publication_date")).toBe(at(WINDOW_NOW, -1));
    expect(childText(news, "news:title")).toBe("Story w-fresh");
    const image = childNamed(fresh!, "image:image");
    expect(image.uri).toBe("http://www.google.com/schemas/sitemap-image/1.1");
    expect(childText(image, "image:loc")).toBe("https://img.example/lead.jpg");
    // A photo of unknown type is not named; the site language stands in for a missing one.
    expect(childrenNamed(unknownPhoto!, "image:image")).toEqual([]);
    expect(childText(childNamed(childNamed(unknownPhoto!, "news:news"), "news:publication"), "news:language")).toBe("en");
  });

  it("leaves out the sections and tags of SITEMAP_EXCLUDE, by name or key", async () => {
    const excluding = loadConfig({ SITE_TITLE: "Test Wire", SITE_DESCRIPTION: "News", SITE_URL: "https://wire.example", SITE_LANGUAGE: "en", SITEMAP_EXCLUDE: "section:Opinion, tag:sponsored-content" });
    if (!excluding.ok) throw new Error(JSON.stringify(excluding.issues));
    expect(excluding.config.sitemapExclude).toEqual(["section:opinion", "tag:sponsored-content"]);
    const ids = locs((await newsSitemap(sitemaps(), excluding.config, WINDOW_NOW, undefined))!.bytes).map((u) => u!.split("/").pop());
    expect(ids).toEqual(["w-fresh", "w-unknown-photo", "w-47h"]);
    const all = locs((await fullSitemap(sitemaps(), excluding.config, WINDOW_NOW, undefined))!.bytes);
    expect(all).not.toContain("https://news.example/w-opinion");
    expect(all).not.toContain("https://news.example/w-sponsored");
    expect(all).toContain("https://news.example/w-49h");
  });

  it("refuses a malformed SITEMAP_EXCLUDE at start-up", () => {
    const bad = loadConfig({ SITE_TITLE: "T", SITE_DESCRIPTION: "D", SITE_URL: "https://wire.example", SITE_LANGUAGE: "en", SITEMAP_EXCLUDE: "opinion" });
    expect(bad.ok).toBe(false);
  });
});

describe("news sitemap: more than 1,000 URLs", () => {
  it("becomes a sitemap index of 1,000-URL parts", async () => {
    const index = (await newsSitemap(sitemaps(), config, SPLIT_NOW, undefined))!;
    const root = parseXmlStrict(text(index.bytes));
    expect(root.name).toBe("sitemapindex");
    expect(locs(index.bytes, "sitemap")).toEqual(["https://wire.example/sitemap-news.xml?page=1", "https://wire.example/sitemap-news.xml?page=2"]);
    const first = locs((await newsSitemap(sitemaps(), config, SPLIT_NOW, 1))!.bytes);
    const second = locs((await newsSitemap(sitemaps(), config, SPLIT_NOW, 2))!.bytes);
    expect(first).toHaveLength(1000);
    expect(second).toEqual(["https://news.example/s-1000"]);
    expect(new Set([...first, ...second]).size).toBe(1001);
    expect(await newsSitemap(sitemaps(), config, SPLIT_NOW, 3)).toBeUndefined();
  });

  it("is a plain sitemap again at exactly 1,000", async () => {
    // The oldest article (s-1000, published 11 h before SPLIT_NOW) has just aged out; s-999 has not.
    const now = at(SPLIT_NOW, 48 - 10.995);
    const doc = (await newsSitemap(sitemaps(), config, now, undefined))!;
    expect(parseXmlStrict(text(doc.bytes)).name).toBe("urlset");
    expect(locs(doc.bytes)).toHaveLength(1000);
  });
});

describe("sitemap.xml split by month", () => {
  it("is one urlset up to the limit, and an index of month files above it", async () => {
    const whole = (await fullSitemap(sitemaps(), config, MONTHS_NOW, undefined))!;
    expect(locs(whole.bytes)).toHaveLength(6);
    expect(childText(childrenNamed(parseXmlStrict(text(whole.bytes)), "url")[0]!, "lastmod")).toBe("2023-03-11T08:00:00Z");
    // With 2 URLs per file: March (3) takes two files, January and February one each.
    const index = (await fullSitemap(sitemaps(), config, MONTHS_NOW, undefined, 2))!;
    expect(locs(index.bytes, "sitemap")).toEqual([
      "https://wire.example/sitemap.xml?month=2023-03",
      "https://wire.example/sitemap.xml?month=2023-03&page=2",
      "https://wire.example/sitemap.xml?month=2023-02",
      "https://wire.example/sitemap.xml?month=2023-01",
    ]);
    const march2 = (await fullSitemap(sitemaps(), config, MONTHS_NOW, { month: "2023-03", page: 2 }, 2))!;
    expect(locs(march2.bytes)).toEqual(["https://news.example/m-3"]);
    expect(await fullSitemap(sitemaps(), config, MONTHS_NOW, { month: "2023-05", page: 1 }, 2)).toBeUndefined();
  });
});
