import type { Config } from "../config.ts";
import { sha256Hex } from "../ingest/index.ts";
import type { FeedFormat } from "../model/index.ts";
import { renderFeed } from "../render/index.ts";
import type { ArticleStore } from "../store/index.ts";
import { buildFeedMeta } from "./feed-meta.ts";

/** How many items the public feeds carry. */
export const FEED_ITEM_LIMIT = 30;

export type CachedFeed = { version: number; bytes: Uint8Array; etag: string; lastModified: string };

// Encoded bytes per isolate: serving pre-encoded bytes is ~12x cheaper than re-encoding a string.
// A cache, not state: the store version decides whether an entry may still be served.
const isolateCache = new Map<string, CachedFeed>();
const encoder = new TextEncoder();

/** Rendered output depends on the format and the site settings, so both are in the key. */
function cacheKey(format: FeedFormat, config: Config): string {
  return `${format}:${JSON.stringify(config)}`;
}

/**
 * The current bytes of a feed. Rendering happens only when the store changed since the last render
 * (by any isolate: renders are shared through D1), never per request.
 */
export async function loadFeed(store: ArticleStore, format: FeedFormat, config: Config): Promise<CachedFeed> {
  const key = cacheKey(format, config);
  const version = await store.version();
  const hot = isolateCache.get(key);
  if (hot && hot.version === version) return hot;

  const stored = await store.getRendered(key);
  if (stored && stored.version === version) return remember(key, { ...stored, bytes: encoder.encode(stored.body) });

  const snapshot = await store.latest(FEED_ITEM_LIMIT);
  const meta = buildFeedMeta(config, snapshot.articles);
  const body = renderFeed(format, snapshot.articles, meta);
  const rendered = {
    version: snapshot.version,
    etag: `"${(await sha256Hex(body)).slice(0, 32)}"`,
    lastModified: new Date(meta.updatedAt).toUTCString(),
    body,
  };
  await store.putRendered(key, rendered);
  return remember(key, { ...rendered, bytes: encoder.encode(body) });
}

function remember(key: string, feed: CachedFeed & { body?: string }): CachedFeed {
  const entry = { version: feed.version, bytes: feed.bytes, etag: feed.etag, lastModified: feed.lastModified };
  isolateCache.set(key, entry);
  return entry;
}
