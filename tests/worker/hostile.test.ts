import { describe, expect, it } from "vitest";
import { parseXmlStrict } from "../tools/strict-xml.ts";
import { request, syncOk } from "./helpers.ts";

// Text a newsroom CMS really produces: CDATA terminators, C0 controls (raw and as references),
// markup characters in every field and in attribute values, and a lone surrogate.
const NASTY = `Q&A: "5 < 6" > 'x' ]]> then ]]>\u0001\u000B\u001B &#1; &#xFFFE; \uD800 end`;
const PAGE = `<!doctype html><html lang="en"><head>
<title>${NASTY} | Site</title>
<meta property="og:title" content="${NASTY.replace(/"/g, "&quot;")}">
<meta name="author" content="Ann &lt;O'Hara&gt; &amp; Co ]]>">
<meta property="article:published_time" content="2025-05-02T10:00:00+09:00">
<meta property="article:section" content="Q&amp;A ]]>">
<meta property="article:tag" content="a&lt;b ]]>">
</head><body><article>
<p>${NASTY} first paragraph with enough words to count as the lede of an article.</p>
<figure><img src="https://images.example.org/a.jpg?x=1&amp;y=%3C2%3E&amp;z=&quot;q&quot;" alt="${NASTY.replace(/"/g, "&quot;")}">
<figcaption>${NASTY} caption [AGENCY ]]&gt;]</figcaption></figure>
<p>Second paragraph <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">link</a> ]]&gt; ]]&gt;</p>
</article></body></html>`;


describe("hostile text through extraction, store and all three feeds", () => {
  it("keeps every feed well-formed and every page free of script", async () => {
    const report = await syncOk([{ name: "hostile.html", content: PAGE }]);
    expect(report.failed).toEqual([]);
    for (const path of ["/feed.xml", "/atom.xml"]) {
      const body = await (await request(path)).text();
      expect(() => parseXmlStrict(body), path).not.toThrow();
      expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(body).toContain("Q&amp;A");
    }
    const json = JSON.parse(await (await request("/feed.json")).text());
    expect(json.items).toHaveLength(1);
    expect(json.items[0].content_html).not.toMatch(/<script|javascript:|onclick/i);
    const page = await (await request("/articles/hostile")).text();
    expect(page).not.toMatch(/<script|javascript:|onclick/i);
    expect(page).toContain("Q&amp;A: &quot;5 &lt; 6&quot;");
  });
});
