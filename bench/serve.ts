/**
 * Serve. Two halves, each interleaved against its own floor:
 *  1. workerd (the deploy bundle in Miniflare, local D1, 50 articles ingested through PUT
 *     /api/articles/:id): wall time per request over loopback for a cached feed (200), a 304
 *     (If-None-Match), and the first render after a change (the store version bumped in D1 before
 *     each request), against a Hono worker returning the same prebuilt bytes (held as a Blob, as the
 *     app holds them); and workerd's CPU time per request from /proc/<pid>/stat (user+sys of the
 *     whole process: it includes the HTTP hop, Miniflare's entry worker and D1's SQLite, which in
 *     production run outside the Worker). Inside workerd the clock is frozen during execution
 *     (Spectre mitigation), so a Worker cannot time itself; the Worker's own CPU for a cached feed is
 *     therefore measured as the process CPU beyond the floor worker's, which sends the same bytes the
 *     same way. A 2-byte response shows the runtime's fixed cost per request.
 *  2. In process (Node, same V8): loadFeed (src/http/feed-cache.ts) with an in-memory store, cached
 *     and first render (50 items), against returning prebuilt bytes: the JS time of the feed step.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Hono } from "hono";
import { loadConfig } from "../src/config.ts";
import { invalidatingWrites, loadFeed } from "../src/http/feed-cache.ts";
import type { FeedRequest } from "../src/http/feed-request.ts";
import { SITE_SCOPE } from "../src/model/index.ts";
import type { ArticleStore, RenderedFeed } from "../src/store/index.ts";
import { articlePage, makeArticles } from "./fixtures.ts";
import { compare, fmtMs, fmtX, median, table, type Goal } from "./lib.ts";
import { bundleWorker, cpuMs, INGEST_TOKEN, removeBundle, SITE_URL, startWorkerd } from "./workerd.ts";

const FEED = `${SITE_URL}/feed.xml?limit=50`;
const ARTICLES = 50;

async function inProcess(rounds: number) {
  const articles = makeArticles(ARTICLES);
  let version = 1;
  const rendered = new Map<string, RenderedFeed>();
  // Writes go through invalidatingWrites, as in the app: the isolate then forgets the version it
  // trusts, so the next request renders (without it, a bumped version goes unseen for 2 s).
  const store = invalidatingWrites({
    version: async () => version,
    feedPage: async () => ({ version, name: "All articles", articles, previous: undefined, next: undefined, expiresAt: undefined }),
    getRendered: async (key: string) => rendered.get(key),
    putRendered: async (key: string, feed: RenderedFeed) => void rendered.set(key, feed),
    write: async () => void version++,
  } as unknown as ArticleStore);
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
  const r = await compare(
    [
      { name: "Hono prebuilt bytes", run: () => floorApp.request("/feed.xml") },
      { name: "Hono + loadFeed cached", run: () => feedApp.request("/feed.xml") },
      { name: "Hono + loadFeed first render", run: async () => { await store.write({ upserts: [], retractions: [] }); return feedApp.request("/feed.xml"); } },
    ],
    { rounds, isAsync: true },
  );
  return { bytes: prebuilt.body.size, results: r.map(({ times: _t, ...x }) => x) };
}

async function inWorkerd(rounds: number) {
  const bundle = bundleWorker();
  // The floor serves bytes of the same size as the app's feed.
  const mf = await startWorkerd(bundle, "x".repeat(10));
  try {
    const app = await mf.getWorker("app");
    const auth = { Authorization: `Bearer ${INGEST_TOKEN}`, "Content-Type": "text/html; charset=utf-8" };
    for (const a of makeArticles(ARTICLES)) {
      const res = await app.fetch(`${SITE_URL}/api/articles/${a.id}?url=${encodeURIComponent(a.url)}`, { method: "PUT", headers: auth, body: articlePage(a) });
      if (res.status >= 300) throw new Error(`ingest ${a.id}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const first = await app.fetch(FEED);
    const body = await first.text();
    const etag = first.headers.get("ETag")!;
    const items = body.split("<item>").length - 1;
    const floorMf = await startWorkerd(bundle, body); // a second runtime whose floor worker holds the same bytes
    const floor = await floorMf.getWorker("floor");
    const db = await mf.getD1Database("DB", "app");
    const bump = () => db.prepare("UPDATE store_state SET version = version + 1 WHERE singleton = 1").run();
    const get = (init?: { headers: Record<string, string> }) => async () => { const res = await app.fetch(FEED, init); await res.arrayBuffer(); return res.status; };
    try {
      const cases = [
        { name: "floor: Hono prebuilt bytes", run: async () => { const res = await floor.fetch(FEED); await res.arrayBuffer(); } },
        { name: "(floor: Hono, 2-byte body)", run: async () => { const res = await floor.fetch(`${SITE_URL}/tiny`); await res.arrayBuffer(); } },
        { name: "cached 200", run: get() },
        { name: "cached 304", run: get({ headers: { "If-None-Match": etag } }) },
        { name: "first render after change", run: async () => { await bump(); await get()(); } },
        { name: "(version bump alone)", run: async () => { await bump(); } },
      ];
      const wall = await compare(cases, { rounds, batchMs: 150, isAsync: true });
      // CPU of the app's workerd process per request, each case in its own window, repeated.
      // Two runtimes are running (the app's, and the floor's with the same bytes): their CPU is summed.
      const pids = allWorkerds();
      const cpu: Record<string, number[]> = {};
      const N = 200;
      for (let round = 0; round < 5; round++) {
        for (const c of cases) {
          const before = pids.map(cpuMs);
          for (let i = 0; i < N; i++) await c.run();
          const used = pids.map((p, k) => cpuMs(p) - before[k]!).reduce((a, b) => a + b, 0);
          (cpu[c.name] ??= []).push(used / N);
        }
      }
      const cpuPer = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));
      cpuPer["first render after change (net of bump)"] = cpuPer["first render after change"]! - cpuPer["(version bump alone)"]!;
      // The floor sends the same bytes the same way (a Blob), through the same runtime and the same
      // loopback hop: what the cached 200 costs beyond it is the app's own work per request.
      cpuPer["cached 200 (net of the floor)"] = cpuPer["cached 200"]! - cpuPer["floor: Hono prebuilt bytes"]!;
      return { items, bytes: Buffer.byteLength(body), gzip: bundle.gzipBytes, wall: wall.map(({ times: _t, ...x }) => x), cpuMsPerRequest: cpuPer, workerdProcesses: pids.length };
    } finally {
      await floorMf.dispose();
    }
  } finally {
    await mf.dispose();
    removeBundle(bundle);
  }
}

/** Every workerd process this Node process started (one per Miniflare instance). */
function allWorkerds(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === process.pid && stat.includes("(workerd)")) pids.push(Number(entry));
    } catch { /* gone */ }
  }
  return pids;
}

export async function benchServe(rounds = Number(process.env.BENCH_ROUNDS ?? 15)) {
  const node = await inProcess(rounds);
  const w = await inWorkerd(Math.max(5, Math.round(rounds / 2)));
  const nodeBy = Object.fromEntries(node.results.map((x) => [x.name, x]));
  const wBy = Object.fromEntries(w.wall.map((x) => [x.name, x]));
  const rows: string[][] = [
    ...node.results.map((x) => [`node: ${x.name}`, fmtMs(x.medianMs), fmtX(x.ratio), ""]),
    ...w.wall.map((x) => [`workerd: ${x.name}`, fmtMs(x.medianMs), fmtX(x.ratio), w.cpuMsPerRequest[x.name] === undefined ? "" : fmtMs(w.cpuMsPerRequest[x.name]!)]),
    ["workerd: cached 200, net of the floor", "", "", fmtMs(w.cpuMsPerRequest["cached 200 (net of the floor)"]!)],
    ["workerd: first render, net of bump", "", "", fmtMs(w.cpuMsPerRequest["first render after change (net of bump)"]!)],
  ];
  const cachedVsFloor = wBy["cached 200"]!.ratio;
  const cachedCpuNet = w.cpuMsPerRequest["cached 200 (net of the floor)"]!;
  const cachedCpuGross = w.cpuMsPerRequest["cached 200"]!;
  const renderCpu = w.cpuMsPerRequest["first render after change (net of bump)"]!;
  const goals: Goal[] = [
    { goal: "cached feed in process within 1.5x of prebuilt bytes (Hono app.request, in-memory store)", value: `${fmtMs(nodeBy["Hono + loadFeed cached"]!.medianMs)} ms vs ${fmtMs(nodeBy["Hono prebuilt bytes"]!.medianMs)} ms (${fmtX(nodeBy["Hono + loadFeed cached"]!.ratio)})`, met: nodeBy["Hono + loadFeed cached"]!.ratio <= 1.5 },
    { goal: "cached feed through workerd within 1.5x of the Hono prebuilt-bytes worker (wall)", value: fmtX(cachedVsFloor), met: cachedVsFloor <= 1.5 },
    {
      goal: "workerd CPU <= 1 ms per cached feed (workerd process CPU beyond the floor worker sending the same bytes)",
      value: `${fmtMs(cachedCpuNet)} ms (whole process ${fmtMs(cachedCpuGross)} ms, floor ${fmtMs(w.cpuMsPerRequest["floor: Hono prebuilt bytes"]!)} ms, 2-byte response ${fmtMs(w.cpuMsPerRequest["(floor: Hono, 2-byte body)"]!)} ms)`,
      met: cachedCpuNet <= 1,
    },
    { goal: `workerd CPU <= 5 ms per ${ARTICLES}-item render (net of the version bump)`, value: `${fmtMs(renderCpu)} ms`, met: renderCpu <= 5 },
  ];
  const text = `${table(["serve (rss, ?limit=50)", "median ms", "x floor", "workerd CPU ms/req"], rows)}\n(feed: ${w.items} items, ${(w.bytes / 1024).toFixed(0)} KiB; in-process node: ${(node.bytes / 1024).toFixed(0)} KiB)`;
  return { text, goals, data: { node, workerd: w } };
}
