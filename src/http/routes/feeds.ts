import { Hono, type Context } from "hono";
import { FEED_FILES, FEED_FORMATS, SITE_SCOPE, type FeedFormat, type FeedScope } from "../../model/index.ts";
import { FEED_ACCEPT_TYPES, prefersHtml } from "../accept.ts";
import { countFeedRequest } from "../audience.ts";
import type { AppEnv } from "../env.ts";
import { loadFeed, type CachedFeed } from "../feed-cache.ts";
import { feedPreview } from "../feed-preview.ts";
import { feedUrls, parseFeedQuery, type FeedRequest } from "../feed-request.ts";
import { feedMaxAge, feedResponse } from "../feed-response.ts";
import { isoNow } from "../now.ts";
import { notFound } from "../problems.ts";

/**
 * Readers poll often and shared caches sit in front: browsers and readers may reuse a feed for 5
 * minutes, shared caches for 1 (then revalidate cheaply with the ETag), and serve a stale copy for up
 * to 10 minutes while they do (RFC 5861).
 */
const CACHE_CONTROL = (maxAge: number) =>
  `public, max-age=${maxAge}, s-maxage=${Math.min(maxAge, 60)}, stale-while-revalidate=600`;


export const feedRoutes = new Hono<AppEnv>();

const SCOPED = [
  ["sections", "section"],
  ["tags", "tag"],
  ["authors", "author"],
] as const;

for (const format of FEED_FORMATS) {
  feedRoutes.get(`/${FEED_FILES[format]}`, (c) => serveFeed(c, SITE_SCOPE, format));
  for (const [segment, kind] of SCOPED) {
    feedRoutes.get(`/${segment}/:key/${FEED_FILES[format]}`, (c) => serveFeed(c, { kind, key: c.req.param("key") }, format));
  }
}

async function serveFeed(c: Context<AppEnv>, scope: FeedScope, format: FeedFormat): Promise<Response> {
  const { config, store } = c.var;
  const request: FeedRequest = { scope, format, ...parseFeedQuery(new URL(c.req.url).searchParams) };
  const now = isoNow();
  const selfUrl = feedUrls(config, scope, request)[format];
  if (prefersHtml(c.req.header("Accept"), FEED_ACCEPT_TYPES[format])) {
    const preview = await feedPreview(store, config, request, now);
    if (!preview) throw unknownScope(scope);
    return preview;
  }
  const feed = await loadFeed(store, request, config, now, edgeCache());
  if (!feed) throw unknownScope(scope);
  const headers = feedHeaders(feed, selfUrl, config.hubUrl, now);
  // Served from the last good copy while the database is down: keep caches from holding it long.
  if (feed.stale) headers["Cache-Control"] = "public, max-age=30";
  const response = feedResponse(c, feed, format, headers);
  countFeedRequest(c, request, response.status, now);
  return response;
}

function feedHeaders(feed: CachedFeed, selfUrl: string, hubUrl: string | undefined, now: string): Record<string, string> {
  const links = [`<${selfUrl}>; rel="self"`];
  // WebSub §4: publishers advertise the hub and the topic (self) in the Link header.
  if (hubUrl) links.push(`<${hubUrl}>; rel="hub"`);
  return {
    ETag: feed.etag,
    "Last-Modified": feed.lastModified,
    "Cache-Control": CACHE_CONTROL(feedMaxAge(feed.expiresAt, now)),
    Link: links.join(", "),
    Vary: "Accept",
  };
}

const unknownScope = (scope: FeedScope) =>
  notFound(scope.kind === "all" ? "No such feed." : `No ${scope.kind} "${scope.key}" has any articles.`);

/** The Cache API where the runtime has it (workerd does; a plain Node test of the app does not). */
function edgeCache(): Cache | undefined {
  return (globalThis as { caches?: { default?: Cache } }).caches?.default;
}
