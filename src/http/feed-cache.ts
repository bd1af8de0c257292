import type { Config } from "../config.ts";
import { sha256Hex } from "../ingest/index.ts";
import { scopeId } from "../model/index.ts";
import { renderFeed } from "../render/index.ts";
import { SizedCache, StoreUnavailableError, type ArticleStore } from "../store/index.ts";
import { buildFeedMeta } from "./feed-meta.ts";
import { DEFAULT_LIMIT, encodeCursor, type FeedRequest } from "./feed-request.ts";

export type CachedFeed = {
  version: number;
  /**
   * The UTF-8 bytes as a Blob. A Blob is immutable, so workerd streams a Response from it without
   * copying; `new Response(uint8Array)` copies the whole feed into a fresh buffer on every request
   * (`npm run bench -- serve` measures both: bench/README.md, "Serve").
   */
  body: Blob;
  etag: string;
  lastModified: string;
  /** When an embargoed article of the feed goes live: the bytes are stale from then on. */
  expiresAt: string | undefined;
};

// Encoded bytes per isolate: serving pre-encoded bytes is ~12x cheaper than re-encoding a string.
// A cache, not state: the store version (and expiresAt) decide whether an entry may still be served.
const isolateCache = new SizedCache<CachedFeed>(256, 32 * 1024 * 1024, (feed) => feed.body.size);
const decoder = new TextDecoder();

/**
 * The store version this isolate last read, trusted for VERSION_TRUST_MS so that a hot feed costs no
 * database round trip at all. A write through this isolate forgets it at once (`invalidatingWrites`);
 * a write through another isolate is seen within VERSION_TRUST_MS (feeds are cached for minutes
 * downstream anyway).
 */
export const VERSION_TRUST_MS = 2000;
let knownVersion: { value: number; readAt: number } | undefined;
/** Counts this isolate's writes: a version read that a write overtook is not trusted. */
let writesSeen = 0;

export async function currentVersion(store: ArticleStore): Promise<number> {
  const at = Date.now();
  if (knownVersion && at - knownVersion.readAt < VERSION_TRUST_MS) return knownVersion.value;
  const writesBefore = writesSeen;
  const value = await store.version();
  if (writesSeen === writesBefore) knownVersion = { value, readAt: at };
  return value;
}

/**
 * A version read along with data (a feed page) is one the store has reached. When it is newer than
 * the trusted one, it becomes the trusted one: otherwise a feed rendered at that version would look
 * stale against the older trusted version, and be rendered again on every request until the trust
 * ran out. Versions only grow, and a write through this isolate has already cleared knownVersion.
 */
export function noteStoreVersion(version: number): void {
  if (knownVersion && version > knownVersion.value) knownVersion = { value: version, readAt: knownVersion.readAt };
}

/** The store with every write also forgetting this isolate's known version and rendered feeds. */
export function invalidatingWrites(store: ArticleStore): ArticleStore {
  return {
    ...store,
    async write(change) {
      try {
        return await store.write(change);
      } finally {
        writesSeen++;
        knownVersion = undefined;
        isolateCache.clear();
      }
    },
  };
}

/** Everything the bytes depend on: the page asked for and the site settings. */
function cacheKey(request: FeedRequest, config: Config): string {
  const before = request.before ? encodeCursor(request.before) : "";
  return `${request.format}|${scopeId(request.scope)}|${request.limit}|${before}|${JSON.stringify(config)}`;
}

/** Rendered at this store version, and no embargoed article of it has gone live since. */
export const fresh = (feed: { version: number; expiresAt: string | undefined }, version: number, now: string) =>
  feed.version === version && (feed.expiresAt === undefined || now < feed.expiresAt);

/**
 * The current bytes of a feed page, or undefined for a section/tag/author that has never had an
 * article. Looked up in the isolate, then the Cache API (per colo), then D1 (shared by all isolates,
 * first pages only), and rendered only when none is fresh: after a change, or when an embargo lifts.
 * While the database is down, the last good bytes are served (`stale`).
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
    if (!(error instanceof StoreUnavailableError)) throw error;
    const last = isolateCache.get(key) ?? (await fromEdge(edgeCache, key).catch(() => undefined));
    if (!last) throw error;
    return { ...last, stale: true };
  }
}

async function loadCurrent(
  store: ArticleStore,
  request: FeedRequest,
  key: string,
  config: Config,
  now: string,
  edgeCache: Cache | undefined,
): Promise<CachedFeed | undefined> {
  const version = await currentVersion(store);
  const hot = isolateCache.get(key);
  if (hot && fresh(hot, version, now)) return hot;

  const edge = await fromEdge(edgeCache, key, (candidate) => fresh(candidate, version, now));
  if (edge) return remember(key, edge);

  const stored = request.before || request.limit !== DEFAULT_LIMIT ? undefined : await store.getRendered(key, version);
  if (stored && fresh(stored, version, now)) return remember(key, await toEdge(edgeCache, key, { ...stored, body: new Blob([stored.body]) }));

  const page = await store.feedPage(request.scope, { limit: request.limit, before: request.before, now });
  noteStoreVersion(page.version);
  if (page.name === undefined && request.scope.kind !== "all") return undefined;
  const meta = buildFeedMeta(config, request, page);
  // Rendered straight to bytes: they are what is hashed, cached and served.
  const bytes = renderFeed(request.format, page.articles, meta);
  const feed: CachedFeed = {
    version: page.version,
    body: new Blob([bytes]),
    etag: await strongEtag(bytes),
    lastModified: lastModified(meta.updatedAt, page.changedAt, now),
    expiresAt: page.expiresAt,
  };
  // Only the pages readers subscribe to are shared through D1: other limits and cursor pages stay in
  // the isolate and the Cache API, so requests cannot fill the database with renders.
  if (!request.before && request.limit === DEFAULT_LIMIT) await store.putRendered(key, { ...feed, body: decoder.decode(bytes) });
  return remember(key, await toEdge(edgeCache, key, feed));
}

/** A strong entity tag (RFC 9110 §8.8.3) from the bytes themselves: 128 bits of their SHA-256. */
export async function strongEtag(bytes: Uint8Array): Promise<string> {
  return `"${(await sha256Hex(bytes)).slice(0, 32)}"`;
}

/**
 * RFC 9110 §8.8.2: the newest item's updatedAt, or the last store change if later (an item that left
 * the feed, or joined it with an older date, must still move it), and never after the response.
 */
export function lastModified(newestItem: string, storeChangedAt: string | undefined, now: string): string {
  const latest = storeChangedAt && storeChangedAt > newestItem ? storeChangedAt : newestItem;
  return new Date(latest < now ? latest : now).toUTCString();
}

// One Cache API entry per feed page, tagged with its version: the current copy while fresh, and the
// colo's last good copy when the database cannot be reached.
const edgeKey = (key: string) => `https://wirefeed.internal/feeds/${encodeURIComponent(key)}`;

/**
 * The colo's copy, if `wanted` accepts what its headers say. The body (the whole feed) is read only
 * then: after every change the copy there is stale, and reading it just to drop it cost more CPU
 * than the rest of the lookup (bench/README.md, "Serve").
 */
async function fromEdge(
  edgeCache: Cache | undefined,
  key: string,
  wanted: (meta: { version: number; expiresAt: string | undefined }) => boolean = () => true,
): Promise<CachedFeed | undefined> {
  const hit = await edgeCache?.match(edgeKey(key));
  if (!hit) return undefined;
  const meta = { version: Number(hit.headers.get("X-Version")), expiresAt: hit.headers.get("X-Expires-At") ?? undefined };
  if (!wanted(meta)) {
    await hit.body?.cancel();
    return undefined;
  }
  return { ...meta, body: await hit.blob(), etag: hit.headers.get("ETag")!, lastModified: hit.headers.get("Last-Modified")! };
}

async function toEdge(edgeCache: Cache | undefined, key: string, feed: CachedFeed): Promise<CachedFeed> {
  if (!edgeCache) return feed;
  const headers: Record<string, string> = {
    ETag: feed.etag,
    "Last-Modified": feed.lastModified,
    "X-Version": String(feed.version),
    "Cache-Control": "max-age=86400",
  };
  if (feed.expiresAt) headers["X-Expires-At"] = feed.expiresAt;
  await edgeCache.put(edgeKey(key), new Response(feed.body, { headers }));
  return feed;
}

function remember(key: string, feed: CachedFeed): CachedFeed {
  // Setting marks an entry as the newest; the oldest go first (SizedCache).
  isolateCache.set(key, feed);
  return feed;
}
