/**
 * A real feed reader reads our feeds: python3-feedparser (Debian package) via tests/tools/read_feed.py.
 * JSON Feed is not covered: feedparser does not read JSON.
 * Without feedparser the suite fails when CI is set and skips, saying why, on a workstation.
 */
import { describe, expect, it } from "vitest";
import { renderAtom, renderRss } from "../tools/render-text.ts";
import { JOONGANG_ARTICLE, SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";
import { describeFeedparserAvailability, feedparserMissing, readWithFeedparser } from "../tools/feedparser.ts";

describeFeedparserAvailability();

describe.skipIf(feedparserMissing !== undefined)("python3-feedparser reads our feeds", () => {
  const read = readWithFeedparser;

  const lead = JOONGANG_ARTICLE;

  it("RSS 2.0: not bozo; feed, entry, author, 1 enclosure, 5 media:content with credits", () => {
    const parsed = read("feed.xml", renderRss(SAMPLE_ARTICLES, SAMPLE_META));
    expect(parsed.bozo_exception).toBeNull();
    expect(parsed.bozo).toBe(false);
    expect(parsed.version).toBe("rss20");
    expect(parsed.feed).toEqual({ title: SAMPLE_META.title, link: SAMPLE_META.homePageUrl, language: "en" });
    expect(parsed.entries).toHaveLength(SAMPLE_ARTICLES.length);
    const entry = parsed.entries[0]!;
    expect(entry.title).toBe(lead.title);
    expect(entry.link).toBe(lead.url);
    expect(entry.id).toBe(`${SAMPLE_META.permalinkBase}/${lead.id}`);
    expect(entry.published).toBe("Wed, 30 Apr 2025 00:00:00 GMT");
    expect(entry.author).toBe("Han Jee-hye");
    expect(entry.authors).toEqual([{ name: "Han Jee-hye" }]);
    // media:description goes into feedparser's summary/content machinery; the item summary must survive it.
    expect(entry.summary).toBe(lead.summary);
    expect(entry.enclosures).toEqual([{ href: lead.images[0]!.url, type: "image/jpeg", length: "0" }]);
    expect(entry.media_content.map((m) => m["url"])).toEqual(lead.images.map((image) => image.url));
    expect(entry.media_content.every((m) => m["medium"] === "image" && m["type"] === "image/jpeg")).toBe(true);
    expect(entry.media_credit.map((c) => c.content)).toEqual(lead.images.map((image) => image.credit));
    expect(entry.tags).toEqual(["National", "North Korea", "Russia", "Kursk"]);
  });

  it("Atom 1.0: not bozo; feed, entry, author, 5 rel=enclosure links with captions", () => {
    const parsed = read("atom.xml", renderAtom(SAMPLE_ARTICLES, SAMPLE_META));
    expect(parsed.bozo_exception).toBeNull();
    expect(parsed.bozo).toBe(false);
    expect(parsed.version).toBe("atom10");
    expect(parsed.feed).toEqual({ title: SAMPLE_META.title, link: SAMPLE_META.homePageUrl, language: "en" });
    const entry = parsed.entries[0]!;
    expect(entry.title).toBe(lead.title);
    expect(entry.link).toBe(lead.url);
    expect(entry.id).toBe(`${SAMPLE_META.permalinkBase}/${lead.id}`);
    expect(entry.published).toBe(lead.publishedAt);
    expect(entry.authors).toEqual([{ name: "Han Jee-hye", email: "lim.jeongwon@joongang.co.kr" }]);
    const enclosures = entry.links.filter((link) => link.rel === "enclosure");
    expect(enclosures).toHaveLength(5);
    expect(enclosures.map((link) => [link.href, link.type, link.title])).toEqual(
      lead.images.map((image) => [image.url, "image/jpeg", image.caption]),
    );
    expect(entry.enclosures).toHaveLength(5);
    expect(entry.tags).toEqual(["National", "North Korea", "Russia", "Kursk"]);
  });
});
