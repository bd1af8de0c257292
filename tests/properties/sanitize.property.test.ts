import fc from "fast-check";
import { parseDocument } from "htmlparser2";
import type { ChildNode } from "domhandler";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";

// Random pages assembled from the pieces attacks are made of: whatever the page, the stored body
// holds no executable content.
const TAGS = ["script", "style", "iframe", "frame", "object", "embed", "svg", "math", "base", "meta", "link", "form", "input", "button", "template", "noscript", "textarea", "title", "a", "img", "p", "div", "span", "figure", "figcaption", "table", "td", "code", "pre", "video", "audio", "source", "use", "animate", "set", "foreignObject"];
const ATTRS = [
  'onclick="alert(1)"', "onerror=alert(1)", 'onload="x()"', 'href="javascript:alert(1)"', 'href=" jAvAsCrIpT:alert(1)"', 'href="java&#x09;script:alert(1)"',
  'href="&#106;avascript:alert(1)"', 'href="vbscript:msgbox(1)"', 'src="javascript:alert(1)"', 'src="data:text/html,<script>alert(1)</script>"', 'srcdoc="<script>alert(1)</script>"',
  'style="background:url(javascript:alert(1))"', 'formaction="javascript:alert(1)"', 'xlink:href="javascript:alert(1)"', 'http-equiv="refresh" content="0;url=javascript:alert(1)"',
  'href="https://example.com/ok"', 'src="https://example.com/a.jpg"', 'class="x"', 'data-src="javascript:alert(1)"', 'srcset="javascript:alert(1) 1x"', 'action="javascript:x"',
];
const piece = fc.oneof(
  fc.tuple(fc.constantFrom(...TAGS), fc.array(fc.constantFrom(...ATTRS), { maxLength: 3 })).map(([t, a]) => `<${t} ${a.join(" ")}>`),
  fc.constantFrom(...TAGS).map((t) => `</${t}>`),
  fc.constantFrom("alert(1)", "Some words of the story go here and there.", "<!-- x -->", "<![CDATA[x]]>", "&lt;script&gt;", "<", ">", "\u0000"),
);
const page = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => `<html lang="en"><body><article><p>A real paragraph of the story, long enough to count as text for the extractor.</p>${parts.join("")}<p>Another paragraph.</p></article></body></html>`);

const FORBIDDEN_ELEMENTS = new Set(["script", "style", "iframe", "frame", "object", "embed", "svg", "math", "base", "meta", "link", "form", "input", "button", "template", "textarea", "use", "animate", "set", "foreignobject"]);
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background"]);

function executable(nodes: ChildNode[], found: string[]): string[] {
  for (const node of nodes) {
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
    const name = node.name.toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(name)) found.push(`<${name}>`);
    for (const [attr, value] of Object.entries(node.attribs)) {
      const a = attr.toLowerCase();
      if (a.startsWith("on") || a === "srcdoc" || a === "style" || a === "http-equiv") found.push(`${name}@${a}`);
      // Browsers ignore whitespace and controls inside a scheme: "java\tscript:" still runs.
      const scheme = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if ((URL_ATTRS.has(a) || a === "srcset") && /^(javascript|vbscript|data):|,\s*(javascript|vbscript):/.test(scheme)) found.push(`${name}@${a}=${value}`);
    }
    executable(node.children, found);
  }
  return found;
}

describe("sanitized bodies never contain executable content", () => {
  it("for random hostile pages", () => {
    fc.assert(
      fc.property(page, (html) => {
        const result = extractArticle(html, { id: "p", now: "2026-01-01T00:00:00Z", permalinkBase: "https://example.com/articles", url: "https://example.com/a" });
        if (!result.ok) return; // refusing a page is safe too
        const found = executable(parseDocument(result.article.contentHtml, { decodeEntities: true }).children, []);
        expect(found, result.article.contentHtml).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
