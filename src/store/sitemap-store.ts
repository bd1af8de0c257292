/**
 * What the sitemaps read (GET /sitemap.xml, /sitemap-news.xml): the published, live articles of the
 * site feed, newest first, by the same rows the feeds use (feed_entries, scope 'all'), so embargo
 * (`published_at <= now`) and retraction (no entry) are obeyed exactly as in the feeds. Only the
 * fields a sitemap prints are read (json_extract), and each row is checked by a schema (the database is a boundary).
 */
import * as z from "zod/mini";
import { StoreUnavailableError } from "./article-store.ts";

/** One URL of a sitemap. */
export const SitemapEntrySchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string(),
  language: z.nullable(z.string()),
  publishedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The lead photo's URL, when the article has one. */
  imageUrl: z.nullable(z.string()),
  imageType: z.nullable(z.string()),
});
export type SitemapEntry = z.infer<typeof SitemapEntrySchema>;

export type SitemapMonth = { month: string; count: number; lastModified: string };

/** The store's state the answer was read at, as for a feed page (article-store.ts FeedPage). */
export type SitemapState = { version: number; changedAt: string | undefined; nextRelease: string | undefined };

/** Which articles: live at `now`, optionally published after `since` or within one month, minus the excluded scopes. */
export type SitemapQuery = { now: string; since?: string; month?: string; exclude: readonly string[]; offset: number; limit: number };

/**
 * How many entries match in all (to split into several files), the oldest one's publishedAt, and the
 * newest publishedAt at or before `since` (the last article that aged out of a window, if any).
 */
export type SitemapTotals = { total: number; oldest: string | undefined; lastBefore: string | undefined };

export interface SitemapStore {
  /** Live entries, newest first, and how many match in all (for splitting into several files). */
  entries(query: SitemapQuery): Promise<SitemapState & SitemapTotals & { entries: SitemapEntry[] }>;
  /** Months (YYYY-MM of publishedAt) that hold live articles, newest first, with counts. */
  months(now: string, exclude: readonly string[]): Promise<SitemapState & { months: SitemapMonth[] }>;
}

// An article leaves a sitemap when it is in an excluded scope (section:<key> or tag:<key>, from
// SITEMAP_EXCLUDE), through the same feed_entries rows that put it in that scope's feed.
const MATCHING = `FROM feed_entries e JOIN articles a ON a.id = e.article_id
  WHERE e.scope = 'all' AND e.published_at <= ?1
    AND (?2 IS NULL OR e.published_at > ?2)
    AND (?3 IS NULL OR substr(e.published_at, 1, 7) = ?3)
    AND NOT EXISTS (SELECT 1 FROM feed_entries x WHERE x.article_id = e.article_id AND x.scope IN (SELECT value FROM json_each(?4)))`;

const ENTRIES = `SELECT a.url, json_extract(a.article_json, '$.title') AS title, json_extract(a.article_json, '$.language') AS language,
    e.published_at AS publishedAt, a.updated_at AS updatedAt,
    json_extract(a.article_json, '$.images[0].url') AS imageUrl, json_extract(a.article_json, '$.images[0].mimeType') AS imageType
  ${MATCHING} ORDER BY e.published_at DESC, e.article_id DESC LIMIT ?5 OFFSET ?6`;

const COUNT = `SELECT COUNT(*) AS total, MIN(e.published_at) AS oldest ${MATCHING}`;
const LAST_BEFORE = "SELECT MAX(published_at) AS at FROM feed_entries WHERE scope = 'all' AND published_at <= ?";

const MONTHS = `SELECT substr(e.published_at, 1, 7) AS month, COUNT(*) AS count, MAX(a.updated_at) AS lastModified
  ${MATCHING} GROUP BY month ORDER BY month DESC`;

const STATE = "SELECT version, changed_at FROM store_state WHERE singleton = 1";
const NEXT_RELEASE = "SELECT MIN(published_at) AS at FROM feed_entries WHERE scope = 'all' AND published_at > ?";

export function createSitemapStore(db: D1Database): SitemapStore {
  /** The state, the next embargo lift and the given reads, in one batch (one transaction). */
  const read = async (statements: D1PreparedStatement[], now: string) => {
    try {
      const [state, release, ...results] = await db.batch([db.prepare(STATE), db.prepare(NEXT_RELEASE).bind(now), ...statements]);
      const row = state?.results[0] as { version: number; changed_at: string | null } | undefined;
      const at = (release?.results[0] as { at: string | null } | undefined)?.at;
      return {
        state: { version: row?.version ?? 0, changedAt: row?.changed_at ?? undefined, nextRelease: at ?? undefined } satisfies SitemapState,
        results: results.map((r) => r.results as unknown[]),
      };
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  };
  return {
    async entries({ now, since, month, exclude, offset, limit }) {
      const params = [now, since ?? null, month ?? null, JSON.stringify(exclude)];
      const { state, results } = await read(
        [db.prepare(COUNT).bind(...params), db.prepare(ENTRIES).bind(...params, limit, offset), db.prepare(LAST_BEFORE).bind(since ?? "")],
        now,
      );
      const counted = results[0]?.[0] as { total: number; oldest: string | null } | undefined;
      const lastBefore = (results[2]?.[0] as { at: string | null } | undefined)?.at;
      return {
        ...state,
        total: counted?.total ?? 0,
        oldest: counted?.oldest ?? undefined,
        lastBefore: lastBefore ?? undefined,
        entries: (results[1] ?? []).map((row) => SitemapEntrySchema.parse(row)),
      };
    },
    async months(now, exclude) {
      const { state, results } = await read([db.prepare(MONTHS).bind(now, null, null, JSON.stringify(exclude))], now);
      return { ...state, months: (results[0] ?? []) as SitemapMonth[] };
    },
  };
}
