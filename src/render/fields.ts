/**
 * Values every format derives the same way from an Article, computed in one place so the three
 * feeds never disagree about a permalink, a category list or a date.
 */
import { plainText } from "../extract/text.ts";
import { toUri } from "../extract/urls.ts";
import type { Article, Author, FeedFormat, FeedMeta, Image } from "../model/index.ts";

/**
 * `${permalinkBase}/${id}`: RSS guid, Atom id, JSON Feed item id. A trailing slash on the base is
 * dropped so a configured "https://example.com/a/" does not produce "//".
 */
export function permalink(meta: FeedMeta, article: Article): string {
  const base = meta.permalinkBase.endsWith("/") ? meta.permalinkBase.slice(0, -1) : meta.permalinkBase;
  return `${base}/${article.id}`;
}

/** The section first, then the tags, each once (exact match) in first-seen order, as plain text. */
export function categories(article: Article): string[] {
  const all = article.section === undefined ? article.tags : [article.section, ...article.tags];
  return [...new Set(all.map(feedText))];
}

/**
 * RFC 822 date as updated by RFC 1123 §5.2.14 (4-digit year), which RSS 2.0 requires for pubDate and
 * lastBuildDate. `toUTCString` produces exactly `Wed, 30 Apr 2025 00:00:00 GMT` (ECMA-262
 * Date.prototype.toUTCString). Inputs are schema-valid RFC 3339 UTC strings, so the Date is valid.
 */
export function rfc822Date(rfc3339: string): string {
  return new Date(rfc3339).toUTCString();
}

/**
 * Links every XML feed carries besides rel="self": RFC 5005 §3 paging (first, next, previous) and
 * the WebSub hub (W3C WebSub §4), each as [rel, href] in a fixed order.
 */
export function feedLinks(meta: FeedMeta, format: FeedFormat): [rel: string, href: string][] {
  const links: [string, string][] = [];
  if (meta.pages) {
    links.push(["first", meta.pages.first[format]]);
    if (meta.pages.previous) links.push(["previous", meta.pages.previous[format]]);
    if (meta.pages.next) links.push(["next", meta.pages.next[format]]);
  }
  if (meta.hubUrl) links.push(["hub", meta.hubUrl]);
  return links;
}

// A numeric reference without its `;` (a tag list split at `;` leaves "editor&#39"): HTML parsers
// decode those too (HTML §13.2.5.80, "missing-semicolon-after-character-reference").
const BARE_NUMERIC_REFERENCE = /&#(?:\d{1,7}|[xX][0-9A-Fa-f]{1,6})(?![0-9A-Fa-f;])/g;

/**
 * Plain text for fields that are text by contract (titles, summaries, captions, categories): the one
 * plain-text rule (extract/text.ts plainText), applied again on the way out, because stored articles
 * may predate it and some readers and the W3C validator refuse markup or a character reference in
 * them (ContainsUndeclaredHTML for `&nbsp;` in an Atom type="text", HtmlInPlainText in a title).
 * Text with nothing tag- or reference-shaped (nearly all) is returned as it is, after one scan.
 */
export function feedText(text: string): string {
  return MAY_HOLD_MARKUP.test(text) ? plainText(text.replace(BARE_NUMERIC_REFERENCE, "$&;")) : text;
}

// What plainText would change: a tag's start (`<b`, `</`) or a character reference (`&#…`, `&name;`).
// "Tom & Jerry" and "AT&T" pass untouched without the full rule.
const MAY_HOLD_MARKUP = /<\/?[A-Za-z]|&(?:#|[A-Za-z]+;)/;

// RFC 3986 §2 characters, and no `%` outside a pct-encoding: most URLs pass this one test.
const PLAIN_URI = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]+$/;

/**
 * A URL as it may appear in a feed: an absolute http(s) URI of RFC 3986 characters, or undefined
 * (the caller leaves the element or attribute out). Stored URLs are schema-checked, but the schema
 * takes whatever WHATWG URL parses; the W3C validator (InvalidUriChar) and strict readers do not.
 */
export function feedUri(url: string): string | undefined {
  if (PLAIN_URI.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? toUri(parsed.href) : undefined;
  } catch {
    return undefined;
  }
}

/** The article's photos whose URL can be written (feedUri), in order; the others are left out. */
export function feedImages(article: Article): readonly Image[] {
  if (article.images.every((image) => PLAIN_URI.test(image.url))) return article.images;
  return article.images.flatMap((image) => {
    const url = feedUri(image.url);
    return url === undefined ? [] : [url === image.url ? image : { ...image, url }];
  });
}

/**
 * The authors as one line, names in order joined with ", ". Readers disagree about several authors:
 * given one RSS dc:creator each, feedparser and newsboat show the last, gofeed, rss-parser and
 * feedsmith the first; given several Atom authors, newsboat joins them and the others show one. One
 * element holding the whole line is shown the same, in order, by all five (README "What the feeds
 * carry").
 */
export function authorLine(authors: readonly Author[]): string {
  return authors.map((author) => author.name).join(", ");
}

/**
 * A name as RSS may carry it in dc:creator. RSS readers look for an email in an author string:
 * gofeed reads only `name`, `email (name)` and `name (email)`, so a name with brackets or an `@`
 * (`Jane Doe (Reuters)`) comes out with no name at all, and feedparser takes anything that looks like
 * an address out of the name. Round brackets become square ones and `@` its full-width form, which
 * read the same.
 */
export function rssName(name: string): string {
  return /[()<>@]/.test(name) ? name.replace(/[(<]/g, "[").replace(/[)>]/g, "]").replace(/@/g, "\uFF20") : name;
}
