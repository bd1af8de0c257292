import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { renderRss } from "../tools/render-text.ts";
import { BARE_ARTICLE, JOONGANG_ARTICLE, MEASURED_ARTICLE, SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";
import { childNamed, childrenNamed, childText, parseXmlStrict, type XmlElement } from "../tools/strict-xml.ts";

const MEDIA_NS = "http://search.yahoo.com/mrss/";
const RFC_822_GMT = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function renderChannel(articles: readonly Article[] = SAMPLE_ARTICLES): XmlElement {
  const rss = parseXmlStrict(renderRss(articles, SAMPLE_META));
  expect(rss.name).toBe("rss");
  expect(rss.attributes["version"]).toBe("2.0");
  return childNamed(rss, "channel");
}

const items = (channel: XmlElement): XmlElement[] => childrenNamed(channel, "item");

describe("renderRss", () => {
  it("declares content, dc, atom and media namespaces on <rss>", () => {
    const rss = parseXmlStrict(renderRss(SAMPLE_ARTICLES, SAMPLE_META));
    expect(rss.attributes).toMatchObject({
      "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
      "xmlns:dc": "http://purl.org/dc/elements/1.1/",
      "xmlns:atom": "http://www.w3.org/2005/Atom",
      "xmlns:media": MEDIA_NS,
    });
  });

  it("writes the channel metadata, self link and image", () => {
    const channel = renderChannel();
    expect(childText(channel, "title")).toBe(SAMPLE_META.title);
    expect(childText(channel, "link")).toBe(SAMPLE_META.homePageUrl);
    expect(childText(channel, "description")).toBe(SAMPLE_META.description);
    expect(childText(channel, "language")).toBe("en");
    expect(childText(channel, "generator")).toBe("Wirefeed");
    expect(childText(channel, "lastBuildDate")).toBe("Wed, 30 Apr 2025 01:30:00 GMT");
    expect(childNamed(channel, "atom:link").attributes).toEqual({
      href: SAMPLE_META.feedUrls.rss,
      rel: "self",
      type: "application/rss+xml",
    });
    const image = childNamed(channel, "image");
    expect([childText(image, "url"), childText(image, "title"), childText(image, "link")]).toEqual([
      SAMPLE_META.logoUrl,
      SAMPLE_META.title,
      SAMPLE_META.homePageUrl,
    ]);
  });

  it("omits the channel image when there is no logo", () => {
    const { logoUrl: _, ...meta } = SAMPLE_META;
    expect(childrenNamed(childNamed(parseXmlStrict(renderRss([], meta)), "channel"), "image")).toHaveLength(0);
  });

  it("writes one item per article with title, link, permalink guid, dates and content", () => {
    const [item] = items(renderChannel());
    expect(childText(item!, "title")).toBe(JOONGANG_ARTICLE.title);
    expect(childText(item!, "link")).toBe(JOONGANG_ARTICLE.url);
    const guid = childNamed(item!, "guid");
    expect(guid.text).toBe(`${SAMPLE_META.permalinkBase}/${JOONGANG_ARTICLE.id}`);
    expect(guid.attributes["isPermaLink"]).toBe("true");
    expect(childText(item!, "description")).toBe(JOONGANG_ARTICLE.summary);
    expect(childText(item!, "content:encoded")).toBe(JOONGANG_ARTICLE.contentHtml);
    expect(childText(item!, "pubDate")).toBe("Wed, 30 Apr 2025 00:00:00 GMT");
    for (const each of items(renderChannel())) expect(childText(each, "pubDate")).toMatch(RFC_822_GMT);
  });

  it("writes one dc:creator with every name in order, never <author> (every reader shows the same line)", () => {
    const [joongang, measured, bare] = items(renderChannel());
    expect(childrenNamed(joongang!, "author")).toHaveLength(0); // the email is in Atom and JSON Feed only
    expect(childrenNamed(joongang!, "dc:creator").map((e) => e.text)).toEqual(["Han Jee-hye"]);
    expect(childrenNamed(measured!, "dc:creator").map((e) => e.text)).toEqual(["Kim Min-ji, Lee Joon"]);
    expect(childrenNamed(measured!, "author")).toHaveLength(0);
    expect(childrenNamed(bare!, "dc:creator")).toHaveLength(0);
    expect(childrenNamed(bare!, "author")).toHaveLength(0);
    // gofeed reads a name with round brackets or an @ as an address; feedparser takes addresses out.
    const bracketed = { ...BARE_ARTICLE, authors: [{ name: "Jane Doe (Reuters)" }, { name: "<Ed> @home" }] };
    const [item] = items(renderChannel([bracketed]));
    expect(childrenNamed(item!, "dc:creator").map((e) => e.text)).toEqual(["Jane Doe [Reuters], [Ed] \uFF20home"]);
  });

  it("writes the section and tags as categories, each once", () => {
    const [joongang] = items(renderChannel());
    expect(childrenNamed(joongang!, "category").map((e) => e.text)).toEqual(["National", "North Korea", "Russia", "Kursk"]);
  });

  it("writes ONE enclosure for the lead image, with length 0 when unknown", () => {
    const [joongang, measured, bare] = items(renderChannel());
    const lead = JOONGANG_ARTICLE.images[0]!;
    expect(childrenNamed(joongang!, "enclosure").map((e) => e.attributes)).toEqual([
      { url: lead.url, length: "0", type: "image/jpeg" },
    ]);
    expect(childNamed(measured!, "enclosure").attributes).toEqual({
      url: MEASURED_ARTICLE.images[0]!.url,
      length: "183204",
      type: "image/webp",
    });
    expect(childrenNamed(bare!, "enclosure")).toHaveLength(0);
  });

  it("writes media:content for EVERY photo with caption and credit", () => {
    const [joongang, measured, bare] = items(renderChannel());
    const media = childrenNamed(joongang!, "media:content");
    expect(media).toHaveLength(JOONGANG_ARTICLE.images.length);
    media.forEach((element, i) => {
      const image = JOONGANG_ARTICLE.images[i]!;
      expect(element.uri).toBe(MEDIA_NS);
      expect(element.attributes).toEqual({ url: image.url, type: "image/jpeg", medium: "image" });
      const description = childNamed(element, "media:description");
      expect(description.attributes).toEqual({ type: "plain" });
      expect(description.text).toBe(image.caption);
      const credit = childNamed(element, "media:credit");
      expect(credit.attributes).toEqual({});
      expect(credit.text).toBe(image.credit);
    });
    const [measuredPhoto, bareCrowd] = childrenNamed(measured!, "media:content");
    expect(measuredPhoto!.attributes).toEqual({
      url: "https://example.com/photos/blossoms.webp",
      type: "image/webp",
      medium: "image",
      fileSize: "183204",
      width: "1600",
      height: "900",
    });
    expect(bareCrowd!.children).toHaveLength(0);
    expect(childrenNamed(bare!, "media:content")).toHaveLength(0);
  });
});
