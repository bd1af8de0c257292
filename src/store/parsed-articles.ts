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
import { ArticleSchema, type Article } from "../model/index.ts";

export type StoredKey = { id: string; revision: number; content_hash: string; updated_at: string };

// Bounded by the JSON text kept (UTF-16 code units; the parsed objects take about two to three times
// that): 4M units is roughly 8 MB of text and 20 MB of objects in an isolate of 128 MB. An article's
// older revision is dropped when a newer one is parsed.
const MAX_TEXT = 4 * 1024 * 1024;
const parsed = new Map<string, { article: Article; size: number; id: string }>();
const latestById = new Map<string, string>();
let kept = 0;
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
  const result = ArticleSchema.safeParse(JSON.parse(json));
  if (!result.success) throw new Error(`stored article fails the Article schema: ${result.error.issues[0]?.message ?? "?"}`);
  if (key !== undefined) keep(cacheKey(key), key.id, result.data, json.length);
  return result.data;
}

function keep(entryKey: string, id: string, article: Article, size: number): void {
  const older = latestById.get(id);
  if (older !== undefined) drop(older);
  parsed.set(entryKey, { article, size, id });
  latestById.set(id, entryKey);
  kept += size;
  for (const [oldest] of parsed) {
    if (kept <= MAX_TEXT || oldest === entryKey) break;
    drop(oldest);
  }
}

function drop(entryKey: string): void {
  const entry = parsed.get(entryKey);
  if (entry === undefined) return;
  parsed.delete(entryKey);
  if (latestById.get(entry.id) === entryKey) latestById.delete(entry.id);
  kept -= entry.size;
}
