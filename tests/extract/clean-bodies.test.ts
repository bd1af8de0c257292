/**
 * Bodies feed readers can take as they are (issue 15): HTML that an HTML5 parser (parse5) reads back
 * to the tree that was written, and no reference left relative. tests/worker/clean-feeds.test.ts
 * checks the same on the Readability corpus.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";
import { absoluteUrl, safeLinkUrl, toUri } from "../../src/extract/urls.ts";
import { htmlProblems } from "../tools/feed-checks.ts";

const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles", url: "https://news.example/a/b.html" };
const FILLER = "<p>This paragraph exists so that the article body is long enough to be selected as the content.</p>";

function contentOf(body: string): string {
  const result = extractArticle(`<html><head><title>Test page title here</title></head><body><article>${FILLER}${body}</article></body></html>`, OPTIONS);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  expect(htmlProblems(result.article.contentHtml, "body")).toEqual([]);
  return result.article.contentHtml;
}

describe("bodies parse back to the tree that was written", () => {
  it("a paragraph interrupted by a figure is closed before it and reopened for the text after it", () => {
    // A <div> of inline content becomes a <p>; the figure reaches it through an unwrapped <span>.
    const html = contentOf(`<div>Before the photo. <span><figure><img src="/p.jpg" alt="P"><figcaption>Caption</figcaption></figure></span> After <em>the</em> photo.</div>`);
    expect(html).toContain('<p>Before the photo. </p>\n<figure><img src="https://news.example/p.jpg" alt="P"><figcaption>Caption</figcaption></figure>\n<p> After <em>the</em> photo.</p>');
  });
  it("nested paragraphs and lists inside a paragraph become siblings", () => {
    const html = contentOf(`<div>Outer <font><p>inner text of the nested paragraph</p></font> tail</div><div>List: <span><ul><li>one</li><li>two</li></ul></span></div>`);
    expect(html).toContain("<p>Outer </p>\n<p>inner text of the nested paragraph</p>\n<p> tail</p>");
    expect(html).toContain("<p>List: </p>\n<ul><li>one</li><li>two</li></ul>");
    expect(html).not.toContain("<p></p>");
  });
  it("a link inside a link is unwrapped, and a table row gets its tbody", () => {
    const html = contentOf(`<p><a href="/x">outer <a href="/y">inner</a> text</a></p><table><tr><td>cell</td></tr></table>`);
    expect(html).toContain('<a href="https://news.example/x">outer inner text</a>');
    expect(html).toContain("<table><tbody><tr><td>cell</td></tr></tbody></table>");
  });
  it("control characters never reach a body", () => {
    expect(contentOf("<p>bell\u0007 and escape\u001B gone</p>")).toContain("<p>bell and escape gone</p>");
  });
});

describe("no relative reference, every reference a URI", () => {
  it("an in-page fragment link is resolved against the article's URL", () => {
    expect(contentOf(`<p>See <a href="#notes">the notes</a>.</p>`)).toContain('<a href="https://news.example/a/b.html#notes">the notes</a>');
    expect(safeLinkUrl("#notes", undefined)).toBeUndefined(); // without a base the link is dropped
  });
  it("characters a URI cannot hold are percent-encoded; a JSON blob is no image URL", () => {
    expect(safeLinkUrl("mailto:?subject=Pi 3 for $35&body=Look", undefined)).toBe("mailto:?subject=Pi%203%20for%20$35&body=Look");
    expect(absoluteUrl("https://x.example/a?b={c}|d", undefined)).toBe("https://x.example/a?b=%7Bc%7D%7Cd");
    expect(absoluteUrl('{"default":{"src":"//img.example/a.jpg"}}', "https://news.example/a/b.html")).toBeUndefined();
    expect(toUri("https://x.example/100%")).toBe("https://x.example/100%25");
    expect(toUri("https://x.example/a\uD800b")).toBe("https://x.example/ab");
  });
});
