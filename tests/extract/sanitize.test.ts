import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";

const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles", url: "https://news.example/a/b.html" };

function contentOf(body: string): string {
  const result = extractArticle(`<html><head><title>Test page title here</title></head><body><article>${body}</article></body></html>`, OPTIONS);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.article.contentHtml;
}

describe("content sanitizer", () => {
  const filler = "<p>This paragraph exists so that the article body is long enough to be selected as the content.</p>";
  it("drops script, style, iframe and form with their content", () => {
    const html = contentOf(`${filler}<script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe><form><input></form><p>kept</p>`);
    expect(html).not.toMatch(/script|style|iframe|form|input|alert/);
    expect(html).toContain("<p>kept</p>");
  });
  it("drops on* handlers, style attributes and javascript: URLs", () => {
    const html = contentOf(`${filler}<p onclick="x()" style="color:red">a <a href="javascript:alert(1)">b</a> <a href=" JAVASCRIPT:alert(2)">c</a></p>`);
    expect(html).not.toMatch(/onclick|style=|javascript/i);
    expect(html).toContain("<p>a b c</p>");
  });
  it("keeps markup-looking text in <code> as text", () => {
    expect(contentOf(`${filler}<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>`)).toContain(
      "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
    );
  });
  it("absolutizes relative links and image URLs against the page URL", () => {
    const html = contentOf(`${filler}<p><a href="../c/d.html">next</a></p><figure><img src="/img/e.png" alt="E"></figure>`);
    expect(html).toContain('<a href="https://news.example/c/d.html">next</a>');
    expect(html).toContain('<img src="https://news.example/img/e.png" alt="E">');
  });
});
