import type { Config } from "../config.ts";
import { sha256Hex } from "../ingest/index.ts";
import { scopeId } from "../model/index.ts";
import { renderFeed } from "../render/index.ts";
import { StoreUnavailableError, type ArticleStore } from "../store/index.ts";
import { buildFeedMeta } from "./feed-meta.ts";
import { encodeCursor, type FeedRequest } from "./feed-request.ts";

export type CachedFeed = {
  version: number;
  bytes: Uint8Array;
  etag: string;
  lastModified: string;
  /** When an embargoed article of the feed goes live: the bytes are stale from then on. */
  expiresAt: string | undefined;
};

// Encoded bytes per isolate: serving pre-encoded bytes is ~12x cheaper than re-encoding a string.
// A cache, not state: the store version (and expiresAt) decide whether an entry may still be served.
const ISOLATE_ENTRIES = 256;
const isolateCache = new Map<string, CachedFeed>();
const encoder = new TextEncoder();

/** Everything the bytes depend on: the page asked for and the site settings. */
function cacheKey(request: FeedRequest, config: Config): string {
  const before = request.before ? encodeCursor(request.before) : "";
  return `${request.format}|${scopeId(request.scope)}|${request.limit}|${before}|${JSON.stringify(config)}`;
}

const fresh = (feed: { version: number; expiresAt: string | undefined }, version: number, now: string) =>
  feed.version === version && (feed.expiresAt === undefined || now < feed.expiresAt);

/**
 * The current bytes of a feed page, or undefined for a section/tag/author that has never had an
 * article. Looked up in the isolate, then the Cache API (per colo), then D1 (shared by all isolates,
 * first pages only), and rendered only when none is fresh: after a change, or when an embargo lifts.
 */
export async function loadFeed(
  store: ArticleStore,
  request: FeedRequest,
  config: Config,
  now: string,
  edgeCache: Cache | undefined,
): Promise<(CachedFeed & { stale?: true }) | undefined> {
  const key = cacheKey(request, config);
  try {
    return await loadCurrent(store, request, key, config, now, edgeCache);
  } catch (error) {
    // The database is down: the last good bytes (this isolate's, else this colo's) beat an error.
    if (!(error instanceof StoreUnavailableError)) throw error;
    const last = isolateCache.get(key) ?? (await lastFromEdge(edgeCache, key));
    if (!last) throw error;
    return { ...last, stale: true };
  }
}

const latestEdgeKey = (key: string) => `https://wirefeed.internal/latest/${encodeURIComponent(key)}`;

async function lastFromEdge(edgeCache: Cache | undefined, key: string): Promise<CachedFeed | undefined> {
  const hit = await edgeCache?.match(latestEdgeKey(key)).catch(() => undefined);
  if (!hit) return undefined;
  return {
    version: -1,
    bytes: new Uint8Array(await hit.arrayBuffer()),
    etag: hit.headers.get("ETag")!,
    lastModified: hit.headers.get("Last-Modified")!,
    expiresAt: undefined,
  };
}

async function loadCurrent(
  store: ArticleStore,
  request: FeedRequest,
  key: string,
  config: Config,
  now: string,
  edgeCache: Cache | undefined,
): Promise<CachedFeed | undefined> {
  const version = await store.version();
  const hot = isolateCache.get(key);
  if (hot && fresh(hot, version, now)) return hot;

  // The Cache API key carries the version, so a change makes every older entry unreachable.
  const edgeKey = `https://wirefeed.internal/render/${version}/${encodeURIComponent(key)}`;
  const edge = await edgeCache?.match(edgeKey);
  if (edge) {
    const expiresAt = edge.headers.get("X-Expires-At") ?? undefined;
    const feed = { version, bytes: new Uint8Array(await edge.arrayBuffer()), etag: edge.headers.get("ETag")!, lastModified: edge.headers.get("Last-Modified")!, expiresAt };
    if (fresh(feed, version, now)) return remember(key, feed);
  }

  // Pages with a cursor are not shared through D1: their number grows with the archive.
  const stored = request.before ? undefined : await store.getRendered(key);
  let feed: CachedFeed | undefined =
    stored && fresh(stored, version, now) ? { ...stored, bytes: encoder.encode(stored.body) } : undefined;
  if (!feed) {
    const page = await store.feedPage(request.scope, { limit: request.limit, before: request.before, now });
    if (page.name === undefined && request.scope.kind !== "all") return undefined;
    const meta = buildFeedMeta(config, request, page);
    const body = renderFeed(request.format, page.articles, meta);
    const rendered = {
      version: page.version,
      etag: `"${(await sha256Hex(body)).slice(0, 32)}"`,
      lastModified: new Date(meta.updatedAt).toUTCString(),
      body,
      expiresAt: page.expiresAt,
    };
    if (!request.before) await store.putRendered(key, rendered);
    feed = { version: rendered.version, bytes: encoder.encode(body), etag: rendered.etag, lastModified: rendered.lastModified, expiresAt: rendered.expiresAt };
  }
  if (edgeCache && feed.version === version) {
    const headers: Record<string, string> = { ETag: feed.etag, "Last-Modified": feed.lastModified, "Cache-Control": "max-age=86400" };
    if (feed.expiresAt) headers["X-Expires-At"] = feed.expiresAt;
    await edgeCache.put(edgeKey, new Response(feed.bytes, { headers }));
    // The colo's last good copy, for when the database cannot be reached.
    await edgeCache.put(latestEdgeKey(key), new Response(feed.bytes, { headers }));
  }
  return remember(key, feed);
}

function remember(key: string, feed: CachedFeed): CachedFeed {
  // Map keeps insertion order: re-inserting marks an entry as recent, the oldest goes first.
  isolateCache.delete(key);
  isolateCache.set(key, feed);
  if (isolateCache.size > ISOLATE_ENTRIES) isolateCache.delete(isolateCache.keys().next().value!);
  return feed;
}
