import { ArticleSchema, type Article } from "../model/index.ts";
import type { ArticleOrigin, ArticleStore, RenderedFeed, StoredArticle } from "./article-store.ts";

type ArticleRow = {
  article_json: string;
  origin: ArticleOrigin;
  status: "published" | "retracted";
  content_hash: string;
  first_ingested_at: string;
};

/** Every row read back goes through the Article schema: the database is a boundary too. */
function parseArticle(json: string): Article {
  const result = ArticleSchema.safeParse(JSON.parse(json));
  if (!result.success) throw new Error(`stored article fails the Article schema: ${result.error.issues[0]?.message ?? "?"}`);
  return result.data;
}

export function createD1Store(db: D1Database): ArticleStore {
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
        article: parseArticle(row.article_json),
        origin: row.origin,
        status: row.status,
        contentHash: row.content_hash,
        firstIngestedAt: row.first_ingested_at,
      };
    },

    async findIdByUrl(url) {
      const row = await db.prepare("SELECT id FROM articles WHERE url = ?").bind(url).first<{ id: string }>();
      return row?.id;
    },

    async listPublishedIds(origin) {
      const { results } = await db
        .prepare("SELECT id FROM articles WHERE origin = ? AND status = 'published' ORDER BY id")
        .bind(origin)
        .all<{ id: string }>();
      return results.map((r) => r.id);
    },

    async latest(limit) {
      // One batch is one transaction: the version and the rows come from the same state.
      const [state, rows] = await db.batch([
        db.prepare("SELECT version FROM store_state WHERE singleton = 1"),
        db
          .prepare(
            "SELECT article_json FROM articles WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT ?",
          )
          .bind(limit),
      ]);
      const version = (state?.results[0] as { version: number } | undefined)?.version ?? 0;
      const articles = ((rows?.results ?? []) as { article_json: string }[]).map((r) => parseArticle(r.article_json));
      return { version, articles };
    },

    async write({ upserts, retractions }) {
      if (upserts.length === 0 && retractions.length === 0) return;
      const statements: D1PreparedStatement[] = upserts.map((s) =>
        db
          .prepare(
            `INSERT INTO articles (id, url, origin, status, published_at, updated_at, section, content_hash, first_ingested_at, article_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET url = ?2, origin = ?3, status = ?4, published_at = ?5, updated_at = ?6,
               section = ?7, content_hash = ?8, article_json = ?10`,
          )
          .bind(
            s.article.id,
            s.article.url,
            s.origin,
            s.status,
            s.article.publishedAt,
            s.article.updatedAt,
            s.article.section ?? null,
            s.contentHash,
            s.firstIngestedAt,
            JSON.stringify(s.article),
          ),
      );
      for (const id of retractions) {
        statements.push(db.prepare("UPDATE articles SET status = 'retracted' WHERE id = ?").bind(id));
      }
      statements.push(db.prepare("UPDATE store_state SET version = version + 1 WHERE singleton = 1"));
      await db.batch(statements);
    },

    async getRendered(cacheKey) {
      const row = await db
        .prepare("SELECT version, etag, last_modified, body FROM rendered_feeds WHERE cache_key = ?")
        .bind(cacheKey)
        .first<{ version: number; etag: string; last_modified: string; body: string }>();
      return row ? { version: row.version, etag: row.etag, lastModified: row.last_modified, body: row.body } : undefined;
    },

    async putRendered(cacheKey, feed: RenderedFeed) {
      // Never overwrite a newer render with an older one (two requests may race after a change).
      await db
        .prepare(
          `INSERT INTO rendered_feeds (cache_key, version, etag, last_modified, body) VALUES (?1, ?2, ?3, ?4, ?5)
           ON CONFLICT (cache_key) DO UPDATE SET version = ?2, etag = ?3, last_modified = ?4, body = ?5
           WHERE rendered_feeds.version < ?2`,
        )
        .bind(cacheKey, feed.version, feed.etag, feed.lastModified, feed.body)
        .run();
    },
  };
}
