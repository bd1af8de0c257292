/**
 * The ArticleStore in memory: pure TypeScript, no bindings, for Node-speed tests and the bench. It
 * passes the same contract suite as the D1 store (tests/store/contract.ts), and mirrors d1-store.ts
 * and d1-write.ts statement by statement (the same tables, the same conditions), so keep both in
 * sync: a change of the D1 store's semantics is a change here and in the suite.
 *
 * Rows keep the Article as JSON text, as D1 does: the store is a boundary, so a caller's later change
 * to the object it wrote cannot reach the store, and what is read back went through the Article
 * schema (parseStoredArticle). Each row is parsed once, on first read; a write replaces the row, so
 * a feed page after an edit parses one article, as the D1 store does in a warm isolate.
 */
import { scopeId, scopesOf, isoSeconds, type Article, type FeedScope, type ScopeKind } from "../model/index.ts";
import { UrlConflictError, type ArticleOrigin, type ArticleStatus, type ArticleStore, type FeedCursor, type FeedPage, type RenderedFeed, type UpsertOutcome } from "./article-store.ts";
import { parseStoredArticle } from "./parsed-articles.ts";

type Row = {
  readonly url: string;
  readonly origin: ArticleOrigin;
  readonly status: ArticleStatus;
  readonly contentHash: string;
  readonly firstIngestedAt: string;
  readonly json: string;
  parsed?: Article;
};
/** A feed_entries row: one (scope, article), keyed in feed order. */
type Entry = { readonly scope: string; readonly publishedAt: string; readonly id: string };
type Tables = { articles: Map<string, Row>; entries: Map<string, Entry>; scopes: Map<string, { kind: ScopeKind; name: string }> };

export type MemoryStoreOptions = {
  /** The time a write records as changedAt (D1: strftime('now') in the write's transaction). */
  clock?: () => string;
};

export function createMemoryStore({ clock = () => isoSeconds(new Date()) }: MemoryStoreOptions = {}): ArticleStore {
  // Migration 0002 creates the site feed's scope with the schema.
  let tables: Tables = { articles: new Map(), entries: new Map(), scopes: new Map([["all", { kind: "all", name: "All articles" }]]) };
  let version = 0;
  let changedAt: string | undefined;
  const jobs = new Map<string, string>();
  const rendered = new Map<string, RenderedFeed>();
  const articleOf = (row: Row): Article => (row.parsed ??= parseStoredArticle(row.json));
  const live = (scope: string, now: string) => [...tables.entries.values()].filter((e) => e.scope === scope && e.publishedAt <= now);

  return {
    version: async () => version,

    async get(id) {
      const row = tables.articles.get(id);
      if (!row) return undefined;
      return { article: articleOf(row), origin: row.origin, status: row.status, contentHash: row.contentHash, firstIngestedAt: row.firstIngestedAt };
    },

    // A retracted article no longer holds its URL (migration 0003).
    findIdByUrl: async (url) => [...tables.articles].find(([, row]) => row.url === url && row.status === "published")?.[0],

    listPublishedIds: async (origin) =>
      [...tables.articles].filter(([, row]) => row.origin === origin && row.status === "published").map(([id]) => id).sort(compareText),

    listUndatedIds: async () =>
      [...tables.articles].filter(([, row]) => row.status === "published" && articleOf(row).publishedAtSource === "first-seen").map(([id]) => id).sort(compareText),

    async feedPage(scope: FeedScope, { limit, before, now }) {
      const id = scopeId(scope);
      const all = [...tables.entries.values()].filter((e) => e.scope === id);
      const entries = all.filter((e) => e.publishedAt <= now).sort(newestFirst);
      const keys = (before ? entries.filter((e) => newestFirst(e, { publishedAt: before.publishedAt, id: before.id }) > 0) : entries).slice(0, limit + 1);
      const page = keys.slice(0, limit);
      let previous: FeedPage["previous"];
      const first = page[0];
      if (before && first) {
        // The `limit` entries just newer than this page, oldest first; the one beyond them is the
        // previous page's cursor (d1-store.ts NEWER_ENTRIES).
        const newer = entries.filter((e) => newestFirst(e, first) < 0).reverse().slice(0, limit + 1);
        const boundary = newer.length > limit ? newer[limit] : undefined;
        previous = { cursor: boundary ? { publishedAt: boundary.publishedAt, id: boundary.id } : undefined };
      }
      const last = keys.length > limit ? page[limit - 1] : undefined;
      const pending = all.filter((e) => e.publishedAt > now).map((e) => e.publishedAt).sort();
      return {
        version,
        changedAt,
        // A scope whose only articles are embargoed does not exist yet: its name would reveal them.
        name: entries.length > 0 || all.length === 0 ? tables.scopes.get(id)?.name : undefined,
        articles: page.map((e) => articleOf(tables.articles.get(e.id)!)),
        previous,
        next: last ? ({ publishedAt: last.publishedAt, id: last.id } satisfies FeedCursor) : undefined,
        expiresAt: pending[0],
      };
    },

    async listScopes(now) {
      const counted = [...tables.scopes]
        .filter(([, s]) => s.kind !== "all")
        .map(([id, s]) => ({ kind: s.kind, key: id.slice(s.kind.length + 1), name: s.name, count: live(id, now).length }))
        .filter((s) => s.count > 0);
      return counted.sort((a, b) => b.count - a.count || compareText(a.name, b.name));
    },

    async write({ upserts, retractions }) {
      if (upserts.length === 0 && retractions.length === 0) return [];
      // One transaction: the statements run on copies, which replace the tables only when all succeeded.
      const t: Tables = { articles: new Map(tables.articles), entries: new Map(tables.entries), scopes: new Map(tables.scopes) };
      const dropEntries = (id: string) => {
        for (const [key, e] of t.entries) if (e.id === id) t.entries.delete(key);
      };
      // Retractions first: a URL they release can be taken by an upsert of the same batch.
      for (const id of retractions) {
        const row = t.articles.get(id);
        if (row) t.articles.set(id, { ...row, status: "retracted" });
        dropEntries(id);
      }
      const outcomes: UpsertOutcome[] = [];
      for (const s of upserts) {
        const a = s.article;
        const before = t.articles.get(a.id);
        // d1-write.ts UPSERT_ARTICLE: never over a retraction (unless republish), never over the same
        // published content, never over another version with `replace: false`; first_ingested_at is
        // set once.
        const writes = !before || ((before.status === "published" || s.republish === true) && !(before.status === "published" && before.contentHash === s.contentHash) && s.replace !== false);
        if (writes) {
          if (s.status === "published") {
            for (const [id, row] of t.articles) if (id !== a.id && row.status === "published" && row.url === a.url) throw new UrlConflictError(a.url);
          }
          t.articles.set(a.id, { url: a.url, origin: s.origin, status: s.status, contentHash: s.contentHash, firstIngestedAt: before?.firstIngestedAt ?? s.firstIngestedAt, json: JSON.stringify(a) });
        }
        outcomes.push(writes ? (before ? "updated" : "created") : before?.status === "retracted" ? "retracted" : before?.contentHash === s.contentHash ? "unchanged" : "kept");
        // The feed rows follow the article row only when it now holds this content, published.
        const row = t.articles.get(a.id);
        if (row?.status !== "published" || row.contentHash !== s.contentHash) continue;
        dropEntries(a.id);
        if (s.status !== "published") continue;
        for (const { scope, name } of scopesOf(a)) {
          const id = scopeId(scope);
          t.entries.set(`${id}\n${a.id}`, { scope: id, publishedAt: a.publishedAt, id: a.id });
          t.scopes.set(id, { kind: scope.kind, name });
        }
      }
      tables = t;
      version++;
      changedAt = clock();
      return outcomes;
    },

    async wentLive(after, until) {
      const released = live("all", until).filter((e) => e.publishedAt > after).sort((a, b) => -newestFirst(a, b)).slice(0, 500);
      return released.map((e) => articleOf(tables.articles.get(e.id)!));
    },

    jobCoveredUntil: async (name) => jobs.get(name),
    setJobCoveredUntil: async (name, until) => void jobs.set(name, until),

    getRendered: async (cacheKey, atVersion) => (rendered.get(cacheKey)?.version === atVersion ? { ...rendered.get(cacheKey)! } : undefined),
    async putRendered(cacheKey, feed) {
      // Never overwrite a newer render with an older one.
      const old = rendered.get(cacheKey);
      if (!old || old.version <= feed.version) rendered.set(cacheKey, { ...feed });
    },
  };
}

/** Feed order: newest first, then the greater id first (the feed_entries primary key, descending). */
function newestFirst(a: { publishedAt: string; id: string }, b: { publishedAt: string; id: string }): number {
  return compareText(b.publishedAt, a.publishedAt) || compareText(b.id, a.id);
}

/**
 * SQLite's BINARY collation: UTF-8 bytes, that is code points. JavaScript's `<` compares UTF-16 code
 * units, which puts astral characters (surrogates) before U+E000..U+FFFF.
 */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b ? -1 : 1;
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
