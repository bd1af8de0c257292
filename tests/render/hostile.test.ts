/**
 * Every string field carries C0 controls, lone surrogates, U+FFFE/U+FFFF, two `]]>` and the markup
 * characters. Renderers do not validate, so even input the schema would refuse (an id or URL with
 * markup in it) must give well-formed output whose text reads back as the input minus what the
 * format cannot carry: the same characters in all three formats, plain-text fields (titles,
 * summaries, captions) as plain text (fields.ts feedText), and article URLs as valid URIs
 * (fields.ts feedUri).
 */
import { describe, expect, it } from "vitest";
import type { Article, FeedMeta, Image, ImageMimeType } from "../../src/model/index.ts";
import { feedUri, feedText, rssName } from "../../src/render/fields.ts";
import { escapeXml, stripInvalidXmlChars } from "../../src/render/index.ts";
import { renderAtom, renderJsonFeed, renderRss } from "../tools/render-text.ts";
import { childNamed, childrenNamed, childText, parseXmlStrict, type XmlElement } from "../tools/strict-xml.ts";

// [text, carried by XML, carried by JSON]. Lone surrogates are never adjacent to a partner.
const PIECES: ReadonlyArray<readonly [string, boolean, boolean]> = [
  ["\u0000", false, true],
  ["<b>", true, true],
  ["\u0001", false, true],
  ["\uD800", false, false],
  [" & ", true, true],
  ["\u000B", false, true],
  ['"q"', true, true],
  ["\u001B", false, true],
  ["'a'", true, true],
  ["\uDFFF", false, false],
  ["]]>", true, true],
  ["\uFFFE", false, true],
  [" x]]>y ", true, true],
  ["\uFFFF", false, true],
  ["\t\r\n\r ", true, true],
  ["\u001F", false, true],
  ["&amp; 😀 한 >", true, true],
  ["\u0008\u000C", false, true],
];

const hostile = (label: string): string => label + PIECES.map(([text]) => text).join("");
const forXml = (s: string): string => s.slice(0, s.length - PIECES.reduce((n, [t]) => n + t.length, 0)) + PIECES.filter(([, xml]) => xml).map(([t]) => t).join("");
const forJson = (s: string): string => s.slice(0, s.length - PIECES.reduce((n, [t]) => n + t.length, 0)) + PIECES.filter(([, , json]) => json).map(([t]) => t).join("");

const URL_QUERY = `https://example.com/a?x=1&y=<2>"'`;
const hostileUrl = (label: string): string => hostile(`${URL_QUERY}&${label}=`);

const IMG1 = {
  url: hostileUrl("img1"),
  mimeType: hostile("mime") as ImageMimeType,
  caption: hostile("caption1"),
  credit: hostile("credit1"),
  alt: hostile("alt1"),
} satisfies Image;
const IMG2 = { url: hostileUrl("img2"), mimeType: "image/png", byteLength: 10, caption: hostile("caption2"), credit: hostile("credit2") } satisfies Image;

const HOSTILE_ARTICLE = {
  id: hostile("id"),
  url: hostileUrl("url"),
  title: hostile("title"),
  subtitle: hostile("subtitle"),
  summary: hostile("summary"),
  authors: [{ name: hostile("author"), email: hostile("email"), url: hostileUrl("author-url") }],
  publishedAt: "2025-04-30T00:00:00Z",
  updatedAt: "2025-04-30T01:00:00Z",
  language: hostile("lang"),
  section: hostile("section"),
  tags: [hostile("tag1"), hostile("tag2")],
  images: [IMG1, IMG2],
  contentHtml: hostile("<p>content</p>"),
  contentText: hostile("text"),
  wordCount: 1,
} satisfies Article;

const META: FeedMeta = {
  title: hostile("feed-title"),
  description: hostile("feed-description"),
  homePageUrl: hostileUrl("home"),
  feedUrls: { rss: hostileUrl("rss"), atom: hostileUrl("atom"), json: hostileUrl("json") },
  permalinkBase: "https://wirefeed.example.com/articles",
  language: "en",
  logoUrl: hostileUrl("logo"),
  iconUrl: hostileUrl("icon"),
  updatedAt: "2025-04-30T01:00:00Z",
  generator: hostile("generator"),
};

const a = HOSTILE_ARTICLE;
/** What a plain-text field reads as, and an article URL. */
const plain = (s: string) => stripInvalidXmlChars(feedText(s));
const uri = (s: string) => {
  const value = feedUri(s)!;
  expect(value).toMatch(/^https:\/\/example\.com\/a\?[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/); // RFC 3986 characters only
  return value;
};
const [img1, img2] = [IMG1, IMG2];
const texts = (elements: XmlElement[]): string[] => elements.map((e) => e.text);

describe("hostile text", () => {
  it("RSS strict-parses and every value round-trips minus XML-invalid characters", () => {
    const channel = childNamed(parseXmlStrict(renderRss([a], META)), "channel");
    expect(childText(channel, "title")).toBe(plain(META.title));
    expect(childText(channel, "description")).toBe(plain(META.description));
    expect(childText(channel, "link")).toBe(forXml(META.homePageUrl));
    expect(childText(channel, "generator")).toBe(forXml(META.generator!));
    expect(childNamed(channel, "atom:link").attributes["href"]).toBe(forXml(META.feedUrls.rss));
    const item = childNamed(channel, "item");
    expect(childText(item, "title")).toBe(plain(a.title));
    expect(childText(item, "link")).toBe(uri(a.url));
    expect(childText(item, "guid")).toBe(`${META.permalinkBase}/${forXml(a.id)}`);
    // RSS item description is HTML: the plain-text summary arrives HTML-escaped, to be read as text.
    expect(childText(item, "description")).toBe(escapeXml(feedText(a.summary)));
    expect(childText(item, "content:encoded")).toBe(forXml(a.contentHtml));
    expect(childrenNamed(item, "author")).toHaveLength(0); // never <author>: one dc:creator line
    expect(texts(childrenNamed(item, "dc:creator"))).toEqual([stripInvalidXmlChars(rssName(a.authors[0]!.name))]);
    const twoAuthors = { ...a, authors: [a.authors[0]!, { name: "Co-author & <co> ]]>" }] };
    const coItem = childNamed(childNamed(parseXmlStrict(renderRss([twoAuthors], META)), "channel"), "item");
    expect(texts(childrenNamed(coItem, "dc:creator"))).toEqual([`${stripInvalidXmlChars(rssName(a.authors[0]!.name))}, Co-author & [co] ]]]`]);
    expect(texts(childrenNamed(item, "category"))).toEqual([a.section, ...a.tags].map(plain));
    expect(childNamed(item, "enclosure").attributes).toEqual({ url: uri(img1.url), length: "0", type: forXml(img1.mimeType) });
    const media = childrenNamed(item, "media:content");
    expect(media.map((m) => m.attributes["url"])).toEqual([uri(img1.url), uri(img2.url)]);
    expect(media[0]!.attributes["type"]).toBe(forXml(img1.mimeType));
    expect(media.map((m) => childText(m, "media:description"))).toEqual([plain(img1.caption), plain(img2.caption)]);
    expect(media.map((m) => childText(m, "media:credit"))).toEqual([forXml(img1.credit), forXml(img2.credit)]);
  });

  it("Atom strict-parses and every value round-trips minus XML-invalid characters", () => {
    const feed = parseXmlStrict(renderAtom([a], META));
    expect(childText(feed, "title")).toBe(plain(META.title));
    expect(childText(feed, "subtitle")).toBe(plain(META.description));
    expect(childText(feed, "id")).toBe(forXml(META.feedUrls.atom));
    const entry = childNamed(feed, "entry");
    expect(entry.attributes["xml:lang"]).toBe(forXml(a.language));
    expect(childText(entry, "id")).toBe(`${META.permalinkBase}/${forXml(a.id)}`);
    expect(childText(entry, "title")).toBe(plain(a.title));
    expect(childText(entry, "summary")).toBe(plain(a.summary));
    expect(childText(entry, "content")).toBe(forXml(a.contentHtml));
    const author = childNamed(entry, "author");
    expect([childText(author, "name"), childText(author, "email"), childText(author, "uri")]).toEqual(
      [forXml(a.authors[0]!.name), forXml(a.authors[0]!.email), uri(a.authors[0]!.url)],
    );
    const links = childrenNamed(entry, "link");
    expect(links.map((l) => l.attributes["href"])).toEqual([a.url, img1.url, img2.url].map(uri));
    expect(links.slice(1).map((l) => l.attributes["title"])).toEqual([img1.caption, img2.caption].map(plain));
    expect(links[1]!.attributes["type"]).toBe(forXml(img1.mimeType));
    expect(childrenNamed(entry, "category").map((c) => c.attributes["term"])).toEqual([a.section, ...a.tags].map(plain));
  });

  it("JSON Feed parses and every value round-trips minus what XML cannot carry either (C0 controls, lone surrogates, U+FFFE/U+FFFF)", () => {
    const json = renderJsonFeed([a], META);
    // JSON.stringify writes a surrogate pair as the character itself, so any \\uD800-\\uDFFF escape is a lone
    // one; C0 controls would be \\u00XX, \\b or \\f.
    expect(json).not.toMatch(/\\ud[89a-f][0-9a-f]{2}|\\u00[01]|\\[bf]|[\uFFFE\uFFFF]/i);
    const feed = JSON.parse(json) as Record<string, unknown>;
    expect(feed["title"]).toBe(plain(META.title));
    const [item] = feed["items"] as Array<Record<string, unknown>>;
    expect(item).toMatchObject({
      id: `${META.permalinkBase}/${forXml(a.id)}`,
      url: uri(a.url),
      title: plain(a.title),
      summary: plain(a.summary),
      content_html: forXml(a.contentHtml),
      image: uri(img1.url),
      authors: [{ name: forXml(a.authors[0]!.name), url: uri(a.authors[0]!.url) }],
      tags: [a.section, ...a.tags].map(plain),
      language: forXml(a.language),
      attachments: [
        { url: uri(img1.url), mime_type: forXml(img1.mimeType), title: plain(img1.caption) },
        { url: uri(img2.url), mime_type: "image/png", title: plain(img2.caption), size_in_bytes: 10 },
      ],
      _wirefeed: {
        images: [
          { url: uri(img1.url), caption: forXml(img1.caption), credit: forXml(img1.credit), alt: forXml(img1.alt) },
          { url: uri(img2.url), caption: forXml(img2.caption), credit: forXml(img2.credit) },
        ],
      },
    });
  });

  it("a hostile string is hostile (guards the fixture itself)", () => {
    const s = hostile("t");
    expect(s.split("]]>").length - 1).toBeGreaterThanOrEqual(2);
    for (const needle of ["\u0000", "\u0001", "\u000B", "\u001B", "\uD800", "\uDFFF", "\uFFFE", "\uFFFF", "&", "<", ">", '"', "'"]) {
      expect(s).toContain(needle);
    }
    expect(forXml(s)).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });
});
