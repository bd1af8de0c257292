/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
 *
 * Extension (JSON Feed 1.1 §Extensions: keys starting with "_" are ignored by readers that do not
 * know them). Every item carries `_wirefeed`, so photo captions and credits survive, which the
 * standard `attachments` cannot hold:
 *
 *   "_wirefeed": {
 *     "images": [                 // every photo in reading order, the lead image first; [] when none
 *       {
 *         "url": string,          // absolute http(s) URL of the full-size photo (always present)
 *         "caption"?: string,     // what the photo shows, without the credit
 *         "credit"?: string,      // who made or supplied it, e.g. "YONHAP"
 *         "alt"?: string,         // text alternative for people who cannot see it
 *         "width"?: number,       // pixels, positive integer, when known
 *         "height"?: number       // pixels, positive integer, when known
 *       }
 *     ]
 *   }
 *
 * Optional keys are omitted (never null) when unknown. Keys appear in the order shown.
 */
import type { Article, Author, FeedMeta, Image } from "../model/index.ts";
import { toUri } from "../extract/urls.ts";
import { categories, feedImages, feedUri, permalink, feedText } from "./fields.ts";
import { stripInvalidXmlChars, Utf8Builder } from "./xml.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

export function renderJsonFeed(articles: readonly Article[], meta: FeedMeta): Uint8Array {
  // Key order is the object literal's order, and undefined members are dropped by JSON.stringify,
  // so the output is deterministic. `items` is the last key: the items are written one by one
  // after it, so no string ever holds the whole document (see Utf8Builder).
  const head = {
    version: JSON_FEED_VERSION,
    title: feedText(meta.title),
    home_page_url: meta.homePageUrl,
    feed_url: meta.feedUrls.json,
    description: feedText(meta.description),
    icon: meta.logoUrl,
    favicon: meta.iconUrl,
    language: meta.language,
    // JSON Feed 1.1: next_url is the next page of a paged feed; hubs lists WebSub hubs.
    next_url: meta.pages?.next?.json,
    hubs: meta.hubUrl ? [{ type: "WebSub", url: meta.hubUrl }] : undefined,
    // Extension (§Extensions): Feedly's webfeeds branding, only when set.
    _webfeeds: meta.webfeeds,
    items: [] as unknown[],
  };
  const out = new Utf8Builder();
  if (articles.length === 0) {
    out.append(stringify(head, 2) + "\n");
    return out.finish();
  }
  // The same bytes as JSON.stringify(feed, null, 2): the head up to its `[]`, then each item
  // indented two levels, then the closing brackets.
  const headJson = stringify(head, 2);
  out.append(headJson.slice(0, headJson.length - EMPTY_ITEMS_TAIL.length) + "[\n    ");
  articles.forEach((article, i) => {
    if (i > 0) out.append(",\n    ");
    // Only structural newlines are re-indented: inside strings JSON.stringify writes "\\n".
    out.append(stringify(toItem(article, meta), 2).replaceAll("\n", "\n    "));
  });
  out.append("\n  ]\n}\n");
  return out.finish();
}

const EMPTY_ITEMS_TAIL = "[]\n}";

/**
 * Strings leave with the same characters as in the XML feeds (xml.ts stripInvalidXmlChars): no C0
 * control character (JSON escapes them, RFC 8259 §7, but readers pass them on to HTML and XML
 * where they are errors; the W3C validator's ControlChar), no U+FFFE/U+FFFF, and no lone surrogate
 * (a `\udXXX` escape that decodes to text with no UTF-8 form, RFC 8259 §8.2). A replacer for every
 * value was the slowest part of rendering; instead the output is searched for what JSON.stringify
 * writes for those characters (`\u00XX` and `\b` `\f` for C0, `\udXXX` for a lone surrogate; it
 * writes lower-case hex), and only then rendered again with the cleaning replacer. Plain substring
 * searches are cheaper here than one regular expression; the price of a false positive (an escaped
 * backslash before "b" or "u", say in an article about regular expressions) is one needless second
 * pass.
 */
const needsCleaning = (json: string): boolean =>
  json.includes("\\u") || json.includes("\\b") || json.includes("\\f") || json.includes("\uFFFE") || json.includes("\uFFFF");

function stringify(value: unknown, indent: number): string {
  const json = JSON.stringify(value, null, indent);
  return needsCleaning(json) ? JSON.stringify(value, withoutInvalidChars, indent) : json;
}

const withoutInvalidChars = (_key: string, value: unknown) => (typeof value === "string" ? stripInvalidXmlChars(value) : value);

function toItem(article: Article, meta: FeedMeta) {
  const tags = categories(article);
  const images = feedImages(article); // photos whose URL is a valid URI (fields.ts)
  return {
    id: permalink(meta, article),
    url: feedUri(article.url),
    title: feedText(article.title),
    summary: article.summary === "" ? undefined : feedText(article.summary),
    // §items: content_html or content_text must be present: the body, or for a summary-only feed
    // the summary as text.
    content_html: meta.summaryOnly ? undefined : article.contentHtml,
    content_text: meta.summaryOnly ? feedText(article.summary) : undefined,
    image: images[0]?.url,
    date_published: article.publishedAt,
    date_modified: article.updatedAt,
    authors: article.authors.length > 0 ? article.authors.map(toAuthor) : undefined,
    tags: tags.length > 0 ? tags : undefined,
    language: article.language,
    attachments: images.length > 0 ? toAttachments(images) : undefined,
    _wirefeed: { images: images.map(toWirefeedImage) },
  };
}

/** §authors: name, url, avatar. An email has no field of its own, so it becomes a mailto: url. */
function toAuthor(author: Author) {
  const url = author.url !== undefined ? feedUri(author.url) : author.email === undefined ? undefined : toUri(`mailto:${author.email}`);
  return { name: author.name, url };
}

/**
 * §attachments: "if there are multiple attachments, and two or more have the exact same title
 * ... they are considered as alternate representations of the same thing". Two photos that share a
 * caption are different photos, so a repeated caption is left out of the title.
 */
function toAttachments(images: readonly Image[]) {
  const captionCounts = new Map<string, number>();
  for (const { caption } of images) {
    if (caption !== undefined) captionCounts.set(caption, (captionCounts.get(caption) ?? 0) + 1);
  }
  return images.map((image) => ({
    url: image.url,
    mime_type: image.mimeType,
    title: image.caption !== undefined && captionCounts.get(image.caption) === 1 ? feedText(image.caption) : undefined,
    size_in_bytes: image.byteLength,
  }));
}

function toWirefeedImage(image: Image) {
  return {
    url: image.url,
    caption: image.caption,
    credit: image.credit,
    alt: image.alt,
    width: image.width,
    height: image.height,
  };
}
