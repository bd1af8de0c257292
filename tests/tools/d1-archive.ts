/**
 * A local D1 for the scale benchmark and the query-plan test: the migrations applied as wrangler
 * applies them, and generated archives of published articles, written by SQL inside D1 (a recursive
 * CTE), the same rows the store's write() makes: one articles row and feed_entries for the site, the
 * section, two tags and the author of each article. Shared by tests/ and bench/ (bench may import
 * test tools; tests never import bench/).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;

/** migrations/*.sql in order, each statement on its own (comments stripped). */
export async function applyMigrations(db: D1Database): Promise<void> {
  const dir = join(ROOT, "migrations");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    const sql = readFileSync(join(dir, file), "utf8").replace(/--[^\n]*/g, "");
    const statements = sql.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean);
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}

export const SECTION_KEYS = ["national", "politics", "business", "culture", "sports", "world"];

/**
 * Appends articles [from, to) to the archive (newest first: article i is i minutes older), each row
 * holding `articleJson` as its text (the query plans do not read it; the scale benchmark times it).
 */
export async function generateArchive(db: D1Database, from: number, to: number, articleJson: string): Promise<void> {
  const CHUNK = 20_000;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    await db.batch([
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
        INSERT INTO articles (id, url, origin, status, published_at, updated_at, section, content_hash, first_ingested_at, article_json)
        SELECT printf('s%07d', i), printf('https://news.example.com/s/%d', i), 'api', 'published',
          strftime('%Y-%m-%dT%H:%M:%SZ', 1775044800 - i * 60, 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%SZ', 1775044800 - i * 60, 'unixepoch'),
          'section' || (i % 6), 'hash', '2026-04-01T12:00:00Z', ?3 FROM n`).bind(start, end, articleJson),
      db.prepare(`INSERT INTO feed_entries (scope, published_at, article_id)
        SELECT s.scope, a.published_at, a.id FROM articles a JOIN (
          SELECT 'all' AS scope, -1 AS k UNION ALL SELECT 'section:', 0 UNION ALL SELECT 'tag:', 1 UNION ALL SELECT 'tag:', 2 UNION ALL SELECT 'author:', 3) s
        WHERE a.id >= printf('s%07d', ?1) AND a.id < printf('s%07d', ?2)
        ORDER BY 1`.replace("SELECT s.scope,", `SELECT CASE s.k WHEN -1 THEN 'all'
            WHEN 0 THEN 'section:' || (CASE CAST(substr(a.id, 2) AS INTEGER) % 6 ${SECTION_KEYS.map((k, i) => `WHEN ${i} THEN '${k}'`).join(" ")} END)
            WHEN 1 THEN 'tag:t' || (CAST(substr(a.id, 2) AS INTEGER) % 10)
            WHEN 2 THEN 'tag:t' || ((CAST(substr(a.id, 2) AS INTEGER) * 3 + 1) % 10)
            ELSE 'author:a' || (CAST(substr(a.id, 2) AS INTEGER) % 6) END,`)).bind(start, end),
    ]);
  }
  await db.batch(
    ["all", ...SECTION_KEYS.map((k) => `section:${k}`)].map((scope) =>
      db.prepare("INSERT OR IGNORE INTO feed_scopes (scope, kind, name) VALUES (?1, ?2, ?1)").bind(scope, scope === "all" ? "all" : "section"),
    ),
  );
}
