/**
 * OPML 2.0 subscription list (http://opml.org/spec2.opml, "subscription lists"): one outline of
 * type="rss" per feed, its RSS URL in xmlUrl (readers subscribe to that), its page in htmlUrl. OPML
 * has no attribute for another format of the same feed, and OPML 2.0 allows other attributes only
 * in a namespace, so the Atom and JSON Feed URLs are `wirefeed:atomUrl` / `wirefeed:jsonUrl` in the
 * namespace OPML_ALTERNATES_NS. Pure: the same list gives the same bytes.
 */
import type { FeedUrls } from "../model/index.ts";
import { XmlWriter } from "./xml.ts";

/** Namespace of the alternate-format attributes (a tag URI, RFC 4151: a name, never fetched). */
export const OPML_ALTERNATES_NS = "tag:wirefeed,2026:opml";

export type OpmlFeed = { title: string; urls: FeedUrls; htmlUrl: string };
export type OpmlGroup = { title: string; feeds: readonly OpmlFeed[] };

/** `feeds` at the top level, then one folder outline per group that has any. */
export function renderOpml(meta: { title: string; ownerName?: string }, feeds: readonly OpmlFeed[], groups: readonly OpmlGroup[]): Uint8Array {
  const w = new XmlWriter().open("opml", { version: "2.0", "xmlns:wirefeed": OPML_ALTERNATES_NS });
  w.open("head").text("title", meta.title);
  if (meta.ownerName) w.text("ownerName", meta.ownerName);
  w.text("docs", "http://opml.org/spec2.opml").close("head");
  w.open("body");
  for (const feed of feeds) outline(w, feed);
  for (const group of groups) {
    if (group.feeds.length === 0) continue;
    w.open("outline", { text: group.title, title: group.title });
    for (const feed of group.feeds) outline(w, feed);
    w.close("outline");
  }
  return w.close("body").close("opml").finish();
}

function outline(w: XmlWriter, feed: OpmlFeed): void {
  w.empty("outline", {
    type: "rss",
    text: feed.title,
    title: feed.title,
    version: "RSS2",
    xmlUrl: feed.urls.rss,
    htmlUrl: feed.htmlUrl,
    "wirefeed:atomUrl": feed.urls.atom,
    "wirefeed:jsonUrl": feed.urls.json,
  });
}
