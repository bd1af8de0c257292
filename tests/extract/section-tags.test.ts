import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";

/** Section and tags: JSON-LD articleSection / keywords first, then article:section / article:tag meta. */
const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" } as const;
const BODY = "<article><p>The river rose two meters overnight, and the town's lower streets were closed by morning.</p></article>";

function extract(head: string) {
  const result = extractArticle(`<html><head>${head}</head><body>${BODY}</body></html>`, OPTIONS);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return { section: result.article.section, tags: result.article.tags, sources: result.sources };
}

const jsonLd = (value: object) => `<script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", ...value })}</script>`;

describe("section and tags", () => {
  it("reads articleSection and keywords as a comma-separated string", () => {
    const got = extract(jsonLd({ articleSection: "World", keywords: "floods, weather,  Europe" }));
    expect(got).toMatchObject({ section: "World", tags: ["floods", "weather", "Europe"] });
    expect(got.sources).toMatchObject({ section: "jsonld:articleSection", tags: "jsonld:keywords" });
  });

  it("reads keywords as an array and an articleSection array (first wins), without duplicates", () => {
    expect(extract(jsonLd({ articleSection: ["Sport", "Football"], keywords: ["Football", "football", "Cup"] }))).toMatchObject({
      section: "Sport",
      tags: ["Football", "Cup"],
    });
  });

  it("falls back to article:section and every article:tag", () => {
    const head = '<meta property="article:section" content="Business"><meta property="article:tag" content="Banks"><meta property="article:tag" content="Rates">';
    const got = extract(head);
    expect(got).toMatchObject({ section: "Business", tags: ["Banks", "Rates"] });
    expect(got.sources).toMatchObject({ section: "meta:article:section", tags: "meta:article:tag" });
  });

  it("decodes HTML-escaped JSON-LD text and ignores placeholders and CMS flags", () => {
    const got = extract(jsonLd({ articleSection: "nil", keywords: "Privacy &amp; Technology, Lite:true, Tag:Nodejs" }));
    expect(got.section).toBeUndefined();
    expect(got.tags).toEqual(["Privacy & Technology", "Nodejs"]);
  });

  it("has no section and no tags when the page names none", () => {
    expect(extract("")).toMatchObject({ section: undefined, tags: [] });
  });
});
