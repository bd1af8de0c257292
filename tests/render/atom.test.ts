import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { renderAtom } from "../tools/render-text.ts";
import { BARE_ARTICLE, JOONGANG_ARTICLE, MEASURED_ARTICLE, SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";
import { childNamed, childrenNamed, childText, parseXmlStrict, type XmlElement } from "../tools/strict-xml.ts";

const ATOM_NS = "http://www.w3.org/2005/Atom";

function renderFeedElement(articles: readonly Article[] = SAMPLE_ARTICLES): XmlElement {
  const feed = parseXmlStrict(renderAtom(articles, SAMPLE_META));
  expect(feed.uri).toBe(ATOM_NS);
  expect(feed.local).toBe("feed");
  return feed;
}

const links = (element: XmlElement, rel: string): XmlElement[] =>
  childrenNamed(element, "link").filter((link) => link.attributes["rel"] === rel);

describe("renderAtom", () => {
  it("writes the feed metadata (RFC 4287 §4.1.1)", () => {
    const feed = renderFeedElement();
    expect(feed.attributes["xml:lang"]).toBe("en");
    expect(childText(feed, "id")).toBe(SAMPLE_META.feedUrls.atom);
    expect(childText(feed, "title")).toBe(SAMPLE_META.title);
    expect(childText(feed, "subtitle")).toBe(SAMPLE_META.description);
    expect(childText(feed, "updated")).toBe(SAMPLE_META.updatedAt);
    expect(childText(feed, "generator")).toBe("Wirefeed");
    expect(childText(feed, "logo")).toBe(SAMPLE_META.logoUrl);
    expect(childText(feed, "icon")).toBe(SAMPLE_META.iconUrl);
    expect(links(feed, "self").map((l) => l.attributes)).toEqual([
      { rel: "self", type: "application/atom+xml", href: SAMPLE_META.feedUrls.atom },
    ]);
    expect(links(feed, "alternate").map((l) => l.attributes)).toEqual([
      { rel: "alternate", type: "text/html", href: SAMPLE_META.homePageUrl },
    ]);
  });

  it("gives every entry an author: a feed-level one only when some entry has none (§4.1.1)", () => {
    const withBare = renderFeedElement();
    expect(childrenNamed(withBare, "author").map((a) => childText(a, "name"))).toEqual([SAMPLE_META.title]);
    const allAuthored = renderFeedElement([JOONGANG_ARTICLE, MEASURED_ARTICLE]);
    expect(childrenNamed(allAuthored, "author")).toHaveLength(0);
    for (const entry of childrenNamed(allAuthored, "entry")) expect(childrenNamed(entry, "author").length).toBeGreaterThan(0);
  });

  it("writes entry id, title, dates, authors and the alternate link", () => {
    const [entry, measured] = childrenNamed(renderFeedElement(), "entry");
    expect(childText(entry!, "id")).toBe(`${SAMPLE_META.permalinkBase}/${JOONGANG_ARTICLE.id}`);
    expect(childText(entry!, "title")).toBe(JOONGANG_ARTICLE.title);
    expect(childText(entry!, "updated")).toBe(JOONGANG_ARTICLE.updatedAt);
    expect(childText(entry!, "published")).toBe(JOONGANG_ARTICLE.publishedAt);
    const author = childNamed(entry!, "author");
    expect([childText(author, "name"), childText(author, "email"), childText(author, "uri")]).toEqual([
      "Han Jee-hye",
      "lim.jeongwon@joongang.co.kr",
      undefined,
    ]);
    // Several authors: one author element, the names in order on one line (fields.ts authorLine).
    expect(childrenNamed(measured!, "author").map((a) => [childText(a, "name"), childText(a, "uri")])).toEqual([["Kim Min-ji, Lee Joon", undefined]]);
    expect(links(entry!, "alternate").map((l) => l.attributes)).toEqual([
      { rel: "alternate", type: "text/html", href: JOONGANG_ARTICLE.url },
    ]);
  });

  it("writes a rel=enclosure link for EVERY photo, length only when known, caption as title", () => {
    const [entry, measured, bare] = childrenNamed(renderFeedElement(), "entry");
    const enclosures = links(entry!, "enclosure");
    expect(enclosures).toHaveLength(5);
    enclosures.forEach((link, i) => {
      const image = JOONGANG_ARTICLE.images[i]!;
      expect(link.attributes).toEqual({ rel: "enclosure", type: "image/jpeg", href: image.url, title: image.caption });
    });
    expect(links(measured!, "enclosure").map((l) => l.attributes)).toEqual([
      {
        rel: "enclosure",
        type: "image/webp",
        href: "https://example.com/photos/blossoms.webp",
        length: "183204",
        title: "Cherry blossoms on Yeouido",
      },
      { rel: "enclosure", type: "image/png", href: "https://example.com/photos/crowd.png", length: "52310" },
    ]);
    expect(links(bare!, "enclosure")).toHaveLength(0);
  });

  it("writes categories, a text summary and escaped html content", () => {
    const [entry, , bare] = childrenNamed(renderFeedElement(), "entry");
    expect(childrenNamed(entry!, "category").map((c) => c.attributes["term"])).toEqual(["National", "North Korea", "Russia", "Kursk"]);
    const summary = childNamed(entry!, "summary");
    expect([summary.attributes["type"], summary.text]).toEqual(["text", JOONGANG_ARTICLE.summary]);
    const content = childNamed(bare!, "content");
    expect([content.attributes["type"], content.text]).toEqual(["html", BARE_ARTICLE.contentHtml]);
  });

  it("writes xml:lang on an entry only when its language differs from the feed's", () => {
    const [joongang, measured, bare] = childrenNamed(renderFeedElement(), "entry");
    expect(joongang!.attributes["xml:lang"]).toBeUndefined();
    expect(measured!.attributes["xml:lang"]).toBe("ko");
    expect(bare!.attributes["xml:lang"]).toBeUndefined();
  });

  it("gives entries that share an updatedAt distinct atom:updated values, right to the second (DuplicateUpdated)", () => {
    const same = (id: string) => ({ ...BARE_ARTICLE, id, updatedAt: "2025-05-01T10:00:00Z", publishedAt: "2025-05-01T10:00:00Z" });
    const articles = [same("a"), same("b"), same("c"), { ...BARE_ARTICLE, id: "d", updatedAt: "2025-05-02T10:00:00Z", publishedAt: "2025-05-02T10:00:00Z" }];
    const updated = childrenNamed(renderFeedElement(articles), "entry").map((e) => childText(e, "updated")!);
    expect(new Set(updated).size).toBe(4);
    expect(updated[3]).toBe("2025-05-02T10:00:00Z"); // a value no other entry has is kept as stored
    for (const value of updated.slice(0, 3)) expect(value).toMatch(/^2025-05-01T10:00:00\.\d{3}Z$/);
    // The same article gets the same value in another feed with the same neighbours.
    const again = childrenNamed(renderFeedElement([articles[1]!, articles[0]!, articles[2]!]), "entry").map((e) => childText(e, "updated"));
    expect(again).toEqual([updated[1], updated[0], updated[2]]);
  });

  it("writes titles and summaries as plain text, whatever the source left in them", () => {
    const marked = { ...BARE_ARTICLE, title: "A <em>big</em> day&nbsp;out", summary: "Tea &amp; cake, editor&#39s pick" };
    const entry = childNamed(renderFeedElement([marked]), "entry");
    expect(childText(entry, "title")).toBe("A big day out");
    expect(childText(entry, "summary")).toBe("Tea & cake, editor's pick");
  });
});
