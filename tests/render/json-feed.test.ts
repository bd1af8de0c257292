import { describe, expect, it } from "vitest";
import { renderJsonFeed } from "../tools/render-text.ts";
import { BARE_ARTICLE, JOONGANG_ARTICLE, MEASURED_ARTICLE, SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

/** The JSON Feed 1.1 requirements (https://www.jsonfeed.org/version/1.1/); returns the violations. */
function jsonFeedViolations(feed: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(feed)) return ["feed is not an object"];
  if (feed["version"] !== "https://jsonfeed.org/version/1.1") problems.push("version must be https://jsonfeed.org/version/1.1");
  if (!isString(feed["title"])) problems.push("title is required");
  if (!Array.isArray(feed["items"])) return [...problems, "items is required"];
  const checkAuthors = (authors: unknown, where: string): void => {
    if (authors === undefined) return;
    if (!Array.isArray(authors)) return void problems.push(`${where}.authors must be an array`);
    authors.forEach((author, i) => {
      if (!isObject(author) || !["name", "url", "avatar"].some((key) => isString(author[key])))
        problems.push(`${where}.authors[${i}] needs name, url or avatar`);
    });
  };
  checkAuthors(feed["authors"], "feed");
  feed["items"].forEach((item: unknown, i) => {
    const where = `items[${i}]`;
    if (!isObject(item)) return void problems.push(`${where} is not an object`);
    if (!isString(item["id"])) problems.push(`${where}.id must be a string`);
    if (!isString(item["content_html"]) && !isString(item["content_text"])) problems.push(`${where} needs content_html or content_text`);
    checkAuthors(item["authors"], where);
    const attachments = item["attachments"];
    if (attachments !== undefined && !Array.isArray(attachments)) problems.push(`${where}.attachments must be an array`);
    if (Array.isArray(attachments)) {
      attachments.forEach((attachment: unknown, j) => {
        if (!isObject(attachment) || !isString(attachment["url"]) || !isString(attachment["mime_type"]))
          problems.push(`${where}.attachments[${j}] needs url and mime_type`);
      });
    }
    for (const key of Object.keys(item)) {
      if (key.startsWith("_") && !isObject(item[key])) problems.push(`${where}.${key}: extensions are objects`);
    }
  });
  return problems;
}

const render = (articles = SAMPLE_ARTICLES): Json => JSON.parse(renderJsonFeed(articles, SAMPLE_META)) as Json;
const itemsOf = (feed: Json): Json[] => feed["items"] as Json[];

describe("renderJsonFeed", () => {
  it("passes the JSON Feed 1.1 checks", () => {
    expect(jsonFeedViolations(render())).toEqual([]);
    expect(jsonFeedViolations(render([]))).toEqual([]);
  });

  it("the validator catches what it should", () => {
    expect(jsonFeedViolations({ version: "x", items: [{ id: 1, attachments: [{}], authors: [{}] }] })).toEqual([
      "version must be https://jsonfeed.org/version/1.1",
      "title is required",
      "items[0].id must be a string",
      "items[0] needs content_html or content_text",
      "items[0].authors[0] needs name, url or avatar",
      "items[0].attachments[0] needs url and mime_type",
    ]);
  });

  it("writes the top-level fields", () => {
    const { items: _, ...top } = render();
    expect(top).toEqual({
      version: "https://jsonfeed.org/version/1.1",
      title: SAMPLE_META.title,
      home_page_url: SAMPLE_META.homePageUrl,
      feed_url: SAMPLE_META.feedUrls.json,
      description: SAMPLE_META.description,
      icon: SAMPLE_META.logoUrl,
      favicon: SAMPLE_META.iconUrl,
      language: "en",
    });
  });

  it("writes the sample item with every photo as an attachment and in _wirefeed", () => {
    const [item] = itemsOf(render());
    expect(item).toMatchObject({
      id: `${SAMPLE_META.permalinkBase}/${JOONGANG_ARTICLE.id}`,
      url: JOONGANG_ARTICLE.url,
      title: JOONGANG_ARTICLE.title,
      summary: JOONGANG_ARTICLE.summary,
      content_html: JOONGANG_ARTICLE.contentHtml,
      image: JOONGANG_ARTICLE.images[0]!.url,
      date_published: "2025-04-30T00:00:00Z",
      date_modified: "2025-04-30T01:30:00Z",
      authors: [{ name: "Han Jee-hye", url: "mailto:lim.jeongwon@joongang.co.kr" }],
      tags: ["National", "North Korea", "Russia", "Kursk"],
      language: "en",
    });
    expect(item!["attachments"]).toEqual(
      JOONGANG_ARTICLE.images.map((image) => ({ url: image.url, mime_type: "image/jpeg", title: image.caption })),
    );
    expect(item!["_wirefeed"]).toEqual({
      images: JOONGANG_ARTICLE.images.map(({ url, caption, credit, alt }) => (alt ? { url, caption, credit, alt } : { url, caption, credit })),
    });
  });

  it("prefers an author's url to a mailto: link, and writes sizes and dimensions when known", () => {
    const [, measured] = itemsOf(render());
    expect(measured!["authors"]).toEqual([
      { name: "Kim Min-ji", url: "https://example.com/authors/kim-min-ji" },
      { name: "Lee Joon", url: "https://example.com/authors/lee-joon" },
    ]);
    expect((measured!["attachments"] as Json[])[0]).toEqual({
      url: "https://example.com/photos/blossoms.webp",
      mime_type: "image/webp",
      title: "Cherry blossoms on Yeouido",
      size_in_bytes: 183204,
    });
    expect((measured!["_wirefeed"] as Json)["images"]).toEqual([
      { url: "https://example.com/photos/blossoms.webp", caption: "Cherry blossoms on Yeouido", credit: "NEWS1", alt: "Pink cherry blossoms along a river", width: 1600, height: 900 },
      { url: "https://example.com/photos/crowd.png", width: 800, height: 600 },
    ]);
  });

  it("omits what an article does not have", () => {
    const bare = itemsOf(render([BARE_ARTICLE]))[0]!;
    expect(Object.keys(bare)).toEqual(["id", "url", "title", "summary", "content_html", "date_published", "date_modified", "_wirefeed"]);
    expect(bare["_wirefeed"]).toEqual({ images: [] });
  });

  it("leaves a caption shared by two photos out of attachment titles (same title = same thing, §attachments)", () => {
    const twin = { ...MEASURED_ARTICLE, images: MEASURED_ARTICLE.images.map((image) => ({ ...image, caption: "Same" })) };
    const attachments = itemsOf(render([twin]))[0]!["attachments"] as Json[];
    expect(attachments.map((a) => a["title"])).toEqual([undefined, undefined]);
  });
});
