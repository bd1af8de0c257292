#!/usr/bin/env node
// `npm start`: everything a fresh clone needs to serve articles/ locally, with no Cloudflare account.
//  1. .dev.vars from .dev.vars.example when missing (the local INGEST_TOKEN);
//  2. the D1 migrations applied to the local database (.wrangler/state);
//  3. wrangler dev (workerd) on PORT (default 8787);
//  4. articles/ synced into the store once the worker answers, and again whenever the folder changes.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, watch } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTICLE_DIR, describeReport, syncArticles } from "./sync-articles.mjs";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const PORT = process.env.PORT ?? "8787";
const BASE = `http://127.0.0.1:${PORT}`;
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

const devVars = join(ROOT, ".dev.vars");
if (!existsSync(devVars)) {
  copyFileSync(join(ROOT, ".dev.vars.example"), devVars);
  console.log("start: created .dev.vars from .dev.vars.example");
}
const token = /^INGEST_TOKEN=(.*)$/m.exec(readFileSync(devVars, "utf8"))?.[1]?.trim();
if (!token) {
  console.error("start: .dev.vars has no INGEST_TOKEN line; copy it from .dev.vars.example");
  process.exit(1);
}

const migrate = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local"], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
if (migrate.status !== 0) {
  console.error("start: applying the D1 migrations failed (see above)");
  process.exit(1);
}

const dev = spawn(WRANGLER, ["dev", "--port", PORT, "--ip", "127.0.0.1", ...process.argv.slice(2)], {
  cwd: ROOT,
  env,
  stdio: ["inherit", "inherit", "inherit"],
});
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));

async function waitForWorker(deadline = Date.now() + 120_000) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/api/articles/-`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the worker did not answer at ${BASE} within 120 s`);
}

// One sync at a time: an edit saved while a sync runs (photo measuring can take seconds) starts
// one more sync afterwards, so an older sync can never land after a newer one.
let syncing = false;
let pending = false;
async function sync() {
  if (syncing) {
    pending = true;
    return;
  }
  syncing = true;
  try {
    const report = await syncArticles({ baseUrl: BASE, token });
    console.log(`\nstart: articles/ synced\n${describeReport(report)}\n`);
  } catch (error) {
    console.error(`\nstart: ${error.message}\n`);
  } finally {
    syncing = false;
    if (pending) {
      pending = false;
      void sync();
    }
  }
}

await waitForWorker().catch((error) => {
  console.error(`start: ${error.message}`);
  dev.kill();
});
await sync();
console.log(`Wirefeed is serving ${BASE}/ (feeds: /feed.xml /atom.xml /feed.json). Ctrl-C stops it.`);

let timer;
watch(ARTICLE_DIR, () => {
  clearTimeout(timer);
  timer = setTimeout(sync, 300);
});
