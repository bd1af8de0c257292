/**
 * What /api/audience and the fetch health of /api/partners say, from stored rows (pure: `now` is a
 * parameter).
 */
import type { DailyAudience, PartnerFetch } from "../store/index.ts";

export type DayAudience = { day: string; subscribers: number; byAggregator: Record<string, number> };
export type FeedAudience = { feed: string; family: string; subscribers: number; byAggregator: Record<string, number>; history: DayAudience[] };
export type AudienceReport = { subscribers: number; feeds: FeedAudience[] };

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * Per family: the daily history (each aggregator's daily maximum, summed over its feed ids, plus the
 * day's distinct direct clients), and the current subscribers: per aggregator the larger of today's
 * and yesterday's figure, so the count does not drop at midnight UTC before every poller came back.
 */
export function audienceReport(rows: readonly DailyAudience[], now: string, feedOf: (family: string) => string): AudienceReport {
  const today = now.slice(0, 10);
  const yesterday = dayBefore(today);
  const byFamily = new Map<string, Map<string, Record<string, number>>>();
  for (const row of rows) {
    const days = byFamily.get(row.family) ?? new Map<string, Record<string, number>>();
    byFamily.set(row.family, days);
    const day = days.get(row.day) ?? {};
    days.set(row.day, day);
    day[row.aggregator] = (day[row.aggregator] ?? 0) + row.subscribers;
  }
  const feeds: FeedAudience[] = [...byFamily].map(([family, days]) => {
    const history = [...days]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, byAggregator]) => ({ day, subscribers: sum(Object.values(byAggregator)), byAggregator }));
    const current: Record<string, number> = {};
    for (const day of [yesterday, today]) {
      for (const [aggregator, n] of Object.entries(days.get(day) ?? {})) current[aggregator] = Math.max(current[aggregator] ?? 0, n);
    }
    return { feed: feedOf(family), family, subscribers: sum(Object.values(current)), byAggregator: current, history };
  });
  feeds.sort((a, b) => b.subscribers - a.subscribers || (a.family < b.family ? -1 : 1));
  return { subscribers: sum(feeds.map((f) => f.subscribers)), feeds };
}

export type FetchHealth = {
  fetches: number;
  lastFetchAt: string | null;
  medianIntervalSeconds: number | null;
  notModifiedRatio: number | null;
  bytes: { total: number; last: number | null };
  /** Not fetched for 3 times its median interval (needs at least 3 fetches to know an interval). */
  overdue: boolean;
};

export const OVERDUE_FACTOR = 3;

/** Fetch health of one partner from its kept fetches (oldest first). */
export function fetchHealth(fetches: readonly PartnerFetch[], now: string): FetchHealth {
  const times = fetches.map((f) => Date.parse(f.at));
  const intervals = times.slice(1).map((t, i) => (t - times[i]!) / 1000).sort((a, b) => a - b);
  const median = intervals.length === 0 ? null : intervals.length % 2 ? intervals[(intervals.length - 1) / 2]! : (intervals[intervals.length / 2 - 1]! + intervals[intervals.length / 2]!) / 2;
  const last = fetches.at(-1);
  const sinceLast = last ? (Date.parse(now) - Date.parse(last.at)) / 1000 : 0;
  return {
    fetches: fetches.length,
    lastFetchAt: last?.at ?? null,
    medianIntervalSeconds: median,
    notModifiedRatio: fetches.length === 0 ? null : Math.round((fetches.filter((f) => f.status === 304).length / fetches.length) * 1000) / 1000,
    bytes: { total: sum(fetches.map((f) => f.bytes)), last: last?.bytes ?? null },
    overdue: fetches.length >= 3 && median !== null && median > 0 && sinceLast > OVERDUE_FACTOR * median,
  };
}
