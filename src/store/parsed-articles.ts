/**
 * Stored articles parsed once per isolate. After a change, a feed page's rows are the same as before
 * except the edited article's, and parsing and validating fifty full-text rows cost more than
 * rendering the page (bench/README.md, "Serve"); transferring them from D1 cost more still. So the
 * feed query reads keys first, and only the rows an isolate has not parsed are fetched and parsed.
 *
 * A key is the id, the revision (bumped by every write of the row's JSON, migration 0005), the
 * content hash and updatedAt: a changed row never matches an old parse, even after a database
 * restore that reused a revision number. The Articles returned are shared between requests and are
 * treated as immutable values (nothing in the pipeline mutates an Article: every step builds new
 * objects).
 */
import { ArticleSchema, type Article } from "../model/index.ts";

export type StoredKey = { id: string; revision: number; content_hash: string; updated_at: string };

// About 7.6 KB of JSON and ~20 KB of objects per full-text article: 500 is ~10 MB of the isolate's
// 128 MB, well over the articles that the hot feed pages of a site hold.
const MAX_ENTRIES = 500;
const parsed = new Map<string, Article>();
const cacheKey = (key: StoredKey) => `${key.id}\n${key.revision}\n${key.content_hash}\n${key.updated_at}`;

/** The Article this isolate parsed for exactly this key, if any. */
export function knownArticle(key: StoredKey): Article | undefined {
  return parsed.get(cacheKey(key));
}

/**
 * Every row read back goes through the Article schema: the database is a boundary too. With its
 * key, the parsed Article is kept for knownArticle.
 */
export function parseStoredArticle(json: string, key?: StoredKey): Article {
  const result = ArticleSchema.safeParse(JSON.parse(json));
  if (!result.success) throw new Error(`stored article fails the Article schema: ${result.error.issues[0]?.message ?? "?"}`);
  if (key !== undefined) {
    parsed.set(cacheKey(key), result.data);
    if (parsed.size > MAX_ENTRIES) parsed.delete(parsed.keys().next().value!);
  }
  return result.data;
}
