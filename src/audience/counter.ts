/**
 * Subscriber counts gathered in the isolate and written in batches, off the response path.
 *
 * A feed request only updates memory (recordFeed); the caller hands flush() to waitUntil when it
 * returns true. What reaches D1 is bounded: an aggregator's count is written only when it rises above
 * what this isolate already wrote for that day, aggregator, feed family and feed id (a poller
 * repeating its count writes nothing), a direct client once per day and family per isolate, and every
 * flush is one batch. Flushes never overlap: counts arriving during one go in its next round.
 *
 * Direct clients are counted as a SHA-256 of the day's random salt, the address and the User-Agent;
 * the address stays in memory only until that hash is taken (moments later, in the flush).
 */
import { sha256Hex } from "../ingest/index.ts";
import { type AudienceCount, type AudienceStore, type ClientSighting, type PartnerFetch } from "../store/index.ts";
import { classifyUserAgent, type FeedFetcher } from "./user-agent.ts";

export type FeedHit = {
  now: string;
  /** The feed family: "all", "section:<key>", … (the three formats of a feed are one family). */
  family: string;
  /** The subscription when the aggregator names no feed id: format and limit ("feed.xml", "atom.xml?limit=50"). */
  feedKey: string;
  userAgent: string | undefined;
  address: string | undefined;
};

// Memory bounds: beyond them new entries wait for the next day (counts) or are dropped (sightings).
const MAX_PENDING = 1000;
const MAX_SEEN_CLIENTS = 20_000;
// Longer than any waitUntil may run (30 s after the response in Workers).
const FLUSH_ABANDONED_MS = 60_000;

type Sighting = { day: string; family: string; address: string; userAgent: string };

export class AudienceCounter {
  private day = "";
  private readonly pending = new Map<string, AudienceCount>();
  private readonly written = new Map<string, number>();
  private readonly seenClients = new Set<string>();
  private sightings: Sighting[] = [];
  private fetches: PartnerFetch[] = [];
  private salt: { day: string; value: string } | undefined;
  private flushing: Promise<void> | undefined;
  private flushStartedAt = 0;
  private again = false;

  /** Notes one feed response (200 or 304). Returns the fetcher, and whether a flush has work to do. */
  recordFeed(hit: FeedHit): { fetcher: FeedFetcher; pending: boolean } {
    const fetcher = classifyUserAgent(hit.userAgent);
    if (fetcher.kind === "ignored") return { fetcher, pending: false };
    const day = hit.now.slice(0, 10);
    this.rollOver(day);
    if (fetcher.kind === "aggregator") {
      const feedId = fetcher.feedId !== undefined ? `id:${fetcher.feedId}` : hit.feedKey;
      const key = `${day}\n${hit.family}\n${fetcher.aggregator}\n${feedId}`;
      const known = Math.max(this.written.get(key) ?? -1, this.pending.get(key)?.subscribers ?? -1);
      if (fetcher.subscribers <= known || (this.pending.size >= MAX_PENDING && !this.pending.has(key))) return { fetcher, pending: false };
      this.pending.set(key, { day, family: hit.family, aggregator: fetcher.aggregator, feedId, subscribers: fetcher.subscribers });
      return { fetcher, pending: true };
    }
    const userAgent = hit.userAgent ?? "";
    const address = hit.address ?? "";
    const seen = `${day}\n${hit.family}\n${address}\n${userAgent}`;
    if (this.seenClients.has(seen) || this.sightings.length >= MAX_PENDING) return { fetcher, pending: false };
    if (this.seenClients.size >= MAX_SEEN_CLIENTS) this.seenClients.clear(); // D1 dedupes what memory forgot
    this.seenClients.add(seen);
    this.sightings.push({ day, family: hit.family, address, userAgent });
    return { fetcher, pending: true };
  }

  /** Notes one partner feed response for the fetch health of /api/partners. */
  recordPartnerFetch(fetch: PartnerFetch): void {
    if (this.fetches.length < MAX_PENDING) this.fetches.push(fetch);
  }

  /**
   * Writes what is pending in one batch; never two at once. A call during a flush returns nothing to
   * wait for: the running flush takes the new counts in its next round. (In workerd a request must
   * not wait on a promise another request's I/O resolves, so each flush belongs to the request that
   * started it, through that request's waitUntil.)
   */
  flush(store: AudienceStore): Promise<void> | undefined {
    // A flush the runtime abandoned (its request's waitUntil was cut off) never settles: after
    // FLUSH_ABANDONED_MS another may start, so counting cannot stop for the isolate's lifetime.
    if (this.flushing && Date.now() - this.flushStartedAt < FLUSH_ABANDONED_MS) {
      this.again = true;
      return undefined;
    }
    this.flushStartedAt = Date.now();
    // Declared first: the body reads it, and first runs that far after an await.
    let run: Promise<void> | undefined = undefined;
    run = (async () => {
      try {
        do {
          this.again = false;
          await this.flushOnce(store);
        } while (this.again);
      } finally {
        // An abandoned flush that settles late must not clear the marker of the one that replaced it.
        if (this.flushing === run) this.flushing = undefined;
      }
    })();
    this.flushing = run;
    return run;
  }

  private rollOver(day: string): void {
    if (day === this.day) return;
    this.day = day;
    this.written.clear();
    this.seenClients.clear();
  }

  private async flushOnce(store: AudienceStore): Promise<void> {
    const counts = [...this.pending.values()];
    this.pending.clear();
    // Sightings of a day that is over are dropped: that day's salt is gone.
    const sightings = this.sightings.filter((s) => s.day === this.day);
    this.sightings = [];
    const fetches = this.fetches;
    this.fetches = [];
    if (counts.length === 0 && sightings.length === 0 && fetches.length === 0) return;
    try {
      const clients: ClientSighting[] = [];
      if (sightings.length > 0) {
        const salt = await this.saltOf(store, this.day);
        for (const s of sightings) {
          clients.push({ day: s.day, family: s.family, client: (await sha256Hex(`${salt}\n${s.address}\n${s.userAgent}`)).slice(0, 32) });
        }
      }
      await store.write({ counts, clients, fetches });
      for (const c of counts) {
        const key = `${c.day}\n${c.family}\n${c.aggregator}\n${c.feedId}`;
        if (c.day === this.day) this.written.set(key, Math.max(this.written.get(key) ?? -1, c.subscribers));
      }
    } catch (error) {
      // Counts are re-reported by the next poll; the sightings of this flush are lost, not retried.
      console.error("wirefeed: audience counts not written", error);
      for (const c of counts) {
        const key = `${c.day}\n${c.family}\n${c.aggregator}\n${c.feedId}`;
        const queued = this.pending.get(key);
        if (c.day === this.day && (!queued || queued.subscribers < c.subscribers)) this.pending.set(key, c);
      }
    }
  }

  private async saltOf(store: AudienceStore, day: string): Promise<string> {
    if (this.salt?.day === day) return this.salt.value;
    const candidate = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
    const value = await store.daySalt(day, candidate);
    this.salt = { day, value };
    return value;
  }
}

