/**
 * Subscriber counting end to end in workerd: feed requests with real reader User-Agents through the
 * Worker (waitOnExecutionContext waits for the waitUntil flush), then GET /api/audience and the D1
 * rows. Daily maxima across days and the write bounds are checked on an AudienceCounter with a frozen
 * clock; fetch health on the partner routes and with fetchHealth at fixed times.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AudienceCounter } from "../../src/audience/counter.ts";
import { audienceReport, fetchHealth } from "../../src/audience/report.ts";
import worker from "../../src/index.ts";
import { createAudienceStore, type AudienceStore } from "../../src/store/index.ts";
import { BASE, newsPage } from "./helpers.ts";

const TOKEN = { Authorization: "Bearer test-ingest-token" };
const FEEDLY = (n: number, id: string) => `Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${n} subscribers; feed-id=${id})`;
const INOREADER = (n: number) => `Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; ${n} subscribers; )`;
const NNW = "NetNewsWire (RSS Reader; https://netnewswire.com/)";

/** One request through the Worker, waiting for everything it handed to waitUntil. */
async function fetchWorker(path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(BASE + path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } }), env as never, ctx);
  await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return response;
}

type Report = { subscribers: number; feeds: { feed: string; family: string; subscribers: number; byAggregator: Record<string, number>; history: { day: string; subscribers: number; byAggregator: Record<string, number> }[] }[] };

beforeAll(async () => {
  const put = await fetchWorker("/api/articles/harbour", { ...TOKEN, "Content-Type": "text/html" }, {
    method: "PUT",
    body: newsPage({ title: "Harbour story", url: "https://news.example/harbour", date: "2025-05-01T10:00:00Z", section: "Harbour News" }),
  });
  expect(put.status).toBe(201);
  // Site family: Feedly (one feed id) polls three times; its daily maximum is 12.
  for (const n of [10, 12, 8]) expect((await fetchWorker("/feed.xml", { "User-Agent": FEEDLY(n, "site-rss") })).status).toBe(200);
  // Inoreader has two subscriptions in the family (Atom and JSON Feed, no feed id): 5 + 3.
  await fetchWorker("/atom.xml", { "User-Agent": INOREADER(5) });
  await fetchWorker("/feed.json", { "User-Agent": INOREADER(3) });
  // A 304 is a fetch too: Inoreader's Atom subscription rises to 6.
  const atom = await fetchWorker("/atom.xml", { "User-Agent": INOREADER(1) });
  expect((await fetchWorker("/atom.xml", { "User-Agent": INOREADER(6), "If-None-Match": atom.headers.get("ETag")! })).status).toBe(304);
  // Direct clients: the same reader at one address in all three formats is one client; another address is another.
  for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/feed.xml"]) await fetchWorker(path, { "User-Agent": NNW, "CF-Connecting-IP": "203.0.113.77" });
  await fetchWorker("/feed.xml", { "User-Agent": NNW, "CF-Connecting-IP": "198.51.100.23" });
  // Robots, browsers and cursor pages are not counted.
  await fetchWorker("/feed.xml", { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
  // The section family, apart from the site's.
  await fetchWorker("/sections/harbour-news/feed.xml", { "User-Agent": FEEDLY(4, "harbour") });
  await fetchWorker("/sections/harbour-news/atom.xml", { "User-Agent": FEEDLY(2, "harbour-atom") });
});

describe("GET /api/audience", () => {
  it("needs the ingest token", async () => {
    expect((await fetchWorker("/api/audience")).status).toBe(401);
  });

  it("folds the three formats into one family, takes each aggregator's daily maximum and counts direct clients once", async () => {
    const response = await worker.fetch(new Request(`${BASE}/api/audience`, { headers: TOKEN }), env as never, createExecutionContext());
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const report = (await response.json()) as Report;
    expect(Object.keys(report)).toEqual(["subscribers", "feeds"]);
    const [site, harbour] = report.feeds;
    expect(Object.keys(site!)).toEqual(["feed", "family", "subscribers", "byAggregator", "history"]);
    expect(site).toMatchObject({ feed: "/feed.xml", family: "all", subscribers: 12 + 9 + 2, byAggregator: { feedly: 12, inoreader: 9, direct: 2 } });
    expect(harbour).toMatchObject({ feed: "/sections/harbour-news/feed.xml", family: "section:harbour-news", subscribers: 6, byAggregator: { feedly: 6 } });
    expect(report.subscribers).toBe(23 + 6);
    const today = new Date().toISOString().slice(0, 10);
    expect(site!.history).toEqual([{ day: today, subscribers: 23, byAggregator: { direct: 2, feedly: 12, inoreader: 9 } }]);
  });

  it("stores no address and no User-Agent: only counts and salted hashes", async () => {
    const tables = ["audience_daily", "audience_clients", "audience_salts", "partner_fetches"];
    const dump = JSON.stringify(await Promise.all(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t}`).all())));
    for (const secret of ["203.0.113.77", "198.51.100.23", "NetNewsWire", "netnewswire"]) expect(dump).not.toContain(secret);
    const clients = await env.DB.prepare("SELECT client FROM audience_clients").all<{ client: string }>();
    expect(clients.results).toHaveLength(2);
    for (const { client } of clients.results) expect(client).toMatch(/^[0-9a-f]{32}$/);
  });
});

/** A store that records every write, over the real D1 store. */
function recordingStore(): AudienceStore & { writes: Parameters<AudienceStore["write"]>[0][] } {
  const real = createAudienceStore(env.DB);
  const writes: Parameters<AudienceStore["write"]>[0][] = [];
  return { ...real, writes, write: async (change) => { writes.push(change); await real.write(change); } };
}

describe("AudienceCounter (frozen clock)", () => {
  const hit = (now: string, userAgent: string, o: { family?: string; feedKey?: string; address?: string } = {}) => ({
    now, family: o.family ?? "tag:counter", feedKey: o.feedKey ?? "feed.xml", userAgent, address: o.address ?? "192.0.2.1",
  });

  it("writes one upsert per aggregator, feed and day, and nothing for a repeated count", async () => {
    const counter = new AudienceCounter();
    const store = recordingStore();
    for (let i = 0; i < 50; i++) counter.recordFeed(hit("2025-03-01T10:00:00Z", FEEDLY(20, "c1")));
    await counter.flush(store);
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]!.counts).toEqual([{ day: "2025-03-01", family: "tag:counter", aggregator: "feedly", feedId: "id:c1", subscribers: 20 }]);
    // The same count again, or a lower one: nothing to write.
    for (let i = 0; i < 50; i++) expect(counter.recordFeed(hit("2025-03-01T11:00:00Z", FEEDLY(i % 2 ? 20 : 15, "c1"))).pending).toBe(false);
    await counter.flush(store);
    expect(store.writes).toHaveLength(1);
    // A rise is written once more; a direct client once per day however often it polls.
    counter.recordFeed(hit("2025-03-01T12:00:00Z", FEEDLY(25, "c1")));
    for (let i = 0; i < 20; i++) counter.recordFeed(hit("2025-03-01T12:00:00Z", NNW));
    await counter.flush(store);
    expect(store.writes).toHaveLength(2);
    expect(store.writes[1]!.counts.map((c) => c.subscribers)).toEqual([25]);
    expect(store.writes[1]!.clients).toHaveLength(1);
  });

  it("never runs two flushes at once: counts noted during a flush go in its next round", async () => {
    const counter = new AudienceCounter();
    const store = recordingStore();
    counter.recordFeed(hit("2025-03-05T10:00:00Z", FEEDLY(3, "overlap")));
    const running = counter.flush(store);
    counter.recordFeed(hit("2025-03-05T10:00:01Z", FEEDLY(4, "overlap")));
    expect(counter.flush(store)).toBeUndefined();
    await running;
    expect(store.writes.map((w) => w.counts.map((c) => c.subscribers))).toEqual([[3], [4]]);
  });

  it("keeps each day's maximum apart; the current count is the larger of today's and yesterday's", async () => {
    const counter = new AudienceCounter();
    const store = createAudienceStore(env.DB);
    const family = "tag:days";
    for (const [now, n] of [["2025-04-01T08:00:00Z", 30], ["2025-04-01T20:00:00Z", 34], ["2025-04-02T00:10:00Z", 31], ["2025-04-02T09:00:00Z", 29]] as const) {
      counter.recordFeed(hit(now, FEEDLY(n, "days"), { family }));
      await counter.flush(store);
    }
    const rows = (await store.daily()).filter((r) => r.family === family);
    expect(rows).toEqual([
      { day: "2025-04-01", family, aggregator: "feedly", subscribers: 34 },
      { day: "2025-04-02", family, aggregator: "feedly", subscribers: 31 },
    ]);
    const feed = (now: string) => audienceReport(rows, now, () => "/tags/days/feed.xml").feeds[0]!;
    // Just after midnight yesterday's 34 still counts; a day later only the 2nd's 31 is recent.
    expect(feed("2025-04-02T00:30:00Z").subscribers).toBe(34);
    expect(feed("2025-04-03T12:00:00Z").subscribers).toBe(31);
    // History is every day ever stored.
    expect(feed("2026-01-01T00:00:00Z")).toMatchObject({ subscribers: 0, history: [{ day: "2025-04-01", subscribers: 34 }, { day: "2025-04-02", subscribers: 31 }] });
  });

  it("rotates the salt daily: yesterday's salt and client hashes are deleted, the same client hashes differently", async () => {
    const counter = new AudienceCounter();
    const store = createAudienceStore(env.DB);
    counter.recordFeed(hit("2030-01-01T10:00:00Z", NNW, { family: "tag:salt" }));
    await counter.flush(store);
    const first = await env.DB.prepare("SELECT client FROM audience_clients WHERE family = 'tag:salt'").all<{ client: string }>();
    counter.recordFeed(hit("2030-01-02T10:00:00Z", NNW, { family: "tag:salt" }));
    await counter.flush(store);
    const salts = await env.DB.prepare("SELECT day FROM audience_salts").all<{ day: string }>();
    expect(salts.results.map((r) => r.day)).toEqual(["2030-01-02"]);
    const second = await env.DB.prepare("SELECT day, client FROM audience_clients WHERE family = 'tag:salt'").all<{ day: string; client: string }>();
    expect(second.results).toHaveLength(1);
    expect(second.results[0]!.day).toBe("2030-01-02");
    expect(second.results[0]!.client).not.toBe(first.results[0]!.client);
    // The count of the finished day is kept.
    expect((await store.daily()).filter((r) => r.family === "tag:salt").map((r) => [r.day, r.subscribers])).toEqual([["2030-01-01", 1], ["2030-01-02", 1]]);
  });
});

describe("partner fetch health", () => {
  it("records each partner fetch (200 and 304, bytes) and reports it in /api/partners", async () => {
    const key = { Authorization: "Bearer beta-key" };
    const first = await fetchWorker("/partners/beta/feed.xml", key);
    expect(first.status).toBe(200);
    await fetchWorker("/partners/beta/feed.xml", { ...key, "If-None-Match": first.headers.get("ETag")! });
    await fetchWorker("/partners/beta/feed.json", key);
    const ctx = createExecutionContext();
    const view = (await (await worker.fetch(new Request(`${BASE}/api/partners`, { headers: TOKEN }), env as never, ctx)).json()) as { partners: { id: string; fetchHealth: ReturnType<typeof fetchHealth> }[] };
    const beta = view.partners.find((p) => p.id === "beta")!.fetchHealth;
    expect(beta.fetches).toBe(3);
    expect(beta.notModifiedRatio).toBe(0.333);
    expect(beta.bytes.total).toBe(Number(first.headers.get("Content-Length")) + beta.bytes.last!);
    expect(beta.overdue).toBe(false);
    expect(view.partners.find((p) => p.id === "gamma")!.fetchHealth).toMatchObject({ fetches: 0, lastFetchAt: null, overdue: false });
  });

  it("median interval, and overdue after 3 times the usual interval (frozen clock)", () => {
    const fetches = ["10:00", "10:10", "10:20", "10:31", "10:40"].map((t, i) => ({ partner: "p", at: `2025-01-01T${t}:00Z`, status: i % 2 ? 304 : 200, bytes: i % 2 ? 0 : 1000 }));
    const at = (t: string) => fetchHealth(fetches, `2025-01-01T${t}:00Z`);
    expect(at("10:45")).toMatchObject({ fetches: 5, lastFetchAt: "2025-01-01T10:40:00Z", medianIntervalSeconds: 600, notModifiedRatio: 0.4, bytes: { total: 3000, last: 1000 }, overdue: false });
    expect(at("11:10").overdue).toBe(false);
    expect(at("11:11").overdue).toBe(true);
  });
});
