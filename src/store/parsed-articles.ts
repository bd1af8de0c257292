/**
 * Stored articles parsed once per isolate. Every feed page reads its articles' JSON from D1; after a
 * change, one article of a page is new and the rest are the same text as before, and parsing and
 * validating each row costed more than rendering the page (bench/README.md, "Serve"). Rows are
 * keyed by their exact JSON, so a changed row is never served from the old parse. The Articles
 * returned are shared between requests and must be treated as immutable values (nothing in the
 * pipeline mutates an Article: every step builds new objects).
 */
import { ArticleSchema, type Article } from "../model/index.ts";

// About 7.6 KB of JSON and ~20 KB of objects per full-text article: 500 is ~14 MB of the isolate's
// 128 MB, well over the articles that the hot feed pages of a site hold.
const MAX_ENTRIES = 500;
const parsed = new Map<string, Article>();

/** Every row read back goes through the Article schema: the database is a boundary too. */
export function parseStoredArticle(json: string): Article {
  const known = parsed.get(json);
  if (known !== undefined) return known;
  const result = ArticleSchema.safeParse(JSON.parse(json));
  if (!result.success) throw new Error(`stored article fails the Article schema: ${result.error.issues[0]?.message ?? "?"}`);
  parsed.set(json, result.data);
  if (parsed.size > MAX_ENTRIES) parsed.delete(parsed.keys().next().value!);
  return result.data;
}
