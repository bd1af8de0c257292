/**
 * Sitemaps and the OPML list, kept per isolate like the feeds: rendered once per store version (and
 * until their own expiry), then served as bytes with a strong ETag. A crawler asking for the 50,000-URL
 * sitemap again costs a version check, not a render.
 */
import type { Context } from "hono";
import { SizedCache, type ArticleStore } from "../store/index.ts";
import { isNotModified } from "./conditional.ts";
import { currentVersion, fresh, lastModified, noteStoreVersion, strongEtag } from "./feed-cache.ts";
import { feedMaxAge } from "./feed-response.ts";

export type CachedDocument = { version: number; expiresAt: string | undefined; body: Blob; etag: string; lastModified: string };

const documents = new SizedCache<CachedDocument>(64, 24 * 1024 * 1024, (d) => d.body.size);

export type ProducedDocument = {
  bytes: Uint8Array;
  version: number;
  expiresAt: string | undefined;
  /** When the content last changed by its own dates (the newest item, an article aging out). */
  changedAt: string;
  storeChangedAt: string | undefined;
};

/** The document for `key` (which must name everything its bytes depend on), or undefined when there is none. */
export async function cachedDocument(
  store: ArticleStore,
  key: string,
  now: string,
  produce: () => Promise<ProducedDocument | undefined>,
): Promise<CachedDocument | undefined> {
  const version = await currentVersion(store);
  const hot = documents.get(key);
  if (hot && fresh(hot, version, now)) return hot;
  const made = await produce();
  if (!made) return undefined;
  noteStoreVersion(made.version);
  const doc: CachedDocument = {
    version: made.version,
    expiresAt: made.expiresAt,
    body: new Blob([made.bytes]),
    etag: await strongEtag(made.bytes),
    lastModified: lastModified(made.changedAt, made.storeChangedAt, now),
  };
  documents.set(key, doc);
  return doc;
}

/** 200 with the bytes (none for HEAD) or 304 (RFC 9110 §13.1); public, cached no longer than it stays right. */
export function documentResponse(c: Context, doc: CachedDocument, contentType: string, now: string): Response {
  const headers = {
    ETag: doc.etag,
    "Last-Modified": doc.lastModified,
    "Cache-Control": `public, max-age=${feedMaxAge(doc.expiresAt, now)}`,
  };
  if (isNotModified(c.req.raw.headers, doc.etag, doc.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(c.req.method === "HEAD" ? null : doc.body, {
    headers: { ...headers, "Content-Type": contentType, "Content-Length": String(doc.body.size) },
  });
}
