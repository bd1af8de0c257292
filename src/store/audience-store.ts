/**
 * The audience tables (migration 0010): daily subscriber maxima per aggregator and feed id, the
 * day's salted client hashes, and partner fetches. Written in one batch per flush of an isolate's
 * counts (src/audience/counter.ts), never per request.
 */
import { StoreUnavailableError } from "./article-store.ts";

export type AudienceCount = { day: string; family: string; aggregator: string; feedId: string; subscribers: number };
/** A direct client seen on a day: `client` is already a salted hash (never an address). */
export type ClientSighting = { day: string; family: string; client: string };
export type PartnerFetch = { partner: string; at: string; status: number; bytes: number };
/** A day's subscribers of one family from one aggregator, summed over its feed ids. */
export type DailyAudience = { day: string; family: string; aggregator: string; subscribers: number };

/** The aggregator name under which distinct direct clients are counted. */
export const DIRECT = "direct";
/** Rows one family may gain per day: User-Agents are client-chosen, so names and feed ids are capped. */
export const MAX_ROWS_PER_FAMILY_DAY = 200;
/** Fetches kept per partner (enough for a median interval and a 304 ratio). */
export const FETCHES_KEPT = 200;

// The day's maximum. A new (aggregator, feed id) row is only added while the family has fewer than
// MAX_ROWS_PER_FAMILY_DAY rows that day; an existing row is always raised.
const UPSERT_COUNT = `INSERT INTO audience_daily (day, family, aggregator, feed_id, subscribers)
  SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM audience_daily WHERE day = ?1 AND family = ?2 AND aggregator = ?3 AND feed_id = ?4)
    OR (SELECT COUNT(*) FROM audience_daily WHERE day = ?1 AND family = ?2) < ${MAX_ROWS_PER_FAMILY_DAY}
  ON CONFLICT (day, family, aggregator, feed_id) DO UPDATE SET subscribers = MAX(subscribers, excluded.subscribers)`;

const INSERT_CLIENT = "INSERT OR IGNORE INTO audience_clients (day, family, client) VALUES (?1, ?2, ?3)";
// The distinct clients counted so far today, as one row of audience_daily (it only grows within a day).
const REFRESH_DIRECT = `INSERT INTO audience_daily (day, family, aggregator, feed_id, subscribers)
  SELECT ?1, ?2, '${DIRECT}', '', COUNT(*) FROM audience_clients WHERE day = ?1 AND family = ?2
  ON CONFLICT (day, family, aggregator, feed_id) DO UPDATE SET subscribers = MAX(subscribers, excluded.subscribers)`;

const INSERT_FETCH = "INSERT INTO partner_fetches (partner, at, status, bytes) VALUES (?1, ?2, ?3, ?4)";
const TRIM_FETCHES = `DELETE FROM partner_fetches WHERE partner = ?1 AND rowid NOT IN
  (SELECT rowid FROM partner_fetches WHERE partner = ?1 ORDER BY at DESC, rowid DESC LIMIT ${FETCHES_KEPT})`;

export interface AudienceStore {
  /**
   * The salt of `day`, stored as `candidate` when the day has none yet. Salts and client hashes of
   * earlier days are deleted here: once a day is over its hashes can never be matched again.
   */
  daySalt(day: string, candidate: string): Promise<string>;
  write(change: { counts: readonly AudienceCount[]; clients: readonly ClientSighting[]; fetches: readonly PartnerFetch[] }): Promise<void>;
  /** Every day of every family, per aggregator (feed ids summed), oldest day first. */
  daily(): Promise<DailyAudience[]>;
  /** The kept fetches of these partners, oldest first. */
  partnerFetches(partners: readonly string[]): Promise<PartnerFetch[]>;
}

async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
}

export function createAudienceStore(db: D1Database): AudienceStore {
  return {
    async daySalt(day, candidate) {
      const [, , , read] = await guard(
        db.batch([
          db.prepare("DELETE FROM audience_salts WHERE day < ?").bind(day),
          db.prepare("DELETE FROM audience_clients WHERE day < ?").bind(day),
          db.prepare("INSERT OR IGNORE INTO audience_salts (day, salt) VALUES (?, ?)").bind(day, candidate),
          db.prepare("SELECT salt FROM audience_salts WHERE day = ?").bind(day),
        ]),
      );
      return (read?.results[0] as { salt: string } | undefined)?.salt ?? candidate;
    },

    async write({ counts, clients, fetches }) {
      const statements: D1PreparedStatement[] = [];
      for (const c of counts) statements.push(db.prepare(UPSERT_COUNT).bind(c.day, c.family, c.aggregator, c.feedId, c.subscribers));
      const families = new Map<string, { day: string; family: string }>();
      for (const s of clients) {
        statements.push(db.prepare(INSERT_CLIENT).bind(s.day, s.family, s.client));
        families.set(`${s.day}\n${s.family}`, s);
      }
      for (const { day, family } of families.values()) statements.push(db.prepare(REFRESH_DIRECT).bind(day, family));
      for (const f of fetches) statements.push(db.prepare(INSERT_FETCH).bind(f.partner, f.at, f.status, f.bytes));
      for (const partner of new Set(fetches.map((f) => f.partner))) statements.push(db.prepare(TRIM_FETCHES).bind(partner));
      if (statements.length > 0) await guard(db.batch(statements));
    },

    async daily() {
      const { results } = await guard(
        db
          .prepare(
            `SELECT day, family, aggregator, SUM(subscribers) AS subscribers FROM audience_daily
             GROUP BY day, family, aggregator ORDER BY family, day, aggregator`,
          )
          .all<DailyAudience>(),
      );
      return results;
    },

    async partnerFetches(partners) {
      const { results } = await guard(
        db
          .prepare("SELECT partner, at, status, bytes FROM partner_fetches WHERE partner IN (SELECT value FROM json_each(?)) ORDER BY partner, at, rowid")
          .bind(JSON.stringify(partners))
          .all<PartnerFetch>(),
      );
      return results;
    },
  };
}
