import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH } from "../../src/extract/document.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { MAX_EMPHASIS_PER_BLOCK, MAX_MARKDOWN_CHARS, MAX_MARKDOWN_NESTING } from "../../src/extract/markdown-bounds.ts";
import { renderMarkdown } from "../../src/extract/markdown.ts";
import { MAX_ELEMENTS, prepassMarkup } from "../../src/extract/prepass.ts";
import { corpusAvailable, loadCorpus } from "./corpus/load.ts";

// Issue 13 items 3 and 4: hostile markup and Markdown are bounded before a DOM (or marked's token
// tree) is built, and extraction answers a value, never a throw. No time is asserted: what is
// checked is the shape of what reaches the parsers (their cost follows from it), and each case
// also runs end to end through extractArticle.
const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" };
const PARAGRAPH = `<p>${"The council met on Tuesday to discuss the river, the bridge and the market. ".repeat(3)}</p>`;
const PROSE = "The council met on Tuesday to discuss the river, the bridge and the market. ".repeat(3);

/** The deepest stack htmlparser2's Parser reaches on this markup. */
function parserDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser({ onopentag: () => (deepest = Math.max(deepest, ++depth)), onclosetag: () => depth-- });
  parser.write(html);
  parser.end();
  return deepest;
}
const bounded = (html: string) => {
  const result = prepassMarkup([html]);
  if (!result.ok) throw new Error(result.reason);
  return result.chunks.join("");
};

describe("the markup pre-pass", () => {
  const deep: [string, string][] = [
    ["10,000 nested divs", `<html><body>${"<div>".repeat(10_000)}${PARAGRAPH}${"</div>".repeat(10_000)}</body></html>`],
    ["10,000 unclosed div+span", `<html><body>${"<div><span>".repeat(10_000)}${PARAGRAPH}`],
    ["nested tables", `<body>${"<table><tr><td>".repeat(3_000)}${PARAGRAPH}`],
    ["nested svg with self-closing tags", `<body>${"<svg><g/>".repeat(3_000)}${"</svg>".repeat(3_000)}${PARAGRAPH}`],
    ["deep quotes with stray </p>", `<body>${"<blockquote></p>".repeat(3_000)}${PARAGRAPH}`],
  ];
  for (const [what, html] of deep) {
    it(`keeps the Parser within ${MAX_DEPTH} levels for ${what}, and the text`, () => {
      expect(parserDepth(html)).toBeGreaterThan(MAX_DEPTH); // the case is a real one
      const out = bounded(html);
      expect(parserDepth(out)).toBeLessThanOrEqual(MAX_DEPTH + 1);
      expect(out).toContain("The council met on Tuesday");
      const result = extractArticle(html, OPTIONS);
      expect(result.ok && result.article.contentText).toContain("The council met on Tuesday");
    });
  }

  it("drops a too-deep <script> with its content, not just its tags", () => {
    const out = bounded(`<body>${"<div>".repeat(MAX_DEPTH + 5)}<script>var secret = "x<b>y";</script><style>p{}</style>${PARAGRAPH}`);
    expect(out).not.toContain("secret");
    expect(out).not.toContain("p{}");
    expect(out).toContain("The council met");
  });

  it(`refuses more than ${MAX_ELEMENTS} elements before any tree is built`, () => {
    const html = `<html><body>${"<div>".repeat(660_000)}${PARAGRAPH}`; // 3.3 MB of nested <div>s (issue 13)
    expect(prepassMarkup([html])).toMatchObject({ ok: false, reason: expect.stringContaining(`more than ${MAX_ELEMENTS} elements`) });
    expect(extractArticle(html, OPTIONS)).toMatchObject({ ok: false, issues: [{ path: "(input)" }] });
    expect(prepassMarkup([`<body>${"</p>".repeat(MAX_ELEMENTS + 1)}`])).toMatchObject({ ok: false });
  });

  it("leaves shallow markup exactly as it was", () => {
    const html = `<!doctype html><html><head><title>x</title></head><body><ul><li>a<li>b</ul><p>one<p>two<table><tr><td>c<td>d</table>${PARAGRAPH}</body></html>`;
    expect(prepassMarkup([html, "<p>more</p>"])).toEqual({ ok: true, chunks: [html, "<p>more</p>"], flattened: 0 });
  });

  it.runIf(corpusAvailable())("leaves every Readability corpus page unflattened", () => {
    for (const page of loadCorpus()) expect(prepassMarkup([page.html]), page.name).toMatchObject({ ok: true, flattened: 0 });
  });
});

describe("Markdown bounds", () => {
  it("refuses 600 KB of *a*a… (marked is quadratic there) as a value", () => {
    expect(renderMarkdown("*a".repeat(300_000))).toMatchObject({ ok: false, reason: expect.stringContaining("emphasis") });
    expect(extractArticle("*a".repeat(300_000), { ...OPTIONS, contentType: "text/markdown" })).toMatchObject({ ok: false });
    expect(renderMarkdown(`${PROSE} ${"_a".repeat(MAX_EMPHASIS_PER_BLOCK + 1)}`)).toMatchObject({ ok: false });
    expect(renderMarkdown(`${PROSE} ${"_a".repeat(MAX_EMPHASIS_PER_BLOCK / 2)}`)).toMatchObject({ ok: true });
  });

  it("reads 100,000 nested > quotes and list markers as 16 levels, without throwing", () => {
    for (const prefix of ["> ", ">", "- ", "1. ", "> - "]) {
      const result = renderMarkdown(`${prefix.repeat(100_000)}too deep\n\n${PROSE}`);
      expect(result.ok, prefix).toBe(true);
      if (!result.ok) continue;
      expect(result.html).toContain("too deep");
      expect(parserDepth(result.html), prefix).toBeLessThanOrEqual(2 * MAX_MARKDOWN_NESTING + 2);
    }
    const extracted = extractArticle(`${">".repeat(100_000)} too deep\n\n${PROSE}`, { ...OPTIONS, contentType: "text/markdown" });
    expect(extracted.ok).toBe(true);
  });

  it("flattens lists nested by indentation", () => {
    const result = renderMarkdown(Array.from({ length: 500 }, (_, i) => `${" ".repeat(2 * i)}- item ${i}`).join("\n"));
    expect(result.ok && parserDepth(result.html)).toBeLessThanOrEqual(2 * MAX_MARKDOWN_NESTING + 4); // ul + li per level
    expect(result.ok && result.html).toContain("item 499");
  });

  it("refuses Markdown over the size cap, and keeps ordinary emphasis and code fences", () => {
    expect(renderMarkdown("a".repeat(MAX_MARKDOWN_CHARS + 1))).toMatchObject({ ok: false });
    const fenced = "```\n" + "snake_case_name = 1\n".repeat(500) + "```\n\nSome *emphasis* and __strong__ text.";
    const result = renderMarkdown(fenced);
    expect(result.ok && result.html).toContain("<em>emphasis</em>");
    expect(result.ok && result.html).toContain("snake_case_name");
  });
});
