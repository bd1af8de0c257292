import type { Document, Element } from "domhandler";
import { findAll } from "./xml.ts";
import { absoluteHttpUrl, MAX_ITEMS, type ListingItem } from "./item.ts";

/** Page chrome: links in these are navigation, not stories (HTML §4.3 sectioning roles). */
const CHROME_TAGS = new Set(["nav", "header", "footer", "aside", "form"]);
const CHROME_HINT = /(^|[\s_-])(nav|menu|footer|header|breadcrumb|pagination|pager|social|share|cookie|login|subscribe)([\s_-]|$)/i;
/** Listing pages, not stories: their links are never articles by themselves. */
const NOT_ARTICLE_PATH = /\/(tags?|topics?|category|categories|authors?|section|sections|page|search|login|signup|subscribe|account|about|contact|privacy|terms|feed|rss)(\/|$)/i;
const FILE_EXTENSION = /\.(jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|xml|json|css|js)$/i;

/**
 * The article links of a section page: same-host links outside page chrome whose path looks like a
 * story (a date in the path, a slug of three words or more, or a long numeric id), or, when the
 * source gives a `linkPrefix`, any same-host link under that path. In page order, each URL once.
 */
export function readSectionLinks(document: Document, pageUrl: string, linkPrefix: string | undefined): ListingItem[] {
  const page = new URL(pageUrl);
  const sameSite = (host: string) => host.replace(/^www\./, "") === page.host.replace(/^www\./, "");
  const seen = new Set<string>();
  const items: ListingItem[] = [];
  for (const anchor of findAll(document, (e) => e.name === "a" && e.attribs.href !== undefined, MAX_ITEMS * 10)) {
    const href = absoluteHttpUrl(anchor.attribs.href, pageUrl);
    if (!href || seen.has(href) || insideChrome(anchor)) continue;
    const url = new URL(href);
    if (!sameSite(url.host) || url.href === page.href || FILE_EXTENSION.test(url.pathname)) continue;
    if (linkPrefix ? !(url.pathname.startsWith(linkPrefix) && url.pathname !== linkPrefix) : !looksLikeStory(url.pathname)) continue;
    seen.add(href);
    items.push({ url: href });
    if (items.length >= MAX_ITEMS) break;
  }
  return items;
}

export function looksLikeStory(path: string): boolean {
  if (NOT_ARTICLE_PATH.test(path)) return false;
  if (/\/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-]|$)/.test(path)) return true;
  if (/\d{5,}/.test(path)) return true;
  const last = path.split("/").filter(Boolean).pop() ?? "";
  return last.replace(/\.html?$/i, "").split(/[-_]/).filter((word) => /[a-z]/i.test(word)).length >= 3;
}

function insideChrome(element: Element): boolean {
  for (let node = element.parent; node && node.type !== "root"; node = node.parent) {
    const e = node as Element;
    if (CHROME_TAGS.has(e.name)) return true;
    const role = e.attribs?.role;
    if (role === "navigation" || role === "banner" || role === "contentinfo") return true;
    if (CHROME_HINT.test(`${e.attribs?.class ?? ""} ${e.attribs?.id ?? ""}`)) return true;
  }
  return false;
}
