/**
 * Agreement with a known generator, jpmonette/feed 6.0.0, where it is right: for the plain
 * fixtures, titles, links, ids, dates and descriptions read back the same from both outputs.
 * (Its choices we deliberately differ on, such as guid isPermaLink="false" and MIME guessing, are
 * not compared.)
 */
import { Feed } from "feed";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { renderAtom, renderJsonFeed, renderRss } from "../tools/render-text.ts";
import { SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";
import { childNamed, childrenNamed, childText, parseXmlStrict, type XmlElement } from "../tools/strict-xml.ts";

const permalink = (article: Article): string => `${SAMPLE_META.permalinkBase}/${article.id}`;

function referenceFeed(): Feed {
  const feed = new Feed({
    id: SAMPLE_META.feedUrls.atom,
    title: SAMPLE_META.title,
    description: SAMPLE_META.description,
    link: SAMPLE_META.homePageUrl,
    language: "en",
    updated: new Date(SAMPLE_META.updatedAt),
    generator: "Wirefeed",
    copyright: "",
    feedLinks: { rss: SAMPLE_META.feedUrls.rss, atom: SAMPLE_META.feedUrls.atom, json: SAMPLE_META.feedUrls.json },
  });
  for (const article of SAMPLE_ARTICLES) {
    feed.addItem({
      title: article.title,
      id: permalink(article),
      guid: permalink(article),
      link: article.url,
      date: new Date(article.updatedAt),
      published: new Date(article.publishedAt),
      description: article.summary,
      content: article.contentHtml,
      // feed@6 json1() throws on `author: []` (it reads author[0].name), so none is passed instead.
      author:
        article.authors.length === 0
          ? undefined
          : article.authors.map((author) => ({ name: author.name, email: author.email, link: author.url })),
    });
  }
  return feed;
}

const time = (date: string | undefined): number => Date.parse(date ?? "");

function rssItems(xml: string) {
  return childrenNamed(childNamed(parseXmlStrict(xml), "channel"), "item").map((item) => ({
    title: childText(item, "title"),
    link: childText(item, "link"),
    guid: childText(item, "guid"),
    pubDate: time(childText(item, "pubDate")),
    description: childText(item, "description"),
    content: childText(item, "content:encoded"),
  }));
}

function atomEntries(xml: string) {
  const alternate = (entry: XmlElement): string | undefined =>
    childrenNamed(entry, "link").find((link) => (link.attributes["rel"] ?? "alternate") === "alternate")?.attributes["href"];
  return childrenNamed(parseXmlStrict(xml), "entry").map((entry) => ({
    title: childText(entry, "title"),
    id: childText(entry, "id"),
    link: alternate(entry),
    updated: time(childText(entry, "updated")),
    published: time(childText(entry, "published")),
    summary: childText(entry, "summary"),
    content: childText(entry, "content"),
  }));
}

function jsonItems(json: string) {
  const feed = JSON.parse(json) as { items: Array<Record<string, string>> };
  return feed.items.map((item) => ({
    id: item["id"],
    url: item["url"],
    title: item["title"],
    summary: item["summary"],
    content_html: item["content_html"],
    date_published: time(item["date_published"]),
    date_modified: time(item["date_modified"]),
  }));
}

describe("agreement with feed@6.0.0 on the plain fixtures", () => {
  const reference = referenceFeed();

  it("RSS 2.0: titles, links, guids, pubDates, descriptions and content", () => {
    const ours = rssItems(renderRss(SAMPLE_ARTICLES, SAMPLE_META));
    expect(ours).toHaveLength(SAMPLE_ARTICLES.length);
    expect(ours).toEqual(rssItems(reference.rss2()));
  });

  it("Atom 1.0: titles, ids, links, dates, summaries and content", () => {
    const ours = atomEntries(renderAtom(SAMPLE_ARTICLES, SAMPLE_META));
    expect(ours).toHaveLength(SAMPLE_ARTICLES.length);
    expect(ours).toEqual(atomEntries(reference.atom1()));
  });

  it("JSON Feed: ids, urls, titles, summaries, content and dates", () => {
    const ours = jsonItems(renderJsonFeed(SAMPLE_ARTICLES, SAMPLE_META));
    expect(ours).toHaveLength(SAMPLE_ARTICLES.length);
    expect(ours).toEqual(jsonItems(reference.json1()));
  });
});
