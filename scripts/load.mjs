#!/usr/bin/env node
// Load test: drives feeds and ingest at once against a local worker (wrangler dev on 127.0.0.1 with
// a fresh local D1), then checks that nothing failed and every acknowledged ingest is there.
//   node scripts/load.mjs [--seconds 60] [--concurrency 8] [--max-requests 20000]
// Loopback only; bounded by time and request count; exits 1 when a check fails.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readArticleFiles } from "./sync-articles.mjs";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 60);
const CONCURRENCY = arg("concurrency", 8);
const MAX_REQUESTS = arg("max-requests", 20_000);
const TOKEN = "load-test-token";

const freePort = () =>
  new Promise((ok) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });

const state = mkdtempSync(join(tmpdir(), "wirefeed-load-"));
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const migrate = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
if (migrate.status !== 0) throw new Error("migrations failed");
const port = await freePort();
const BASE = `http://127.0.0.1:${port}`;
const dev = spawn(
  WRANGLER,
  ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, "--var", `INGEST_TOKEN:${TOKEN}`, "--var", "MEASURE_IMAGES:false", "--var", `SITE_URL:${BASE}`],
  { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], detached: true },
);
const stop = () => {
  try {
    process.kill(-dev.pid, "SIGTERM");
  } catch {}
  rmSync(state, { recursive: true, force: true });
};
process.on("exit", stop);

for (let i = 0; ; i++) {
  try {
    await (await fetch(`${BASE}/feed.xml`, { signal: AbortSignal.timeout(2000) })).arrayBuffer();
    break;
  } catch {
    if (i > 240) throw new Error("the worker did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Seed with articles/ so feeds have content, then run the mix until time or requests run out.
const files = await readArticleFiles();
const seeded = await fetch(`${BASE}/api/sync`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ files }) });
if (!seeded.ok) throw new Error(`seeding failed: ${seeded.status}`);

const FEEDS = ["/feed.xml", "/atom.xml", "/feed.json", "/feed.xml?limit=5", "/sections/culture/atom.xml", "/"];
const page = (n) =>
  `<!doctype html><html lang="en"><head><title>Load story ${n}</title><link rel="canonical" href="https://load.example/${n}">
<meta property="article:section" content="Load"></head><body><article><h1>Load story ${n}</h1>
<p>Paragraph one of load story ${n}, written to exercise the ingest path under concurrency.</p><p>Paragraph two.</p></article></body></html>`;

const latencies = { feed: [], conditional: [], ingest: [] };
const statuses = {};
const acknowledged = [];
const etags = new Map();
let sent = 0;
let unexpected = 0;
const deadline = Date.now() + SECONDS * 1000;

async function one(n) {
  const roll = n % 10;
  const started = performance.now();
  let kind;
  let response;
  if (roll < 2) {
    kind = "ingest";
    response = await fetch(`${BASE}/api/articles`, { method: "POST", headers: { "Content-Type": "text/html", Authorization: `Bearer ${TOKEN}` }, body: page(n) });
    if (response.status === 201 || response.status === 200) acknowledged.push((await response.json()).id);
    else await response.arrayBuffer();
  } else {
    const path = FEEDS[n % FEEDS.length];
    const etag = roll < 5 ? etags.get(path) : undefined;
    kind = etag ? "conditional" : "feed";
    response = await fetch(BASE + path, { headers: etag ? { "If-None-Match": etag } : {} });
    if (response.headers.get("ETag")) etags.set(path, response.headers.get("ETag"));
    await response.arrayBuffer();
    if (![200, 304].includes(response.status)) unexpected++;
  }
  latencies[kind].push(performance.now() - started);
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  if (kind === "ingest" && ![200, 201].includes(response.status)) unexpected++;
}

await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < deadline && sent < MAX_REQUESTS) await one(sent++);
  }),
);

// Every acknowledged ingest must be there afterwards, and in the feed of its section.
let missing = 0;
for (const id of acknowledged) {
  const response = await fetch(`${BASE}/api/articles/${id}`);
  await response.arrayBuffer();
  if (response.status !== 200) missing++;
}
const inSection = (await (await fetch(`${BASE}/sections/load/feed.json?limit=100`)).json()).items.length;

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1) : "-";
};
console.log(`load: ${sent} requests in ${SECONDS} s, concurrency ${CONCURRENCY}, statuses ${JSON.stringify(statuses)}`);
console.log("kind          count   p50 ms   p99 ms");
for (const [kind, values] of Object.entries(latencies)) {
  console.log(`${kind.padEnd(12)} ${String(values.length).padStart(6)} ${pct(values, 50).padStart(8)} ${pct(values, 99).padStart(8)}`);
}
const fivexx = Object.entries(statuses).filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
console.log(`acknowledged ingests: ${acknowledged.length}, missing afterwards: ${missing}, in the section feed: ${Math.min(inSection, 100)} (first page)`);
// The section feed's first page (at most 100 items) must hold as many as were acknowledged.
const sectionShort = Math.min(acknowledged.length, 100) - inSection;
const ok = fivexx === 0 && unexpected === 0 && missing === 0 && sectionShort === 0 && acknowledged.length > 0;
console.log(ok ? "load: 1 passed, 0 failed" : `load: 0 passed, 1 failed (5xx ${fivexx}, unexpected ${unexpected}, missing ${missing}, absent from the section feed ${sectionShort})`);
stop();
process.exit(ok ? 0 : 1);
