/**
 * Feed rendering: pure functions from schema-valid Articles and a FeedMeta to bytes. No clock, no
 * env, no I/O: every date comes from the articles or meta.updatedAt, so the same Articles always
 * give the same bytes.
 */
import type { Article, FeedFormat, FeedMeta } from "../model/index.ts";
import { renderAtom } from "./atom.ts";
import { renderJsonFeed } from "./json-feed.ts";
import { renderRss } from "./rss.ts";

export { renderAtom } from "./atom.ts";
export { renderJsonFeed, JSON_FEED_VERSION } from "./json-feed.ts";
export { renderRss } from "./rss.ts";
export { cdata, escapeXml, escapeXmlAttribute, stripInvalidXmlChars, stripLoneSurrogates, Utf8Builder } from "./xml.ts";

/**
 * Media types: Atom is registered (RFC 4287 §7); application/rss+xml is the type in common use
 * (never IANA-registered); application/feed+json is JSON Feed 1.1's own recommendation.
 */
export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

const RENDERERS: Readonly<Record<FeedFormat, (articles: readonly Article[], meta: FeedMeta) => Uint8Array>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** The feed as UTF-8 bytes, ready to hash and serve. */
export function renderFeed(format: FeedFormat, articles: readonly Article[], meta: FeedMeta): Uint8Array {
  return RENDERERS[format](articles, meta);
}
