import { Hono } from "hono";
import { FEED_FORMATS, type FeedFormat } from "../../model/index.ts";
import { FEED_CONTENT_TYPES } from "../../render/index.ts";
import { isNotModified } from "../conditional.ts";
import type { AppEnv } from "../env.ts";
import { loadFeed } from "../feed-cache.ts";
import { FEED_PATHS } from "../feed-meta.ts";

// Readers poll often; a short shared-cache lifetime keeps them close to the source.
const CACHE_CONTROL = "public, max-age=300";

export const feedRoutes = new Hono<AppEnv>();

for (const format of FEED_FORMATS) {
  feedRoutes.get(FEED_PATHS[format], (c) => serveFeed(c.req.raw, c.var, format));
}

async function serveFeed(request: Request, vars: AppEnv["Variables"], format: FeedFormat): Promise<Response> {
  const feed = await loadFeed(vars.store, format, vars.config);
  const headers = { ETag: feed.etag, "Last-Modified": feed.lastModified, "Cache-Control": CACHE_CONTROL };
  if (isNotModified(request.headers, feed.etag, feed.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : feed.bytes, {
    headers: { ...headers, "Content-Type": FEED_CONTENT_TYPES[format], "Content-Length": String(feed.bytes.byteLength) },
  });
}
