import type { ArticleStore } from "../store/index.ts";
import type { SourceStore } from "../store/source-store.ts";
import { readListing, type ListingItem } from "./listing/index.ts";
import type { Outbound } from "./outbound.ts";
import type { PullMessage, SourceKind } from "./schema.ts";
import { robotsVerdict } from "./site-access.ts";
import type { Source, SourceItem } from "./types.ts";

/** Listings are read up to this size (a 50,000-URL sitemap is about 10 MB; we read the first part). */
export const LISTING_MAX_BYTES = 5 * 1024 * 1024;
const LISTING_TIMEOUT_MS = 15_000;
/** A sitemap index names many sitemaps; one poll reads at most this many changed ones. */
export const MAX_CHILD_SITEMAPS = 20;
/** Failed polls back off exponentially, up to once a day. */
const MAX_BACKOFF_MINUTES = 24 * 60;

export type PageQueue = { sendBatch(messages: Iterable<MessageSendRequest<PullMessage>>): Promise<unknown> };

export type PollDeps = { articles: ArticleStore; sources: SourceStore; outbound: Outbound; queue: PageQueue; now: string };

export type PollReport = {
  sourceId: string;
  status: "ok" | "not-modified" | "failed";
  kind?: SourceKind;
  found: number;
  queued: number;
  removed: number;
  retracted: string[];
  error?: string;
};

type Fetched = { ok: true; status: number; body: Uint8Array; url: string; headers: Headers } | { ok: false; error: string };

/**
 * Polls one source: a conditional GET of its listing (If-None-Match / If-Modified-Since from the last
 * 200), then the URLs that are new or whose marker (updated date, lastmod) changed go on the queue.
 * Items gone from the listing are marked removed, and retracted only when the source says so.
 */
export async function pollSource(deps: PollDeps, source: Source): Promise<PollReport> {
  const report: PollReport = { sourceId: source.id, status: "ok", found: 0, queued: 0, removed: 0, retracted: [] };
  const conditional: Record<string, string> = {};
  if (source.etag) conditional["If-None-Match"] = source.etag;
  if (source.lastModified) conditional["If-Modified-Since"] = source.lastModified;
  const answer = await fetchListing(deps, source.url, conditional);
  if (!answer.ok) return finish(deps, source, { ...report, status: "failed", error: answer.error });
  if (answer.status === 304) return finish(deps, source, { ...report, status: "not-modified" });
  if (answer.status !== 200) return finish(deps, source, { ...report, status: "failed", error: `the listing answered ${answer.status}` });

  const listing = readListing({ body: answer.body, url: answer.url, contentType: answer.headers.get("Content-Type") ?? undefined, kind: source.declaredKind ?? source.kind, linkPrefix: source.linkPrefix });
  if (!listing.ok) return finish(deps, source, { ...report, status: "failed", error: listing.reason });
  let items = listing.items;
  let children = source.children;
  if (listing.kind === "sitemap-index") ({ items, children } = await readChildSitemaps(deps, source, listing.items));

  const updated: Source = {
    ...source,
    kind: listing.kind,
    children,
    etag: answer.headers.get("ETag") ?? undefined,
    lastModified: answer.headers.get("Last-Modified") ?? undefined,
  };
  const diff = await applyListing(deps, updated, items, listing.kind === "sitemap-index");
  return finish(deps, updated, { ...report, kind: listing.kind, ...diff });
}

async function fetchListing(deps: PollDeps, url: string, headers: Record<string, string>): Promise<Fetched> {
  const robots = await robotsVerdict(deps, url);
  if (!robots.ok) return { ok: false, error: robots.detail };
  if (!robots.allowed) return { ok: false, error: "robots.txt disallows this listing" };
  const answer = await deps.outbound.fetch({ url, headers: { ...headers }, timeoutMs: LISTING_TIMEOUT_MS, maxBytes: LISTING_MAX_BYTES, maxRedirects: 5 });
  return answer.ok ? answer : { ok: false, error: answer.detail };
}

/** The sitemaps of an index whose lastmod changed (or that are new), read for their URLs. */
async function readChildSitemaps(deps: PollDeps, source: Source, sitemaps: ListingItem[]): Promise<{ items: ListingItem[]; children: Record<string, string> }> {
  const children: Record<string, string> = {};
  const items: ListingItem[] = [];
  let read = 0;
  for (const sitemap of sitemaps) {
    const known = source.children[sitemap.url];
    const changed = known === undefined || known === "" || (sitemap.marker ?? "") !== known;
    if (!changed || read >= MAX_CHILD_SITEMAPS) {
      if (known !== undefined) children[sitemap.url] = known; // read at a later poll
      continue;
    }
    read++;
    const answer = await fetchListing(deps, sitemap.url, {});
    if (!answer.ok || answer.status !== 200) continue; // tried again next poll (not remembered)
    const listing = readListing({ body: answer.body, url: answer.url, contentType: answer.headers.get("Content-Type") ?? undefined, kind: "sitemap" });
    if (!listing.ok) continue;
    items.push(...listing.items);
    children[sitemap.url] = sitemap.marker ?? "";
  }
  return { items, children };
}

/**
 * Remembers what the listing says and queues what changed. `partial` (a sitemap index, whose unchanged
 * sitemaps were not read) means an item missing from `items` has not left the listing.
 */
async function applyListing(deps: PollDeps, source: Source, items: ListingItem[], partial: boolean): Promise<Pick<PollReport, "found" | "queued" | "removed" | "retracted">> {
  const known = new Map((await deps.sources.items(source.id)).map((item) => [item.url, item]));
  const listed = new Map(items.map((item) => [item.url, item]));
  const writes: SourceItem[] = [];
  const queue: PullMessage[] = [];
  for (const entry of listed.values()) {
    const old = known.get(entry.url);
    const changed = !old || old.state === "removed" || (entry.marker !== undefined && entry.marker !== old.marker);
    if (!changed) continue;
    writes.push({
      sourceId: source.id, url: entry.url, firstSeenAt: old?.firstSeenAt ?? deps.now, lastSeenAt: deps.now, marker: entry.marker,
      teaser: entry.teaser ?? old?.teaser, state: "queued", reason: undefined, attempts: 0, articleId: old?.articleId,
    });
    queue.push({ sourceId: source.id, url: entry.url });
  }
  const retracted: string[] = [];
  if (!partial) {
    for (const old of known.values()) {
      if (listed.has(old.url) || old.state === "removed") continue;
      writes.push({ ...old, state: "removed", reason: "no longer in the listing" });
      if (source.retractRemoved && old.articleId && !(await listedElsewhere(deps, source.id, old.url))) retracted.push(old.articleId);
    }
  }
  await deps.sources.putItems(writes);
  // Queues take at most 100 messages per sendBatch.
  for (let i = 0; i < queue.length; i += 100) await deps.queue.sendBatch(queue.slice(i, i + 100).map((body) => ({ body })));
  if (retracted.length > 0) await deps.articles.write({ upserts: [], retractions: retracted });
  return { found: listed.size, queued: queue.length, removed: writes.length - queue.length, retracted };
}

/** An article another source still lists is not retracted because one source dropped it. */
async function listedElsewhere(deps: PollDeps, sourceId: string, url: string): Promise<boolean> {
  return (await deps.sources.itemsByUrl(url)).some((item) => item.sourceId !== sourceId && item.state !== "removed");
}

async function finish(deps: PollDeps, source: Source, report: PollReport): Promise<PollReport> {
  const failures = report.status === "failed" ? source.failures + 1 : 0;
  const minutes = Math.min(MAX_BACKOFF_MINUTES, source.everyMinutes * 2 ** Math.min(failures, 6));
  await deps.sources.save({
    ...source,
    failures,
    lastPolledAt: deps.now,
    lastStatus: report.status,
    lastError: report.error,
    nextDueAt: new Date(Date.parse(deps.now) + minutes * 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
  });
  return report;
}
