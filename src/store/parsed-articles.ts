/**
 * Stored articles parsed once per isolate. After a change, a feed page's rows are the same as before
 * except the edited article's, and parsing and validating fifty full-text rows cost more than
 * rendering the page (bench/README.md, "Serve"); transferring them from D1 cost more still. So the
 * feed query reads keys first, and only the rows an isolate has not parsed are fetched and parsed.
 *
 * A key is the id, the revision (bumped by every write of the row's JSON: the upsert does it, and a
 * trigger catches any other writer, migration 0005), the content hash and updatedAt. The Articles
 * returned are shared between requests and are treated as immutable values (nothing in the pipeline
 * mutates an Article: every step builds new objects).
 */
import { ArticleSchema, MAX_AUTHORS, MAX_TAGS, type Article } from "../model/index.ts";
import { SizedCache } from "./sized-cache.ts";

export type StoredKey = { id: string; revision: number; content_hash: string; updated_at: string };

// Bounded by the JSON text kept (UTF-16 code units; the parsed objects take about two to three times
// that): 4M units is roughly 8 MB of text and 20 MB of objects in an isolate of 128 MB. An article's
// older revision is dropped when a newer one is parsed.
const MAX_TEXT = 4 * 1024 * 1024;
const parsed = new SizedCache<{ article: Article; size: number }>(Infinity, MAX_TEXT, (entry) => entry.size);
/** The key each article was last parsed under (an entry the size bound dropped is simply not found). */
const latestById = new Map<string, string>();
const cacheKey = (key: StoredKey) => `${key.id}\n${key.revision}\n${key.content_hash}\n${key.updated_at}`;

/** The Article this isolate parsed for exactly this key, if any. */
export function knownArticle(key: StoredKey): Article | undefined {
  return parsed.get(cacheKey(key))?.article;
}

/** Whether two keys name the same stored text. */
export const sameStoredKey = (a: StoredKey, b: StoredKey): boolean => cacheKey(a) === cacheKey(b);

/**
 * Every row read back goes through the Article schema: the database is a boundary too. With its
 * key, the parsed Article is kept for knownArticle.
 */
export function parseStoredArticle(json: string, key?: StoredKey): Article {
  const result = ArticleSchema.safeParse(withinCaps(JSON.parse(json)));
  if (!result.success) throw new Error(`stored article fails the Article schema: ${result.error.issues[0]?.message ?? "?"}`);
  if (key !== undefined) {
    const entryKey = cacheKey(key);
    const older = latestById.get(key.id);
    if (older !== undefined && older !== entryKey) parsed.delete(older);
    // Only a hint for dropping older revisions: forgotten wholesale rather than let it grow unbounded.
    if (latestById.size >= 100_000) latestById.clear();
    latestById.set(key.id, entryKey);
    parsed.set(entryKey, { article: result.data, size: json.length });
  }
  return result.data;
}

/**
 * A row stored before the list caps (model/article.ts MAX_TAGS, MAX_AUTHORS) existed is read with its
 * lists cut to them, the first ones kept as extraction keeps them: an old row must not break a feed.
 */
function withinCaps(row: unknown): unknown {
  if (typeof row !== "object" || row === null) return row;
  const { tags, authors } = row as { tags?: unknown; authors?: unknown };
  const over = (list: unknown, cap: number) => Array.isArray(list) && list.length > cap;
  if (!over(tags, MAX_TAGS) && !over(authors, MAX_AUTHORS)) return row;
  return {
    ...row,
    ...(over(tags, MAX_TAGS) ? { tags: (tags as unknown[]).slice(0, MAX_TAGS) } : {}),
    ...(over(authors, MAX_AUTHORS) ? { authors: (authors as unknown[]).slice(0, MAX_AUTHORS) } : {}),
  };
}
