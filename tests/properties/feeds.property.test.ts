import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArticleSchema, type Article, type FeedMeta } from "../../src/model/index.ts";
import { renderAtom, renderJsonFeed, renderRss } from "../tools/render-text.ts";
import { parseXmlStrict } from "../tools/strict-xml.ts";

// Whatever strings reach the model (schema-valid, but otherwise anything: controls, lone surrogates,
// CDATA terminators, markup), every feed stays well-formed XML and valid JSON Feed 1.1.
const NASTY = ["]]>", "]]]]>", "<![CDATA[", "&", "&amp;", "<", ">", '"', "'", "\u0000", "\u0001", "\u000B", "\u001B", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\r", "\r\n", "\t", "<script>alert(1)</script>", "😀", "한"];
const nasty = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom(...NASTY)), { maxLength: 6 }).map((parts) => parts.join(""));
const text = nasty.map((s) => `a${s}z`); // never empty after trimming: the schema would refuse it
// (encodeURIComponent refuses lone surrogates; a URL reaches the model already parsed anyway.)
const url = nasty.map((s) => `https://example.com/p?q=${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "?"))}&r=<${s.length}>`);

const article: fc.Arbitrary<Article> = fc
  .record({
    title: text,
    subtitle: text,
    summary: nasty,
    authors: fc.array(fc.record({ name: text, email: fc.option(fc.constant("a.b@example.com"), { nil: undefined }), url: fc.option(url, { nil: undefined }) }), { maxLength: 3 }),
    section: text,
    tags: fc.array(text, { maxLength: 3 }),
    images: fc.array(
      fc.record({ url, mimeType: fc.constantFrom("image/jpeg", "image/png", "application/octet-stream" as const), caption: text, credit: text, alt: text, byteLength: fc.option(fc.nat(), { nil: undefined }) }),
      { maxLength: 3 },
    ),
    contentHtml: nasty,
    contentText: nasty,
    url,
  })
  .map((r) => ({ id: "item-1", publishedAt: "2025-04-30T00:00:00Z", updatedAt: "2025-05-01T00:00:00Z", language: "en", wordCount: 3, ...r }) as Article)
  .filter((a) => ArticleSchema.safeParse(a).success);

const META: FeedMeta = {
  title: "Wire & <Feed> ]]>",
  description: "Test",
  homePageUrl: "https://example.com/",
  feedUrls: { rss: "https://example.com/feed.xml", atom: "https://example.com/atom.xml", json: "https://example.com/feed.json" },
  permalinkBase: "https://example.com/articles",
  language: "en",
  updatedAt: "2025-05-01T00:00:00Z",
};

/** JSON Feed 1.1's required members (version, title, items; each item an id and content). */
function checkJsonFeed(json: string): void {
  expect(json).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  const feed = JSON.parse(json);
  // The items are serialized one by one into the byte builder: the result must be exactly the
  // document JSON.stringify would write in one piece (2-space indentation, final newline).
  expect(json).toBe(JSON.stringify(feed, null, 2) + "\n");
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(typeof feed.title).toBe("string");
  for (const item of feed.items) {
    expect(typeof item.id).toBe("string");
    expect(typeof item.content_html === "string" || typeof item.content_text === "string").toBe(true);
    for (const a of item.attachments ?? []) expect(typeof a.url === "string" && typeof a.mime_type === "string").toBe(true);
  }
}

describe("feeds stay well-formed for any model content", () => {
  it("RSS, Atom and JSON Feed", () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 0, maxLength: 3 }), (articles) => {
        const items = articles.map((a, i) => ({ ...a, id: `item-${i}` }));
        parseXmlStrict(renderRss(items, META));
        parseXmlStrict(renderAtom(items, META));
        checkJsonFeed(renderJsonFeed(items, META));
      }),
      { numRuns: 300 },
    );
  });
});
