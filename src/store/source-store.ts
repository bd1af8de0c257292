import { TeaserSchema, type SourceKind } from "../sources/schema.ts";
import type { ItemCounts, ItemState, PulledPage, Source, SourceItem } from "../sources/types.ts";
import { sha256Hex } from "../ingest/hash.ts";
import { guarded } from "./d1-store.ts";

/** Raw pages up to this size are kept in D1 when no R2 bucket is bound (a D1 row holds at most 2 MB). */
export const RAW_PAGE_MAX_BYTES = 1_800_000;

/** Pull mode's storage (migration 0009): sources, their per-URL memory, raw pages, robots.txt. */
export interface SourceStore {
  /** false when a source already has this URL. */
  create(source: Source): Promise<boolean>;
  get(id: string): Promise<Source | undefined>;
  list(): Promise<Source[]>;
  /** Sources due at `now`, soonest first. */
  due(now: string, limit: number): Promise<Source[]>;
  save(source: Source): Promise<void>;
  delete(id: string): Promise<boolean>;
  counts(sourceId: string): Promise<ItemCounts>;
  items(sourceId: string, states?: ItemState[]): Promise<SourceItem[]>;
  item(sourceId: string, url: string): Promise<SourceItem | undefined>;
  /** Every source's memory of one URL (an article listed by two sources). */
  itemsByUrl(url: string): Promise<SourceItem[]>;
  putItems(items: SourceItem[]): Promise<void>;
  page(url: string): Promise<PulledPage | undefined>;
  putPage(page: PulledPage): Promise<void>;
  robots(origin: string): Promise<{ fetchedAt: string; body: string } | undefined>;
  putRobots(origin: string, fetchedAt: string, body: string): Promise<void>;
}

type SourceRow = {
  id: string; url: string; kind: SourceKind | null; declared_kind: SourceKind | null; every_minutes: number; retract_removed: number;
  children_json: string | null; link_prefix: string | null; origin: Source["origin"]; created_at: string; etag: string | null;
  last_modified: string | null; failures: number; next_due_at: string; last_polled_at: string | null; last_status: Source["lastStatus"] | null;
  last_error: string | null;
};
type ItemRow = {
  source_id: string; url: string; first_seen_at: string; last_seen_at: string; marker: string | null; teaser_json: string | null;
  state: ItemState; reason: string | null; attempts: number; article_id: string | null;
};
type PageRow = {
  url: string; fetched_at: string; etag: string | null; last_modified: string | null; content_type: string | null; body_sha256: string;
  body: ArrayBuffer | number[] | null; body_key: string | null; article_id: string | null; content: PulledPage["content"] | null;
};

const opt = <T>(value: T | null): T | undefined => value ?? undefined;

const toSource = (r: SourceRow): Source => ({
  id: r.id, url: r.url, kind: opt(r.kind), declaredKind: opt(r.declared_kind), everyMinutes: r.every_minutes,
  retractRemoved: r.retract_removed === 1, linkPrefix: opt(r.link_prefix), origin: r.origin, createdAt: r.created_at,
  etag: opt(r.etag), lastModified: opt(r.last_modified), failures: r.failures, nextDueAt: r.next_due_at,
  lastPolledAt: opt(r.last_polled_at), lastStatus: opt(r.last_status), lastError: opt(r.last_error),
  children: r.children_json ? (JSON.parse(r.children_json) as Record<string, string>) : {},
});

function toItem(r: ItemRow): SourceItem {
  // Stored rows are parsed like every other boundary: a bad teaser is dropped, not trusted.
  const teaser = r.teaser_json ? TeaserSchema.safeParse(JSON.parse(r.teaser_json)) : undefined;
  return {
    sourceId: r.source_id, url: r.url, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, marker: opt(r.marker),
    teaser: teaser?.success ? teaser.data : undefined, state: r.state, reason: opt(r.reason), attempts: r.attempts, articleId: opt(r.article_id),
  };
}

const SOURCE_COLUMNS = "id, url, kind, declared_kind, every_minutes, retract_removed, children_json, link_prefix, origin, created_at, etag, last_modified, failures, next_due_at, last_polled_at, last_status, last_error";
const sourceValues = (s: Source) => [
  s.id, s.url, s.kind ?? null, s.declaredKind ?? null, s.everyMinutes, s.retractRemoved ? 1 : 0,
  Object.keys(s.children).length ? JSON.stringify(s.children) : null, s.linkPrefix ?? null, s.origin, s.createdAt,
  s.etag ?? null, s.lastModified ?? null, s.failures, s.nextDueAt, s.lastPolledAt ?? null, s.lastStatus ?? null, s.lastError ?? null,
];
const UPDATE_SOURCE = SOURCE_COLUMNS.split(", ").slice(1).map((column, i) => `${column} = ?${i + 2}`).join(", ");
const PLACEHOLDERS = Array.from({ length: 17 }, (_, i) => `?${i + 1}`).join(", ");

const UPSERT_ITEM = `INSERT INTO source_items (source_id, url, first_seen_at, last_seen_at, marker, teaser_json, state, reason, attempts, article_id, updated_at)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?4)
  ON CONFLICT (source_id, url) DO UPDATE SET last_seen_at = ?4, marker = ?5, teaser_json = ?6, state = ?7, reason = ?8, attempts = ?9, article_id = ?10, updated_at = ?4`;

/**
 * The source store on D1. Raw pages go to the R2 bucket when one is bound (RAW_PAGES: every page,
 * D1 keeps only their metadata), else into D1 itself (pages up to RAW_PAGE_MAX_BYTES; D1 rows hold
 * at most 2 MB).
 */
export function createD1SourceStore(db: D1Database, raw?: R2Bucket): SourceStore {
  const store: SourceStore = {
    async create(source) {
      const result = await db.prepare(`INSERT INTO sources (${SOURCE_COLUMNS}) VALUES (${PLACEHOLDERS}) ON CONFLICT DO NOTHING`).bind(...sourceValues(source)).run();
      return result.meta.changes === 1;
    },
    async get(id) {
      const row = await db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ?`).bind(id).first<SourceRow>();
      return row ? toSource(row) : undefined;
    },
    async list() {
      const { results } = await db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY created_at, id`).all<SourceRow>();
      return results.map(toSource);
    },
    async due(now, limit) {
      const { results } = await db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE next_due_at <= ? ORDER BY next_due_at, id LIMIT ?`).bind(now, limit).all<SourceRow>();
      return results.map(toSource);
    },
    async save(source) {
      // An upsert, not INSERT OR REPLACE: a replace deletes the row first, and with it (ON DELETE CASCADE) its items.
      await db.prepare(`INSERT INTO sources (${SOURCE_COLUMNS}) VALUES (${PLACEHOLDERS}) ON CONFLICT (id) DO UPDATE SET ${UPDATE_SOURCE}`).bind(...sourceValues(source)).run();
    },
    async delete(id) {
      const [, result] = await db.batch([db.prepare("DELETE FROM source_items WHERE source_id = ?").bind(id), db.prepare("DELETE FROM sources WHERE id = ?").bind(id)]);
      return result!.meta.changes === 1;
    },
    async counts(sourceId) {
      const { results } = await db.prepare("SELECT state, COUNT(*) AS n FROM source_items WHERE source_id = ? GROUP BY state").bind(sourceId).all<{ state: ItemState; n: number }>();
      const counts: ItemCounts = { queued: 0, ingested: 0, teaser: 0, held: 0, dead: 0, removed: 0 };
      for (const { state, n } of results) counts[state] = n;
      return counts;
    },
    async items(sourceId, states) {
      const { results } = await db
        .prepare("SELECT * FROM source_items WHERE source_id = ?1 AND (?2 IS NULL OR state IN (SELECT value FROM json_each(?2))) ORDER BY first_seen_at, url")
        .bind(sourceId, states ? JSON.stringify(states) : null)
        .all<ItemRow>();
      return results.map(toItem);
    },
    async item(sourceId, url) {
      const row = await db.prepare("SELECT * FROM source_items WHERE source_id = ? AND url = ?").bind(sourceId, url).first<ItemRow>();
      return row ? toItem(row) : undefined;
    },
    async itemsByUrl(url) {
      const { results } = await db.prepare("SELECT * FROM source_items WHERE url = ? ORDER BY source_id").bind(url).all<ItemRow>();
      return results.map(toItem);
    },
    async putItems(items) {
      if (items.length === 0) return;
      const statements = items.map((i) =>
        db.prepare(UPSERT_ITEM).bind(i.sourceId, i.url, i.firstSeenAt, i.lastSeenAt, i.marker ?? null, i.teaser ? JSON.stringify(i.teaser) : null, i.state, i.reason ?? null, i.attempts, i.articleId ?? null),
      );
      await db.batch(statements);
    },
    async page(url) {
      const row = await db.prepare("SELECT * FROM pulled_pages WHERE url = ?").bind(url).first<PageRow>();
      if (!row) return undefined;
      const object = row.body_key && raw ? await raw.get(row.body_key) : null;
      const body = object ? new Uint8Array(await object.arrayBuffer()) : row.body ? new Uint8Array(row.body as ArrayBuffer) : undefined;
      return {
        url: row.url, fetchedAt: row.fetched_at, etag: opt(row.etag), lastModified: opt(row.last_modified), contentType: opt(row.content_type),
        bodySha256: row.body_sha256, body, articleId: opt(row.article_id), content: opt(row.content),
      };
    },
    async putPage(p) {
      // R2 first: a row never names an object that is not there (an orphan object is harmless).
      const key = raw && p.body ? `pages/${await sha256Hex(p.url)}` : null;
      if (key && p.body) await raw!.put(key, p.body, { httpMetadata: { contentType: p.contentType ?? "application/octet-stream" } });
      const inD1 = !key && p.body && p.body.byteLength <= RAW_PAGE_MAX_BYTES ? p.body : null;
      await db
        .prepare(`INSERT OR REPLACE INTO pulled_pages (url, fetched_at, etag, last_modified, content_type, body_sha256, body, body_key, article_id, content)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`)
        .bind(p.url, p.fetchedAt, p.etag ?? null, p.lastModified ?? null, p.contentType ?? null, p.bodySha256, inD1, key, p.articleId ?? null, p.content ?? null)
        .run();
    },
    async robots(origin) {
      const row = await db.prepare("SELECT fetched_at, body FROM robots_cache WHERE origin = ?").bind(origin).first<{ fetched_at: string; body: string }>();
      return row ? { fetchedAt: row.fetched_at, body: row.body } : undefined;
    },
    async putRobots(origin, fetchedAt, body) {
      await db.prepare("INSERT OR REPLACE INTO robots_cache (origin, fetched_at, body) VALUES (?, ?, ?)").bind(origin, fetchedAt, body).run();
    },
  };
  return guarded(store);
}
