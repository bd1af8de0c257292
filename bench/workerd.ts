/**
 * The Worker as deployed: `wrangler deploy --dry-run` bundles src/index.ts; Miniflare runs the bundle
 * in workerd with a local D1 (migrations applied), next to a tiny Hono worker that returns prebuilt
 * bytes (the floor of a feed response). Also reads workerd's process CPU time from /proc.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { applyMigrations } from "../tests/tools/d1-archive.ts";

const ROOT = new URL("..", import.meta.url).pathname;

export type Bundle = { dir: string; script: string; bytes: number; gzipBytes: number };

/** The deploy bundle, exactly as `wrangler deploy` would upload it (minified per wrangler.toml). */
export function bundleWorker(): Bundle {
  const dir = mkdtempSync(join(tmpdir(), "wirefeed-bundle-"));
  execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", dir], {
    cwd: ROOT, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  const script = join(dir, "index.js");
  const code = readFileSync(script);
  return { dir, script, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * A Hono worker answering every GET with the same prebuilt bytes and the headers a feed carries. The
 * bytes are held as a Blob, as src/http/feed-cache.ts holds them, so that the floor and the app pay
 * the same to send them and the difference is the app's own work. `/tiny` answers two bytes: the
 * runtime's fixed cost per request. `/u8` answers the same bytes from a Uint8Array, which workerd
 * copies per response. `/cache-put` stores the same bytes in the Cache API and answers two bytes:
 * what keeping a new render in the colo's cache costs the local runtime.
 */
async function floorWorkerScript(): Promise<string> {
  const source = `import { Hono } from "hono";
let body;
const app = new Hono();
const headers = (size) => ({ "Content-Type": "application/rss+xml; charset=utf-8", ETag: '"0123456789abcdef0123456789abcdef"',
  "Cache-Control": "public, max-age=300", Vary: "Accept", "Content-Length": String(size) });
app.get("/tiny", () => new Response("ok", { headers: headers(2) }));
let puts = 0;
app.get("/cache-put", async (c) => {
  body ??= new Blob([c.env.BODY]);
  await caches.default.put("https://floor.internal/feed/" + (puts++ % 4), new Response(body, { headers: { "Cache-Control": "max-age=86400" } }));
  return new Response("ok", { headers: headers(2) });
});
let bytes;
app.get("/u8", (c) => {
  bytes ??= new TextEncoder().encode(c.env.BODY);
  return new Response(bytes, { headers: headers(bytes.byteLength) });
});
app.get("*", (c) => {
  body ??= new Blob([c.env.BODY]);
  return new Response(body, { headers: headers(body.size) });
});
export default app;`;
  const out = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: "js" }, bundle: true, format: "esm", minify: true, write: false, platform: "neutral",
    mainFields: ["module", "main"], conditions: ["workerd", "worker", "browser"],
  });
  return out.outputFiles[0]!.text;
}

export const INGEST_TOKEN = "bench-ingest-token";
export const SITE_URL = "http://localhost:8787";

/** `appBindings` are added to (or override) the app's settings, e.g. `{ AUDIENCE_COUNTING: "false" }`. */
export async function startWorkerd(bundle: Bundle, floorBody = "", appBindings: Record<string, string> = {}): Promise<Miniflare> {
  const mf = new Miniflare({
    workers: [
      {
        name: "app", modules: true, modulesRoot: bundle.dir, scriptPath: bundle.script, compatibilityDate: "2026-04-20", d1Databases: ["DB"],
        bindings: {
          INGEST_TOKEN, SITE_TITLE: "Wirefeed", SITE_DESCRIPTION: "News from the Wirefeed syndication service", SITE_URL,
          SITE_LANGUAGE: "en", SITE_LOGO_URL: "", WEBSUB_HUB_URL: "", MEASURE_IMAGES: "false", ...appBindings,
        },
      },
      { name: "floor", modules: true, script: await floorWorkerScript(), compatibilityDate: "2026-04-20", bindings: { BODY: floorBody } },
    ],
  });
  await mf.ready;
  await applyMigrations(await mf.getD1Database("DB", "app"));
  return mf;
}

/** Every workerd process this Node process started (one per Miniflare instance). */
export function allWorkerds(): number[] {
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

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** user + system CPU milliseconds the process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export function removeBundle(bundle: Bundle): void {
  rmSync(bundle.dir, { recursive: true, force: true });
}
