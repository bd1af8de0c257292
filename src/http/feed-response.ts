/**
 * The response for a feed's bytes, shared by the public and the partner routes: 304 when the
 * client's validators match (RFC 9110 §13.1), else 200 with the bytes (none for HEAD).
 */
import type { Context } from "hono";
import type { FeedFormat } from "../model/index.ts";
import { FEED_CONTENT_TYPES } from "../render/index.ts";
import { isNotModified } from "./conditional.ts";
import type { CachedFeed } from "./feed-cache.ts";

/** Longest a client or shared cache may keep a feed, in seconds. */
export const FEED_MAX_AGE = 300;

/**
 * An embargo bound is rounded down to whole steps of this many seconds: a max-age that counted down
 * to the second would tell anyone reading the header exactly when a hidden story goes live (issue 13).
 */
export const MAX_AGE_STEP = 60;

/**
 * Seconds a feed may be cached: FEED_MAX_AGE, never past the moment an embargoed article in it goes
 * live, and then rounded down to a whole MAX_AGE_STEP (0 in the last step before the embargo lifts).
 */
export function feedMaxAge(expiresAt: string | undefined, now: string): number {
  if (!expiresAt) return FEED_MAX_AGE;
  const untilEmbargo = Math.floor((Date.parse(expiresAt) - Date.parse(now)) / 1000);
  return Math.max(0, Math.min(FEED_MAX_AGE, Math.floor(untilEmbargo / MAX_AGE_STEP) * MAX_AGE_STEP));
}

export function feedResponse(c: Context, feed: CachedFeed, format: FeedFormat, headers: Record<string, string>): Response {
  if (isNotModified(c.req.raw.headers, feed.etag, feed.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(c.req.method === "HEAD" ? null : feed.body, {
    headers: { ...headers, "Content-Type": FEED_CONTENT_TYPES[format], "Content-Length": String(feed.body.size) },
  });
}
