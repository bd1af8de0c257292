import type { FeedFormat } from "../model/index.ts";

/** Media types a reader may name in Accept for each format (a browser prefers text/html to all of them). */
export const FEED_ACCEPT_TYPES: Record<FeedFormat, readonly string[]> = {
  rss: ["application/rss+xml", "application/xml", "text/xml"],
  atom: ["application/atom+xml", "application/xml", "text/xml"],
  json: ["application/feed+json", "application/json"],
};

/**
 * Whether a request prefers an HTML page to the feed itself (RFC 9110 §12.5.1): text/html must be
 * named explicitly and rank above every type the feed could be served as. Browsers send
 * "text/html,…,application/xml;q=0.9,*\/*;q=0.8"; feed readers send feed types, "*\/*" or nothing.
 */
export function prefersHtml(accept: string | undefined, feedTypes: readonly string[]): boolean {
  if (!accept) return false;
  const weights = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    if (!type) continue;
    const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(type.trim(), q === undefined ? 1 : Number(q));
  }
  const html = weights.get("text/html");
  if (html === undefined || html === 0) return false;
  return feedTypes.every((type) => (weights.get(type) ?? 0) < html);
}
