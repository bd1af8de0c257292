/**
 * Values every format derives the same way from an Article, computed in one place so the three
 * feeds never disagree about a permalink, a category list or a date.
 */
import type { Article, FeedFormat, FeedMeta } from "../model/index.ts";

/**
 * `${permalinkBase}/${id}`: RSS guid, Atom id, JSON Feed item id. A trailing slash on the base is
 * dropped so a configured "https://example.com/a/" does not produce "//".
 */
export function permalink(meta: FeedMeta, article: Article): string {
  const base = meta.permalinkBase.endsWith("/") ? meta.permalinkBase.slice(0, -1) : meta.permalinkBase;
  return `${base}/${article.id}`;
}

/** The section first, then the tags, each once (exact match) in first-seen order. */
export function categories(article: Article): string[] {
  const all = article.section === undefined ? article.tags : [article.section, ...article.tags];
  return [...new Set(all)];
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
