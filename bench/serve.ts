/**
 * Serve. Two halves, each interleaved against its own floor:
 *  1. workerd (the deploy bundle in Miniflare, local D1, 50 articles ingested through PUT
 *     /api/articles/:id): wall time per request over loopback for a cached feed (200), a 304
 *     (If-None-Match), and the first render after a change (an edited article PUT through the API
 *     before each request, its own cost measured alone and subtracted), against a Hono worker
 *     returning the same prebuilt bytes (held as a Blob, as the app holds them); and workerd's CPU
 *     time per request from /proc/<pid>/stat (user+sys of the whole process: it includes the HTTP
 *     hop, Miniflare's entry worker and D1's SQLite, which in production run outside the Worker).
 *     Inside workerd the clock is frozen during execution (Spectre mitigation), so a Worker cannot
 *     time itself; the Worker's own CPU for a cached feed is estimated as the process CPU beyond the
 *     floor worker's, which sends the same bytes the same way, and the whole-process figure is
 *     reported beside it. A 2-byte response shows the runtime's fixed cost per request, and the same
 *     bytes from a Uint8Array what a copied body costs.
 *  2. In process (Node, same V8): loadFeed (src/http/feed-cache.ts) with the in-memory store
 *     (src/store/memory-store.ts), whose rows are read as the D1 store reads them in a warm isolate
 *     (only the edited row's text parsed), cached and first render (50 items), against returning
 *     prebuilt bytes: the JS time of the feed step, an estimate of the Worker's own CPU that leaves out the D1 client's conversion
 *     of the one row it fetches and the Cache API put.
 */
import { Hono } from "hono";
import { AudienceCounter } from "../src/audience/counter.ts";
import { loadConfig } from "../src/config.ts";
import { invalidatingWrites, loadFeed } from "../src/http/feed-cache.ts";
import type { FeedRequest } from "../src/http/feed-request.ts";
import { SITE_SCOPE, type Article } from "../src/model/index.ts";
import { createMemoryStore, type AudienceStore, type Upsert } from "../src/store/index.ts";
import { articlePage, makeArticles } from "./fixtures.ts";
import { compare, fmtMs, fmtX, median, table, type Goal } from "./lib.ts";
import { allWorkerds, bundleWorker, cpuMs, INGEST_TOKEN, removeBundle, SITE_URL, startWorkerd } from "./workerd.ts";

const FEED = `${SITE_URL}/feed.xml?limit=50`;
const FEEDLY_UA = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 120 subscribers; feed-id=bench-feed)";
const DESKTOP_UA = "NetNewsWire (RSS Reader; https://netnewswire.com/)";
const ARTICLES = 50;

async function inProcess(rounds: number) {
  const articles = makeArticles(ARTICLES);
  // The in-memory ArticleStore (it passes the D1 store's contract): rows kept as JSON text and parsed
  // once, so a page after an edit parses only the edited row, as the D1 store does in a warm isolate.
  const memory = createMemoryStore();
  const stored = (article: Article, revision: number): Upsert => ({ article, origin: "api", status: "published", contentHash: `h-${article.id}-${revision}`, firstIngestedAt: article.publishedAt });
  await memory.write({ upserts: articles.map((a) => stored(a, 0)), retractions: [] });
  // Writes go through invalidatingWrites, as in the app: the isolate then forgets the version it
  // trusts, so the next request renders (without it, a bumped version goes unseen for 2 s).
  const store = invalidatingWrites(memory);
  // A change edits one article, as an ingest does: its row is new text, the others are unchanged.
  let edits = 0;
  const edit = () => {
    const a = articles[0]!;
    return store.write({ upserts: [stored({ ...a, title: `${a.title} (update ${++edits})` }, edits)], retractions: [] });
  };
  const loaded = loadConfig({ SITE_TITLE: "Wirefeed", SITE_DESCRIPTION: "News", SITE_URL, SITE_LANGUAGE: "en", MEASURE_IMAGES: "false" });
  if (!loaded.ok) throw new Error("config");
  const request: FeedRequest = { scope: SITE_SCOPE, format: "rss", limit: ARTICLES, before: undefined };
  const now = "2026-04-02T00:00:00Z";
  const prebuilt = (await loadFeed(store, request, loaded.config, now, undefined))!;
  // Both through Hono's app.request with the same response headers: the floor answers prebuilt bytes,
  // the feed route asks loadFeed (store version, isolate cache) as serveFeed does.
  const headers = { "Content-Type": "application/rss+xml; charset=utf-8", ETag: prebuilt.etag, "Last-Modified": prebuilt.lastModified, Vary: "Accept" };
  const floorApp = new Hono().get("/feed.xml", () => new Response(prebuilt.body, { headers }));
  const feedApp = new Hono().get("/feed.xml", async () => {
    const feed = (await loadFeed(store, request, loaded.config, now, undefined))!;
    return new Response(feed.body, { headers: { ...headers, ETag: feed.etag } });
  });
  // The same route with the audience counter's response-path work (src/http/audience.ts): classify the
  // User-Agent and note it in memory. Steady state, as for a poller: the first request of each reader
  // is written (to a store that keeps nothing), the rest find their count already written.
  const counter = new AudienceCounter();
  const keepNothing = { write: async () => {}, daySalt: async () => "salt" } as unknown as AudienceStore;
  const countedApp = new Hono().get("/feed.xml", async (c) => {
    const feed = (await loadFeed(store, request, loaded.config, now, undefined))!;
    const { pending } = counter.recordFeed({ now, family: "all", feedKey: "feed.xml?limit=50", userAgent: c.req.header("User-Agent"), address: c.req.header("CF-Connecting-IP") });
    if (pending) await counter.flush(keepNothing);
    return new Response(feed.body, { headers: { ...headers, ETag: feed.etag } });
  });
  const r = await compare(
    [
      { name: "Hono prebuilt bytes", run: () => floorApp.request("/feed.xml") },
      { name: "Hono + loadFeed cached", run: () => feedApp.request("/feed.xml") },
      { name: "Hono + loadFeed first render", run: async () => { await edit(); return feedApp.request("/feed.xml"); } },
    ],
    { rounds, isAsync: true },
  );
  // Counting beside the same route before counting, as the reference of the ratios (per round).
  const counting = await compare(
    [
      { name: "Hono + loadFeed cached (before counting)", run: () => feedApp.request("/feed.xml") },
      { name: "Hono + loadFeed cached, counted (Feedly)", run: () => countedApp.request("/feed.xml", { headers: { "User-Agent": FEEDLY_UA } }) },
      { name: "Hono + loadFeed cached, counted (desktop)", run: () => countedApp.request("/feed.xml", { headers: { "User-Agent": DESKTOP_UA, "CF-Connecting-IP": "203.0.113.9" } }) },
    ],
    { rounds: rounds * 2, isAsync: true },
  );
  // The counting step alone, per call, in a tight loop (steady state: nothing pending): its cost is
  // small against a whole request, so timing it apart is steadier than the difference of two routes.
  const recordMicros = (userAgent: string, address?: string) => {
    const hit = { now, family: "all", feedKey: "feed.xml?limit=50", userAgent, address };
    const N = 20_000;
    const runs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      for (let i = 0; i < N; i++) counter.recordFeed(hit);
      runs.push(((performance.now() - start) / N) * 1000);
    }
    return median(runs);
  };
  const perCall = { feedly: recordMicros(FEEDLY_UA), desktop: recordMicros(DESKTOP_UA, "203.0.113.9") };
  return { bytes: prebuilt.body.size, results: r.map(({ times: _t, ...x }) => x), counting: counting.map(({ times: _t, ...x }) => x), recordFeedMicros: perCall };
}

async function inWorkerd(rounds: number) {
  const bundle = bundleWorker();
  // The app's runtime; its floor worker is unused (the floor runs in a second runtime, below, once
  // the feed's bytes are known).
  const mf = await startWorkerd(bundle, "");
  try {
    const app = await mf.getWorker("app");
    const auth = { Authorization: `Bearer ${INGEST_TOKEN}`, "Content-Type": "text/html; charset=utf-8" };
    const articles = makeArticles(ARTICLES);
    const ingestAll = async (worker: typeof app) => {
      for (const a of articles) {
        const res = await worker.fetch(`${SITE_URL}/api/articles/${a.id}?url=${encodeURIComponent(a.url)}`, { method: "PUT", headers: auth, body: articlePage(a) });
        if (res.status >= 300) throw new Error(`ingest ${a.id}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    };
    await ingestAll(app);
    const first = await app.fetch(FEED);
    const body = await first.text();
    const etag = first.headers.get("ETag")!;
    const items = body.split("<item>").length - 1;
    const floorMf = await startWorkerd(bundle, body); // a second runtime whose floor worker holds the same bytes
    const floor = await floorMf.getWorker("floor");
    // The same app with subscriber counting off (AUDIENCE_COUNTING=false), the same articles: a cached
    // feed's cost before counting (issue 18), beside the counted requests below.
    const uncountedMf = await startWorkerd(bundle, "", { AUDIENCE_COUNTING: "false" });
    const uncounted = await uncountedMf.getWorker("app");
    await ingestAll(uncounted);
    await (await uncounted.fetch(FEED)).arrayBuffer();
    // A change as the app sees one: an edited article PUT through the API. The write goes through
    // invalidatingWrites, so the next feed request renders. (Bumping the version in D1 behind the
    // app's back would not: the isolate trusts the version it read for 2 s.)
    let edits = 0;
    const change = async () => {
      const a = articles[0]!;
      const res = await app.fetch(`${SITE_URL}/api/articles/${a.id}?url=${encodeURIComponent(a.url)}`, {
        method: "PUT", headers: auth, body: articlePage({ ...a, title: `${a.title} (update ${++edits})` }),
      });
      if (res.status >= 300) throw new Error(`edit: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const get = (init?: { headers: Record<string, string> }) => async () => { const res = await app.fetch(FEED, init); await res.arrayBuffer(); return res.status; };
    // Guard: a change must really produce a new feed (a render), or the case would time cache hits.
    await change();
    const changed = await app.fetch(FEED);
    await changed.arrayBuffer();
    if (changed.headers.get("ETag") === etag) throw new Error("an edited article did not change the feed");
    try {
      const cases = [
        { name: "floor: Hono prebuilt bytes", run: async () => { const res = await floor.fetch(FEED); await res.arrayBuffer(); } },
        { name: "(floor: Hono, 2-byte body)", run: async () => { const res = await floor.fetch(`${SITE_URL}/tiny`); await res.arrayBuffer(); } },
        { name: "(floor: same bytes from a Uint8Array)", run: async () => { const res = await floor.fetch(`${SITE_URL}/u8`); await res.arrayBuffer(); } },
        { name: "(floor: Cache API put of the same bytes)", run: async () => { const res = await floor.fetch(`${SITE_URL}/cache-put`); await res.arrayBuffer(); } },
        { name: "cached 200", run: get() },
        { name: "cached 304", run: get({ headers: { "If-None-Match": etag } }) },
        { name: "cached 200, counting off (before counting)", run: async () => { const res = await uncounted.fetch(FEED); await res.arrayBuffer(); } },
        // A hosted reader polling with its count, and a desktop reader polling again (steady state: the
        // isolate has already written both, so counting is memory only).
        { name: "cached 200, Feedly User-Agent (counted)", run: get({ headers: { "User-Agent": FEEDLY_UA } }) },
        { name: "cached 200, desktop reader (counted)", run: get({ headers: { "User-Agent": DESKTOP_UA, "CF-Connecting-IP": "203.0.113.9" } }) },
        { name: "first render after change", run: async () => { await change(); await get()(); } },
        { name: "(the change alone: PUT of an edited article)", run: change },
      ];
      const wall = await compare(cases, { rounds, batchMs: 150, isAsync: true });
      // CPU of the app's workerd process per request, each case in its own window, repeated.
      // Two runtimes are running (the app's, and the floor's with the same bytes): their CPU is summed.
      const pids = allWorkerds();
      const cpu: Record<string, number[]> = {};
      for (let round = 0; round < 5; round++) {
        for (const c of cases) {
          const N = c.name.includes("change") ? 60 : 200; // an ingest costs several ms
          const before = pids.map(cpuMs);
          for (let i = 0; i < N; i++) await c.run();
          const used = pids.map((p, k) => cpuMs(p) - before[k]!).reduce((a, b) => a + b, 0);
          (cpu[c.name] ??= []).push(used / N);
        }
      }
      const cpuPer = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));
      cpuPer["first render after change (net of the change)"] = cpuPer["first render after change"]! - cpuPer["(the change alone: PUT of an edited article)"]!;
      // The floor sends the same bytes the same way (a Blob), through the same runtime and the same
      // loopback hop: what the cached 200 costs beyond it is the app's own work per request.
      cpuPer["cached 200 (net of the floor)"] = cpuPer["cached 200"]! - cpuPer["floor: Hono prebuilt bytes"]!;
      cpuPer["counted Feedly / counting off"] = cpuPer["cached 200, Feedly User-Agent (counted)"]! / cpuPer["cached 200, counting off (before counting)"]!;
      cpuPer["counted desktop / counting off"] = cpuPer["cached 200, desktop reader (counted)"]! / cpuPer["cached 200, counting off (before counting)"]!;
      return { items, bytes: Buffer.byteLength(body), gzip: bundle.gzipBytes, wall: wall.map(({ times: _t, ...x }) => x), cpuMsPerRequest: cpuPer, workerdProcesses: pids.length };
    } finally {
      await floorMf.dispose();
      await uncountedMf.dispose();
    }
  } finally {
    await mf.dispose();
    removeBundle(bundle);
  }
}

export async function benchServe(rounds = Number(process.env.BENCH_ROUNDS ?? 15)) {
  const node = await inProcess(rounds);
  const w = await inWorkerd(Math.max(5, Math.round(rounds / 2)));
  const nodeBy = Object.fromEntries(node.results.map((x) => [x.name, x]));
  const wBy = Object.fromEntries(w.wall.map((x) => [x.name, x]));
  const rows: string[][] = [
    ...node.results.map((x) => [`node: ${x.name}`, fmtMs(x.medianMs), fmtX(x.ratio), ""]),
    ...node.counting.slice(1).map((x) => [`node: ${x.name} (x: vs before counting)`, fmtMs(x.medianMs), fmtX(x.ratio), ""]),
    ...w.wall.map((x) => [`workerd: ${x.name}`, fmtMs(x.medianMs), fmtX(x.ratio), w.cpuMsPerRequest[x.name] === undefined ? "" : fmtMs(w.cpuMsPerRequest[x.name]!)]),
    ["workerd: cached 200, net of the floor", "", "", fmtMs(w.cpuMsPerRequest["cached 200 (net of the floor)"]!)],
    ["workerd: first render, net of the change", "", "", fmtMs(w.cpuMsPerRequest["first render after change (net of the change)"]!)],
  ];
  const cachedVsFloor = wBy["cached 200"]!.ratio;
  const cachedCpuNet = w.cpuMsPerRequest["cached 200 (net of the floor)"]!;
  const cachedCpuGross = w.cpuMsPerRequest["cached 200"]!;
  const renderCpu = w.cpuMsPerRequest["first render after change (net of the change)"]!;
  const nodeRender = nodeBy["Hono + loadFeed first render"]!.medianMs;
  const goals: Goal[] = [
    { goal: "cached feed in process within 1.5x of prebuilt bytes (Hono app.request, in-memory store)", value: `${fmtMs(nodeBy["Hono + loadFeed cached"]!.medianMs)} ms vs ${fmtMs(nodeBy["Hono prebuilt bytes"]!.medianMs)} ms (${fmtX(nodeBy["Hono + loadFeed cached"]!.ratio)})`, met: nodeBy["Hono + loadFeed cached"]!.ratio <= 1.5 },
    { goal: "cached feed through workerd within 1.5x of the Hono prebuilt-bytes worker (wall)", value: fmtX(cachedVsFloor), met: cachedVsFloor <= 1.5 },
    // The Worker's own CPU cannot be read (frozen clock), so it is estimated as the process CPU beyond
    // the floor worker's, which sends the same bytes the same way (this also leaves out the floor's
    // own routing JS, a few Hono calls). The whole-process figure is the upper bound.
    {
      goal: "workerd CPU <= 1 ms per cached feed: the Worker's own (process CPU beyond the floor worker sending the same bytes)",
      value: `${fmtMs(cachedCpuNet)} ms`,
      met: cachedCpuNet <= 1,
    },
    {
      goal: "workerd CPU <= 1 ms per cached feed: whole workerd process (upper bound: loopback hop, Miniflare entry worker, SQLite)",
      value: `${fmtMs(cachedCpuGross)} ms (the floor worker: ${fmtMs(w.cpuMsPerRequest["floor: Hono prebuilt bytes"]!)} ms; a 2-byte response: ${fmtMs(w.cpuMsPerRequest["(floor: Hono, 2-byte body)"]!)} ms)`,
      met: cachedCpuGross <= 1,
    },
    // The same two views of a render: the Worker's JavaScript, timed in process on the same V8 (rows
    // parsed as the D1 store parses them, then render, hash and Blob: all of loadFeed's own work), and
    // the whole workerd process net of the PUT that changed the feed (upper bound: it also holds D1's
    // SQLite and result transfer of 50 full articles, and the Cache API storing the new copy).
    {
      goal: `workerd CPU <= 5 ms per ${ARTICLES}-item render: the Worker's JavaScript (loadFeed's first render, timed in process)`,
      value: `${fmtMs(nodeRender)} ms`,
      met: nodeRender <= 5,
    },
    { goal: `workerd CPU <= 5 ms per ${ARTICLES}-item render: whole workerd process, net of the PUT that changed the feed (upper bound)`, value: `${fmtMs(renderCpu)} ms`, met: renderCpu <= 5 },
  ];
  // Issue 18: counting may cost a cached feed at most 1.2x its CPU before counting (whole workerd process).
  // In process: the route before counting plus the counting step timed alone (the routes' own
  // difference is also printed above, but on a loaded machine it is mostly noise).
  const cachedMs = node.counting[0]!.medianMs;
  for (const [who, micros] of Object.entries(node.recordFeedMicros)) {
    const ratio = (cachedMs + micros / 1000) / cachedMs;
    goals.push({ goal: `cached feed in process counted (${who}) <= 1.2x before counting (JS: the route ${fmtMs(cachedMs)} ms + recordFeed ${micros.toFixed(1)} us)`, value: fmtX(ratio), met: ratio <= 1.2 });
  }
  for (const [who, key] of [["a hosted reader's count (Feedly)", "counted Feedly / counting off"], ["a desktop reader", "counted desktop / counting off"]] as const) {
    const ratio = w.cpuMsPerRequest[key]!;
    goals.push({
      goal: `cached feed counted for ${who} <= 1.2x its CPU before counting (workerd process CPU, AUDIENCE_COUNTING=false beside it)`,
      value: `${fmtX(ratio)} (${fmtMs(w.cpuMsPerRequest[key.startsWith("counted Feedly") ? "cached 200, Feedly User-Agent (counted)" : "cached 200, desktop reader (counted)"]!)} ms vs ${fmtMs(w.cpuMsPerRequest["cached 200, counting off (before counting)"]!)} ms)`,
      met: ratio <= 1.2,
    });
  }
  const text = `${table(["serve (rss, ?limit=50)", "median ms", "x floor", "workerd CPU ms/req"], rows)}\n(feed: ${w.items} items, ${(w.bytes / 1024).toFixed(0)} KiB; in-process node: ${(node.bytes / 1024).toFixed(0)} KiB)`;
  return { text, goals, data: { node, workerd: w } };
}
