#!/usr/bin/env node
// `npm start`: everything a fresh clone needs to serve articles/ locally, with no Cloudflare account.
//  1. .dev.vars from .dev.vars.example when missing (the local INGEST_TOKEN);
//  2. the D1 migrations applied to the local database (.wrangler/state), summarized in one line;
//  3. wrangler dev (workerd) on PORT (default 8787), with SITE_URL from the environment, else
//     .dev.vars, else http://localhost:PORT, so self links, guids and permalinks name that port;
//  4. articles/ synced into the store once the worker answers, and again whenever the folder
//     changes; "serving" is said only after the first sync, so no feed is seen empty.
// wrangler's output is passed through scripts/start-log.mjs: lines that repeat what is said here
// and workerd's error block per unreachable photo (offline) are left out; see README "Offline".
//   PORT=9000 npm start           SITE_URL=https://news.example npm start
//   npm start -- --persist-to DIR (another local database; other flags go to wrangler dev)
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, watch } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { DevLog, describeMigrations } from "./start-log.mjs";
import { ARTICLE_DIR, describeReport, syncArticles } from "./sync-articles.mjs";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const PORT = process.env.PORT ?? "8787";
const BASE = `http://127.0.0.1:${PORT}`;
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
// No banner per wrangler run, no metrics, and no fetch of the Request.cf placeholder from
// workers.cloudflare.com (offline it fails with an ENOTFOUND stack; Wirefeed never reads request.cf).
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const say = (line) => console.log(`start: ${line}`);

const args = process.argv.slice(2);
const persistAt = args.indexOf("--persist-to");
const persist = persistAt >= 0 ? args.slice(persistAt, persistAt + 2) : [];

const devVars = join(ROOT, ".dev.vars");
if (!existsSync(devVars)) {
  copyFileSync(join(ROOT, ".dev.vars.example"), devVars);
  say("created .dev.vars from .dev.vars.example");
}
const devVarsText = readFileSync(devVars, "utf8");
const token = /^INGEST_TOKEN=(.*)$/m.exec(devVarsText)?.[1]?.trim();
if (!token) {
  console.error("start: .dev.vars has no INGEST_TOKEN line; copy it from .dev.vars.example");
  process.exit(1);
}

// Settings in the environment win over wrangler.toml and .dev.vars (wrangler dev reads neither
// from the environment by itself); SITE_URL otherwise follows PORT unless .dev.vars sets it.
const SETTINGS = ["SITE_TITLE", "SITE_DESCRIPTION", "SITE_URL", "SITE_LANGUAGE", "SITE_LOGO_URL", "WEBSUB_HUB_URL", "MEASURE_IMAGES"];
const vars = Object.fromEntries(SETTINGS.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]]));
const devVarsSiteUrl = /^SITE_URL=(.*)$/m.exec(devVarsText)?.[1]?.trim();
vars.SITE_URL ??= devVarsSiteUrl || `http://localhost:${PORT}`;
const siteUrl = vars.SITE_URL.replace(/\/+$/, "");

/** Runs wrangler quietly; its output is shown only when it fails. */
function wranglerQuiet(wranglerArgs) {
  return new Promise((done) => {
    const child = spawn(WRANGLER, wranglerArgs, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (status) => done({ status, output }));
  });
}

const migrate = await wranglerQuiet(["d1", "migrations", "apply", "DB", "--local", ...persist]);
if (migrate.status !== 0) {
  process.stderr.write(migrate.output);
  console.error("start: applying the D1 migrations failed (see above)");
  process.exit(1);
}
say(describeMigrations(migrate.output));

const devArgs = ["dev", "--port", PORT, "--ip", "127.0.0.1", "--show-interactive-dev-session=false", ...args];
// The cron trigger never fires under wrangler dev; --test-scheduled lets /__scheduled run it by hand
// (and keeps wrangler from printing a warning box about it at every start).
devArgs.push("--test-scheduled");
for (const [key, value] of Object.entries(vars)) devArgs.push("--var", `${key}:${value}`);
const dev = spawn(WRANGLER, devArgs, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
say(`starting wrangler dev (workerd) on ${BASE}, SITE_URL ${siteUrl}`);

const log = new DevLog();
// One sync at a time: an edit saved while a sync runs (photo measuring can take seconds) starts
// one more sync afterwards, so an older sync can never land after a newer one.
let syncing = false;
let pending = false;
let lastOutputAt = Date.now();
for (const [stream, out] of [
  [dev.stdout, process.stdout],
  [dev.stderr, process.stderr],
]) {
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    lastOutputAt = Date.now();
    if (log.show(line)) out.write(`${line}\n`);
    // A straggler after a sync's summary (a slow machine) still gets its one line.
    if (log.photos > 0 && !syncing) {
      clearTimeout(photoTimer);
      photoTimer = setTimeout(sayPhotos, 500);
    }
  });
}
let photoTimer;
function sayPhotos() {
  const photos = log.takePhotoSummary();
  if (photos) say(photos);
}

async function waitForWorker(deadline = Date.now() + 180_000) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/api/articles/-`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the worker did not answer at ${BASE} within 180 s`);
}

/**
 * The worker's log lines about a sync reach us through wrangler after its answer (workerd's output
 * is relayed asynchronously): wait a moment, then until the output has been quiet for a while.
 */
async function settled(atLeastMs = 1000, quietMs = 400, atMostMs = 5000) {
  const started = Date.now();
  const until = started + atMostMs;
  const sleep = () => new Promise((r) => setTimeout(r, 50));
  while (Date.now() < until && (Date.now() - started < atLeastMs || Date.now() - lastOutputAt < quietMs)) await sleep();
}

async function sync() {
  if (syncing) {
    pending = true;
    return;
  }
  syncing = true;
  try {
    const report = await syncArticles({ baseUrl: BASE, token });
    say(`articles/ synced\n${describeReport(report)}`);
  } catch (error) {
    console.error(`start: ${error.message}`);
  } finally {
    await settled();
    sayPhotos();
    syncing = false;
    if (pending) {
      pending = false;
      void sync();
    }
  }
}

try {
  await waitForWorker();
} catch (error) {
  console.error(`start: ${error.message}`);
  dev.kill();
}
await sync();
log.serving = true;
console.log(`Wirefeed is serving ${BASE}/ (feeds: /feed.xml /atom.xml /feed.json). Ctrl-C stops it.`);

let timer;
watch(ARTICLE_DIR, () => {
  clearTimeout(timer);
  timer = setTimeout(sync, 300);
});
