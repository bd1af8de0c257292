import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { expectedArticles } from "../tools/expected-articles.ts";
import { describeFeedparserAvailability, feedparserMissing, readWithFeedparser } from "../tools/feedparser.ts";

// python3-feedparser reads the feeds `npm start` serves for articles/ (the golden files, which
// tests/worker/feeds.test.ts proves are the served bytes) and sees every article as the model has it.
const golden = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");
const articles: Article[] = expectedArticles();
const byLink = (link: string) => articles.find((a) => a.url === link)!;
const rfc822 = (iso: string) => new Date(iso).toUTCString();

describeFeedparserAvailability();

describe.skipIf(feedparserMissing !== undefined)("python3-feedparser reads the served feeds of articles/", () => {
  it("RSS: every item's title, link, date, authors, enclosure and photo credits", () => {
    const feed = readWithFeedparser("feed.xml", golden("feed.xml"));
    expect(feed.bozo_exception).toBeNull();
    expect(feed.version).toBe("rss20");
    expect(feed.entries).toHaveLength(articles.length);
    for (const entry of feed.entries) {
      const article = byLink(entry.link);
      expect(entry.title).toBe(article.title);
      expect(entry.published).toBe(rfc822(article.publishedAt));
      // One dc:creator with every name in order (README "What the feeds carry").
      expect(entry.authors.map((a) => a.name)).toEqual(article.authors.length ? [article.authors.map((a) => a.name).join(", ")] : []);
      expect(entry.enclosures).toEqual(
        article.images.slice(0, 1).map((i) => ({ href: i.url, type: i.mimeType, length: String(i.byteLength ?? 0) })),
      );
      expect(entry.media_content.map((m) => m["url"])).toEqual(article.images.map((i) => i.url));
      expect(entry.media_credit.map((c) => c.content)).toEqual(article.images.filter((i) => i.credit).map((i) => i.credit));
    }
    const sample = feed.entries.find((e) => e.link.endsWith("/000_4c4acd25798775f3"))!;
    expect(sample.authors).toEqual([{ name: "Han Jee-hye" }]); // RSS carries no email (Atom and JSON Feed do)
    expect(sample.media_credit.map((c) => c.content)).toEqual(["SCREEN CAPTURE", "SCREEN CAPTURE", "SCREEN CAPTURE", "SCREEN CAPTURE", "YONHAP"]);
  });

  it("Atom: every entry's title, link, date, authors, and each photo as an enclosure link titled with its caption", () => {
    const feed = readWithFeedparser("atom.xml", golden("atom.xml"));
    expect(feed.bozo_exception).toBeNull();
    expect(feed.version).toBe("atom10");
    expect(feed.entries).toHaveLength(articles.length);
    for (const entry of feed.entries) {
      const article = byLink(entry.link);
      expect(entry.title).toBe(article.title);
      expect(Date.parse(entry.published)).toBe(Date.parse(article.publishedAt));
      expect(entry.authors.map((a) => a.name)).toEqual(article.authors.length ? [article.authors.map((a) => a.name).join(", ")] : []);
      const enclosures = entry.links.filter((l) => l.rel === "enclosure");
      expect(enclosures.map((l) => [l.href, l.type])).toEqual(article.images.map((i) => [i.url, i.mimeType]));
      expect(enclosures.map((l) => l.title)).toEqual(article.images.map((i) => i.caption));
    }
  });
});
