import { describe, expect, it } from "vitest";
import { looksLikeStory, readListing, type SourceKind } from "../../src/sources/index.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string, options: { contentType?: string; kind?: SourceKind; linkPrefix?: string } = {}) =>
  readListing({ body: bytes(text), url: "https://news.example.com/section/", contentType: options.contentType, kind: options.kind, linkPrefix: options.linkPrefix });

describe("readListing", () => {
  it("RSS 2.0: link (or permalink guid), pubDate as marker, the teaser", () => {
    const listing = read(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <item><title>One</title><link>/news/one</link><description>Teaser &amp; more</description><pubDate>Tue, 06 May 2025 08:00:00 +0900</pubDate><dc:creator>Kim Ji-won</dc:creator><content:encoded><![CDATA[<p>Full</p>]]></content:encoded></item>
      <item><title>Two</title><guid>https://news.example.com/news/two#top</guid></item>
      <item><title>No link</title><guid isPermaLink="false">tag:x</guid></item>
      <item><link>javascript:alert(1)</link></item>
    </channel></rss>`);
    expect(listing).toEqual({
      ok: true,
      kind: "feed",
      items: [
        { url: "https://news.example.com/news/one", marker: "2025-05-05T23:00:00Z", teaser: { title: "One", summary: "Teaser & more", html: "<p>Full</p>", publishedAt: "2025-05-05T23:00:00Z", author: "Kim Ji-won" } },
        { url: "https://news.example.com/news/two", teaser: { title: "Two" } },
      ],
    });
  });

  it("Atom 1.0: the alternate link, updated as marker; RSS 1.0 items beside the channel", () => {
    const atom = read(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link rel="self" href="/self"/><link href="https://news.example.com/a"/><updated>2025-05-06T10:00:00Z</updated><published>2025-05-06T08:00:00Z</published><summary>S</summary></entry></feed>`);
    expect(atom).toMatchObject({ ok: true, kind: "feed", items: [{ url: "https://news.example.com/a", marker: "2025-05-06T10:00:00Z", teaser: { title: "A", summary: "S", publishedAt: "2025-05-06T08:00:00Z" } }] });
    const rdf = read(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>C</title></channel><item><title>R</title><link>https://news.example.com/r</link></item></rdf:RDF>`);
    expect(rdf).toMatchObject({ ok: true, kind: "feed", items: [{ url: "https://news.example.com/r" }] });
  });

  it("JSON Feed: url, date_modified as marker; other JSON is refused", () => {
    const json = read(JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "J", items: [{ id: "1", url: "https://news.example.com/j", title: "J", date_modified: "2025-05-06T09:00:00Z", summary: "s" }, { id: "2" }] }));
    expect(json).toMatchObject({ ok: true, kind: "feed", items: [{ url: "https://news.example.com/j", marker: "2025-05-06T09:00:00Z" }] });
    expect(json.ok && json.items).toHaveLength(1);
    expect(read(`{"items": []}`)).toMatchObject({ ok: false });
    expect(read(`{nope`)).toMatchObject({ ok: false });
  });

  it("sitemaps: urlset, Google News, index; a declared kind must match what is found", () => {
    expect(read(`<urlset><url><loc>https://news.example.com/s</loc><lastmod>2025-05-06</lastmod></url></urlset>`)).toEqual({ ok: true, kind: "sitemap", items: [{ url: "https://news.example.com/s", marker: "2025-05-06T00:00:00Z" }] });
    const news = read(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.example.com/n</loc><news:news><news:title>T</news:title><news:publication_date>2025-05-06</news:publication_date></news:news></url></urlset>`, { kind: "sitemap" });
    expect(news).toMatchObject({ ok: true, kind: "news-sitemap", items: [{ url: "https://news.example.com/n", teaser: { title: "T" } }] });
    expect(read(`<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>`)).toEqual({ ok: true, kind: "sitemap-index", items: [{ url: "https://news.example.com/s1.xml" }] });
    expect(read(`<urlset></urlset>`, { kind: "feed" })).toEqual({ ok: false, reason: "declared a feed, but the answer is a sitemap" });
    expect(read(`<svg xmlns="http://www.w3.org/2000/svg"/>`)).toMatchObject({ ok: false });
    expect(read(`%PDF-1.7`, { contentType: "application/pdf" })).toMatchObject({ ok: false });
  });

  it("section pages: story links of the same site outside chrome, in order, once; or those under linkPrefix", () => {
    const html = `<!doctype html><html><body>
      <nav><a href="/news/2025/05/06/in-the-menu">menu</a></nav>
      <main><a href="/news/2025/05/06/first-story">1</a><a href="https://www.news.example.com/politics/a-long-story-slug-here">2</a>
      <a href="/news/2025/05/06/first-story#comments">again</a><a href="/tag/harbour-and-ferries-news">tag</a><a href="https://other.example/2025/05/06/elsewhere">x</a>
      <a href="/photos/1234567">photo</a><a href="/about">about</a><a href="/files/report-of-the-year.pdf">pdf</a></main>
      <div class="site-footer"><a href="/news/2025/05/06/footer-story">f</a></div></body></html>`;
    const listing = read(html, { contentType: "text/html" });
    expect(listing.ok && listing.items.map((i) => i.url)).toEqual([
      "https://news.example.com/news/2025/05/06/first-story",
      "https://www.news.example.com/politics/a-long-story-slug-here",
      "https://news.example.com/photos/1234567",
    ]);
    const prefixed = read(html, { contentType: "text/html", linkPrefix: "/politics/" });
    expect(prefixed.ok && prefixed.items.map((i) => i.url)).toEqual(["https://www.news.example.com/politics/a-long-story-slug-here"]);
  });

  it("looksLikeStory", () => {
    expect(looksLikeStory("/2025/05/06/x")).toBe(true);
    expect(looksLikeStory("/news/2025-05-06/x")).toBe(true);
    expect(looksLikeStory("/world/three-word-slug")).toBe(true);
    expect(looksLikeStory("/world/")).toBe(false);
    expect(looksLikeStory("/author/jane-doe-smith")).toBe(false);
  });

  it("decodes by the transport charset, else the XML declaration", () => {
    const latin1 = Uint8Array.from([...bytes(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Caf`), 0xe9, ...bytes(`</title><link>https://e.example/c</link></item></channel></rss>`)]);
    const listing = readListing({ body: latin1, url: "https://e.example/", contentType: "application/xml" });
    expect(listing.ok && listing.items[0]!.teaser?.title).toBe("Café");
  });
});
