/**
 * The D1 store's one write: every upsert and retraction of a change in one batch (one transaction),
 * the store version bumped once. What each upsert did is decided inside that transaction, from the
 * row as it was just before it (read in the same batch) and from whether the upsert wrote: two
 * racing ingests of one new article cannot both be told "created".
 */
import { scopeId, scopesOf } from "../model/index.ts";
import { UrlConflictError, type Upsert, type UpsertOutcome } from "./article-store.ts";

// The row an upsert meets, read in the same transaction just before it.
const PRIOR_ROW = "SELECT status, content_hash FROM articles WHERE id = ?";

// Writes only when it changes something it may change: never over a retraction that happened after
// the writer read the article (unless ?11: republish), never over the same published content (the
// loser of a race of identical ingests writes nothing), and never over another version when ?12
// (replace) is 0. RETURNING tells whether it wrote. Every write of article_json bumps revision
// (migration 0005).
const UPSERT_ARTICLE = `INSERT INTO articles (id, url, origin, status, published_at, updated_at, section, content_hash, first_ingested_at, article_json, revision)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
  ON CONFLICT (id) DO UPDATE SET url = ?2, origin = ?3, status = ?4, published_at = ?5, updated_at = ?6,
    section = ?7, content_hash = ?8, article_json = ?10, revision = articles.revision + 1
  WHERE (articles.status = 'published' OR ?11 = 1)
    AND NOT (articles.status = 'published' AND articles.content_hash = ?8)
    AND ?12 = 1
  RETURNING revision`;

// The feed rows follow the article row only when it now holds this content, published: after an
// upsert that wrote nothing because of a retraction or `replace: false`, they are left as they were.
const HOLDS_CONTENT = "EXISTS (SELECT 1 FROM articles WHERE id = ?1 AND status = 'published' AND content_hash = ?2)";
const DELETE_ENTRIES = `DELETE FROM feed_entries WHERE article_id = ?1 AND ${HOLDS_CONTENT}`;
const INSERT_ENTRY = `INSERT INTO feed_entries (scope, published_at, article_id) SELECT ?3, ?4, ?1 WHERE ${HOLDS_CONTENT}`;
const UPSERT_SCOPE = `INSERT INTO feed_scopes (scope, kind, name) SELECT ?3, ?4, ?5 WHERE ${HOLDS_CONTENT}
  ON CONFLICT (scope) DO UPDATE SET name = ?5`;

const BUMP_VERSION = "UPDATE store_state SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE singleton = 1";

export async function writeChange(db: D1Database, { upserts, retractions }: { upserts: Upsert[]; retractions: string[] }): Promise<UpsertOutcome[]> {
  if (upserts.length === 0 && retractions.length === 0) return [];
  const statements: D1PreparedStatement[] = [];
  // Retractions first: a URL they release can be taken by an upsert of the same batch (a renamed file).
  for (const id of retractions) {
    statements.push(
      db.prepare("UPDATE articles SET status = 'retracted' WHERE id = ?").bind(id),
      db.prepare("DELETE FROM feed_entries WHERE article_id = ?").bind(id),
    );
  }
  // Where each upsert's prior row and RETURNING results land in the batch's results.
  const positions: { prior: number; upsert: number }[] = [];
  for (const s of upserts) {
    const a = s.article;
    const prior = statements.push(db.prepare(PRIOR_ROW).bind(a.id)) - 1;
    const upsert =
      statements.push(
        db
          .prepare(UPSERT_ARTICLE)
          .bind(a.id, a.url, s.origin, s.status, a.publishedAt, a.updatedAt, a.section ?? null, s.contentHash, s.firstIngestedAt, JSON.stringify(a), s.republish ? 1 : 0, s.replace === false ? 0 : 1),
      ) - 1;
    positions.push({ prior, upsert });
    statements.push(db.prepare(DELETE_ENTRIES).bind(a.id, s.contentHash));
    if (s.status !== "published") continue;
    for (const { scope, name } of scopesOf(a)) {
      const id = scopeId(scope);
      statements.push(
        db.prepare(INSERT_ENTRY).bind(a.id, s.contentHash, id, a.publishedAt),
        db.prepare(UPSERT_SCOPE).bind(a.id, s.contentHash, id, scope.kind, name),
      );
    }
  }
  statements.push(db.prepare(BUMP_VERSION));
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (error) {
    // A racing writer took the URL between our check and this batch; the batch rolled back whole.
    if (/UNIQUE constraint failed: articles\.url/.test(String((error as Error)?.message))) {
      throw new UrlConflictError(upserts.find((u) => u.status === "published")?.article.url ?? "?");
    }
    throw error;
  }
  return upserts.map((s, i) => {
    const { prior, upsert } = positions[i]!;
    const before = results[prior]?.results[0] as { status: string; content_hash: string } | undefined;
    const wrote = (results[upsert]?.results.length ?? 0) > 0;
    if (wrote) return before ? "updated" : "created";
    if (before?.status === "retracted") return "retracted";
    return before?.content_hash === s.contentHash ? "unchanged" : "kept";
  });
}
