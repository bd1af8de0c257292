import { describe, expect, it } from "vitest";
import { renderOpml } from "../../src/render/opml.ts";
import { newsLanguage, renderNewsSitemap, renderSitemapIndex } from "../../src/render/sitemap.ts";
import { childNamed, childrenNamed, childText, parseXmlStrict } from "../tools/strict-xml.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("sitemap renderers", () => {
  it("escape every value: a title with markup and control characters, a URL with &", () => {
    const xml = text(
      renderNewsSitemap(
        [{ url: "https://news.example/a?x=1&y=2", title: "Tom & Jerry <b>\u0001</b> ]]>", publishedAt: "2025-01-01T00:00:00Z", updatedAt: "2025-01-01T00:00:00Z" }],
        { name: "A & B", language: "en" },
      ),
    );
    const url = childNamed(parseXmlStrict(xml), "url");
    expect(childText(url, "loc")).toBe("https://news.example/a?x=1&y=2");
    expect(childText(childNamed(url, "news:news"), "news:title")).toBe("Tom & Jerry <b></b> ]]>");
  });

  it("news:language: the ISO 639 code, zh-cn or zh-tw for Chinese", () => {
    expect(["en-GB", "pt-BR", "ko", "zh", "zh-Hans-CN", "zh-TW", "zh-Hant", "zh-HK", "fil"].map(newsLanguage)).toEqual([
      "en", "pt", "ko", "zh-cn", "zh-cn", "zh-tw", "zh-tw", "zh-tw", "fil",
    ]);
  });

  it("an index lists its parts with lastmod when known", () => {
    const root = parseXmlStrict(text(renderSitemapIndex([{ url: "https://w.example/s.xml?month=2025-01", lastModified: "2025-01-31T00:00:00Z" }, { url: "https://w.example/b.xml" }])));
    expect(root.name).toBe("sitemapindex");
    const [a, b] = childrenNamed(root, "sitemap");
    expect(childText(a!, "lastmod")).toBe("2025-01-31T00:00:00Z");
    expect(childrenNamed(b!, "lastmod")).toEqual([]);
  });

  it("OPML: namespaced alternates, escaped titles, empty groups left out", () => {
    const urls = (p: string) => ({ rss: `https://w.example${p}/feed.xml`, atom: `https://w.example${p}/atom.xml`, json: `https://w.example${p}/feed.json` });
    const root = parseXmlStrict(
      text(renderOpml({ title: "W & Co" }, [{ title: "W & Co", urls: urls(""), htmlUrl: "https://w.example/" }], [
        { title: "Sections", feeds: [{ title: 'Say "hi" <now>', urls: urls("/sections/hi"), htmlUrl: "https://w.example/" }] },
        { title: "Tags", feeds: [] },
      ])),
    );
    const body = childNamed(root, "body");
    expect(body.children.map((o) => o.attributes.text)).toEqual(["W & Co", "Sections"]);
    expect(body.children[1]!.children[0]!.attributes).toMatchObject({ text: 'Say "hi" <now>', "wirefeed:jsonUrl": "https://w.example/sections/hi/feed.json" });
  });
});
