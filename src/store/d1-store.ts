import { scopeId, type Article, type FeedScope, type ScopeKind } from "../model/index.ts";
import { writeChange } from "./d1-write.ts";
import { knownArticle, parseStoredArticle, sameStoredKey, type StoredKey } from "./parsed-articles.ts";
import { StoreUnavailableError, UrlConflictError, type ArticleOrigin, type ArticleStore, type FeedCursor, type FeedPage, type FeedPageQuery, type RenderedFeed } from "./article-store.ts";

type ArticleRow = {
  article_json: string;
  origin: ArticleOrigin;
  status: "published" | "retracted";
  content_hash: string;
  first_ingested_at: string;
};

// Keyset paging (no OFFSET): the page after a cursor is a range scan of the primary key.
// A page's articles by key only; their text comes from ARTICLES_BY_ID for the keys this isolate has
// not parsed yet (src/store/parsed-articles.ts).
export const FEED_PAGE = `SELECT a.id, a.revision, a.content_hash, a.updated_at, e.published_at FROM feed_entries e JOIN articles a ON a.id = e.article_id
  WHERE e.scope = ?1 AND e.published_at <= ?2
    AND (?3 IS NULL OR e.published_at < ?3 OR (e.published_at = ?3 AND e.article_id < ?4))
  ORDER BY e.published_at DESC, e.article_id DESC LIMIT ?5`;

// The same page with every row's text, in the same transaction as its keys: the fallback when a
// row changed between the two reads.
const FEED_PAGE_WITH_TEXT = FEED_PAGE.replace("e.published_at FROM", "e.published_at, a.article_json FROM");

// The text of the given articles (?1: a JSON array of ids). A row retracted since its key was read
// is left out (and the page is then read again in one transaction).
export const ARTICLES_BY_ID = `SELECT id, revision, content_hash, updated_at, article_json FROM articles
  WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'published'`;

// The page before a cursor page: the `limit` entries just newer than its first item. Its own cursor
// is the entry just newer than those, if any (else the previous page is the first page).
export const NEWER_ENTRIES = `SELECT published_at, article_id FROM feed_entries
  WHERE scope = ?1 AND published_at <= ?2 AND (published_at > ?3 OR (published_at = ?3 AND article_id > ?4))
  ORDER BY published_at ASC, article_id ASC LIMIT ?5`;

/**
 * The store on D1. Every failure of the database surfaces as StoreUnavailableError (mapped to 503
 * once, in the app), except a taken URL, which is the caller's conflict.
 */
export function createD1Store(db: D1Database): ArticleStore {
  return guarded(d1Store(db));
}

/** Every database failure of a D1-backed store becomes StoreUnavailableError (a 503, or a queue retry); a taken URL stays the caller's conflict. */
export function guarded<T extends object>(store: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(store) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        throw error instanceof UrlConflictError || error instanceof StoreUnavailableError ? error : new StoreUnavailableError(error);
      }
    };
  }
  return wrapped as T;
}

function d1Store(db: D1Database): ArticleStore {
  return {
    async version() {
      const row = await db.prepare("SELECT version FROM store_state WHERE singleton = 1").first<{ version: number }>();
      return row?.version ?? 0;
    },

    async get(id) {
      const row = await db
        .prepare("SELECT article_json, origin, status, content_hash, first_ingested_at FROM articles WHERE id = ?")
        .bind(id)
        .first<ArticleRow>();
      if (!row) return undefined;
      return {
        article: parseStoredArticle(row.article_json),
        origin: row.origin,
        status: row.status,
        contentHash: row.content_hash,
        firstIngestedAt: row.first_ingested_at,
      };
    },

    async findIdByUrl(url) {
      // A retracted article no longer holds its URL (migration 0003).
      const row = await db.prepare("SELECT id FROM articles WHERE url = ? AND status = 'published'").bind(url).first<{ id: string }>();
      return row?.id;
    },

    async listPublishedIds(origin) {
      const { results } = await db
        .prepare("SELECT id FROM articles WHERE origin = ? AND status = 'published' ORDER BY id")
        .bind(origin)
        .all<{ id: string }>();
      return results.map((r) => r.id);
    },

    async listUndatedIds() {
      const { results } = await db
        .prepare("SELECT id FROM articles WHERE status = 'published' AND json_extract(article_json, '$.publishedAtSource') = 'first-seen' ORDER BY id")
        .all<{ id: string }>();
      return results.map((r) => r.id);
    },

    async feedPage(scope, query) {
      // Keys first, then the text of the rows this isolate has not parsed. If one of those rows
      // changed in between (or was retracted), the page is read again with all its text in one
      // transaction, so a page never mixes two states of the store.
      return (await readFeedPage(db, scope, query, false)) ?? (await readFeedPage(db, scope, query, true))!;
    },

    async listScopes(now) {
      const { results } = await db
        .prepare(
          `SELECT s.scope, s.kind, s.name, COUNT(*) AS count FROM feed_scopes s JOIN feed_entries e ON e.scope = s.scope
           WHERE s.kind != 'all' AND e.published_at <= ? GROUP BY s.scope ORDER BY count DESC, s.name`,
        )
        .bind(now)
        .all<{ scope: string; kind: ScopeKind; name: string; count: number }>();
      return results.map((r) => ({ kind: r.kind, key: r.scope.slice(r.kind.length + 1), name: r.name, count: r.count }));
    },

    write: (change) => writeChange(db, change),

    async wentLive(after, until) {
      const { results } = await db
        .prepare(
          `SELECT a.article_json FROM feed_entries e JOIN articles a ON a.id = e.article_id
           WHERE e.scope = 'all' AND e.published_at > ? AND e.published_at <= ? ORDER BY e.published_at LIMIT 500`,
        )
        .bind(after, until)
        .all<{ article_json: string }>();
      return results.map((r) => parseStoredArticle(r.article_json));
    },

    async jobCoveredUntil(name) {
      const row = await db.prepare("SELECT covered_until FROM job_state WHERE name = ?").bind(name).first<{ covered_until: string }>();
      return row?.covered_until;
    },

    async setJobCoveredUntil(name, until) {
      await db
        .prepare("INSERT INTO job_state (name, covered_until) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET covered_until = ?2")
        .bind(name, until)
        .run();
    },

    async getRendered(cacheKey, version) {
      // The version is in the WHERE clause so that a stale body (the whole feed) is never transferred.
      const row = await db
        .prepare("SELECT version, etag, last_modified, body, expires_at FROM rendered_feeds WHERE cache_key = ? AND version = ?")
        .bind(cacheKey, version)
        .first<{ version: number; etag: string; last_modified: string; body: string; expires_at: string | null }>();
      return row
        ? { version: row.version, etag: row.etag, lastModified: row.last_modified, body: row.body, expiresAt: row.expires_at ?? undefined }
        : undefined;
    },

    async putRendered(cacheKey, feed: RenderedFeed) {
      // Never overwrite a newer render with an older one (two requests may race after a change).
      await db
        .prepare(
          `INSERT INTO rendered_feeds (cache_key, version, etag, last_modified, body, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
           ON CONFLICT (cache_key) DO UPDATE SET version = ?2, etag = ?3, last_modified = ?4, body = ?5, expires_at = ?6
           WHERE rendered_feeds.version <= ?2`,
        )
        .bind(cacheKey, feed.version, feed.etag, feed.lastModified, feed.body, feed.expiresAt ?? null)
        .run();
    },
  };
}

type PageKey = StoredKey & { published_at: string; article_json?: string };

/**
 * One feed page. The version, the keys, the name and the next embargo come from one batch (one
 * transaction); with `withText` the rows' text does too. Without it, the text of the keys this
 * isolate has not parsed is fetched afterwards, and undefined is returned when any of it no longer
 * matches its key.
 */
async function readFeedPage(db: D1Database, scope: FeedScope, { limit, before, now }: FeedPageQuery, withText: boolean): Promise<FeedPage | undefined> {
  const id = scopeId(scope);
  const [state, rows, name, embargo] = await db.batch([
    db.prepare("SELECT version, changed_at FROM store_state WHERE singleton = 1"),
    db.prepare(withText ? FEED_PAGE_WITH_TEXT : FEED_PAGE).bind(id, now, before?.publishedAt ?? null, before?.id ?? null, limit + 1),
    // A scope whose only articles are embargoed does not exist yet: its name would reveal them.
    db
      .prepare(
        `SELECT name FROM feed_scopes WHERE scope = ?1 AND (
           EXISTS (SELECT 1 FROM feed_entries WHERE scope = ?1 AND published_at <= ?2)
           OR NOT EXISTS (SELECT 1 FROM feed_entries WHERE scope = ?1))`,
      )
      .bind(id, now),
    db.prepare("SELECT MIN(published_at) AS at FROM feed_entries WHERE scope = ? AND published_at > ?").bind(id, now),
  ]);
  const keys = (rows?.results ?? []) as PageKey[];
  // The extra row only tells whether there is a next page. Each key is looked up once: the shared
  // cache may drop entries while this request awaits the database.
  const page = keys.slice(0, limit);
  const articles = page.map((key) => knownArticle(key) ?? (key.article_json === undefined ? undefined : parseStoredArticle(key.article_json, key)));
  const missing = page.filter((_, i) => articles[i] === undefined);
  if (missing.length > 0) {
    const { results } = await db.prepare(ARTICLES_BY_ID).bind(JSON.stringify(missing.map((key) => key.id))).all<StoredKey & { article_json: string }>();
    const byId = new Map(results.map((row) => [row.id, row]));
    for (const [i, key] of page.entries()) {
      if (articles[i] !== undefined) continue;
      const row = byId.get(key.id);
      if (row === undefined || !sameStoredKey(row, key)) return undefined;
      articles[i] = parseStoredArticle(row.article_json, row);
    }
  }
  let previous: FeedPage["previous"];
  const first = page[0];
  if (before && first) {
    const { results } = await db.prepare(NEWER_ENTRIES).bind(id, now, first.published_at, first.id, limit + 1).all<{ published_at: string; article_id: string }>();
    const boundary = results.length > limit ? results[limit] : undefined;
    previous = { cursor: boundary ? { publishedAt: boundary.published_at, id: boundary.article_id } : undefined };
  }
  const last = keys.length > limit ? page[limit - 1] : undefined;
  return {
    previous,
    version: (state?.results[0] as { version: number } | undefined)?.version ?? 0,
    changedAt: (state?.results[0] as { changed_at: string | null } | undefined)?.changed_at ?? undefined,
    name: (name?.results[0] as { name: string } | undefined)?.name,
    articles: articles as Article[],
    next: last ? ({ publishedAt: last.published_at, id: last.id } satisfies FeedCursor) : undefined,
    expiresAt: (embargo?.results[0] as { at: string | null } | undefined)?.at ?? undefined,
  };
}
