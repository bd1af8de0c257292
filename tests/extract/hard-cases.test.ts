import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";

/** Hostile and broken input: always a value (result or typed failure), never a throw. No time is asserted. */
const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" };
const PARAGRAPH = `<p>${"The council met on Tuesday to discuss the river, the bridge and the market. ".repeat(3)}</p>`;

describe("hard cases", { timeout: 60_000 }, () => {
  it.each([
    ["10,000-deep nesting", `<html><body>${"<div>".repeat(10_000)}${PARAGRAPH}${"</div>".repeat(10_000)}</body></html>`],
    ["10,000 unclosed elements", `<html><body>${"<div><span>".repeat(10_000)}${PARAGRAPH}`],
    ["a 5 MB page", `<html><body><article>${PARAGRAPH.repeat(Math.ceil(5e6 / PARAGRAPH.length))}</article></body></html>`],
  ])("%s yields the text", (_, html) => {
    const result = extractArticle(html, OPTIONS);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.contentText).toContain("The council met on Tuesday");
  });

  it("refuses input above the size limit with a reason", () => {
    const result = extractArticle(new Uint8Array(9 * 1024 * 1024).fill(0x61), OPTIONS);
    expect(result.ok).toBe(false);
  });

  it("binary garbage is a typed failure", () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919 + 13) % 256);
    const result = extractArticle(bytes, OPTIONS);
    expect(result.ok).toBe(false);
  });

  const tag = fc.constantFrom("div", "p", "span", "a", "img", "figure", "figcaption", "script", "table", "td", "br", "h1", "article", "noscript");
  const attr = fc.constantFrom("", ' class="byline"', ' src="//x/y.jpg"', ' data-src="/a.png"', ' srcset="a.jpg 1x, b.jpg 2x"', ' href="javascript:x"', ' width="1"', ' itemprop="author"');
  const piece = fc.oneof(
    fc.tuple(tag, attr).map(([t, a]) => `<${t}${a}>`),
    tag.map((t) => `</${t}>`),
    fc.string(),
    fc.constantFrom("By JANE DOE [jane@x.org]", "<![CDATA[", "-->", "<!--", "&amp;", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[{\"name\":", "<meta charset=euc-kr>"),
  );

  it("random HTML never makes extractArticle throw", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const result = extractArticle(pieces.join(""), OPTIONS);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("random bytes never make extractArticle throw", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      expect(typeof extractArticle(bytes, OPTIONS).ok).toBe("boolean");
    }), { numRuns: 300 });
  });
});
