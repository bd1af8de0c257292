/**
 * The counting hooks of the feed and partner routes: memory only on the response path; the write
 * (one D1 batch) is handed to waitUntil (src/audience/counter.ts).
 */
import type { Context } from "hono";
import { AudienceCounter } from "../audience/counter.ts";
import { FEED_FILES, scopeId } from "../model/index.ts";
import { createAudienceStore } from "../store/index.ts";
import type { AppEnv } from "./env.ts";
import { DEFAULT_LIMIT, type FeedRequest } from "./feed-request.ts";

// One per isolate: counts from many requests are written together.
const counter = new AudienceCounter();

/** Keeps `work` alive after the response where the runtime offers it (workerd does; app.request in Node may not). */
function afterResponse(c: Context, work: Promise<void> | undefined): void {
  if (work === undefined) return;
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    void work.catch(() => {});
  }
}

/** A public feed was answered (200 or 304): count who fetched it. Cursor pages are not subscriptions. */
export function countFeedRequest(c: Context<AppEnv>, request: FeedRequest, status: number, now: string): void {
  if ((status !== 200 && status !== 304) || request.before || c.var.config.audienceCounting === false) return;
  const family = scopeId(request.scope);
  const feedKey = request.limit === DEFAULT_LIMIT ? FEED_FILES[request.format] : `${FEED_FILES[request.format]}?limit=${request.limit}`;
  const { fetcher, pending } = counter.recordFeed({
    now, family, feedKey, userAgent: c.req.header("User-Agent"), address: c.req.header("CF-Connecting-IP"),
  });
  // Workers Analytics Engine, when bound: one data point per counted fetch (no address, no hash).
  const analytics = c.env.AUDIENCE_ANALYTICS;
  if (analytics && fetcher.kind !== "ignored") {
    const aggregator = fetcher.kind === "aggregator" ? fetcher.aggregator : "direct";
    const feedId = fetcher.kind === "aggregator" ? (fetcher.feedId ?? feedKey) : feedKey;
    analytics.writeDataPoint({ indexes: [family], blobs: [family, aggregator, feedId], doubles: [fetcher.kind === "aggregator" ? fetcher.subscribers : 1] });
  }
  if (pending) afterResponse(c, counter.flush(createAudienceStore(c.env.DB)));
}

/** A partner feed was answered: its time, status and bytes feed the fetch health of /api/partners. */
export function recordPartnerFetch(c: Context, partner: string, status: number, bytes: number, now: string): void {
  if (status !== 200 && status !== 304) return;
  counter.recordPartnerFetch({ partner, at: now, status, bytes });
  afterResponse(c, counter.flush(createAudienceStore((c.env as AppEnv["Bindings"]).DB)));
}
