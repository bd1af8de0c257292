#!/usr/bin/env node
// Sends every file of articles/ to a running Wirefeed (POST /api/sync): new and changed files are
// ingested, removed ones retracted. `npm start` runs it against wrangler dev; for a deployment:
//   INGEST_TOKEN=... node scripts/sync-articles.mjs --url https://wirefeed.<you>.workers.dev
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
export const ARTICLE_DIR = join(ROOT, "articles");
const ARTICLE_FILE = /\.(html?|md|markdown|txt)$/i;

export async function readArticleFiles(dir = ARTICLE_DIR) {
  const names = (await readdir(dir)).filter((n) => ARTICLE_FILE.test(n) && !n.startsWith(".")).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(join(dir, name), "utf8") })));
}

/** Returns the sync report; throws with the server's problem detail when the request fails. */
export async function syncArticles({ baseUrl, token, dir = ARTICLE_DIR }) {
  const files = await readArticleFiles(dir);
  const response = await fetch(new URL("/api/sync", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ files }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`sync failed: ${response.status} ${body.title ?? ""}: ${body.detail ?? ""}`);
  return body;
}

export function describeReport(report) {
  const lines = [];
  for (const key of ["created", "updated", "unchanged", "retracted"]) {
    if (report[key].length) lines.push(`  ${key}: ${report[key].join(", ")}`);
  }
  for (const failure of report.failed) {
    lines.push(`  FAILED ${failure.name}: ${failure.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  return lines.join("\n") || "  (no article files)";
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const urlFlag = process.argv.indexOf("--url");
  const baseUrl = urlFlag > 0 ? process.argv[urlFlag + 1] : "http://127.0.0.1:8787";
  const token = process.env.INGEST_TOKEN;
  if (!token) {
    console.error("sync-articles: set INGEST_TOKEN to the service's ingest token");
    process.exit(1);
  }
  try {
    const report = await syncArticles({ baseUrl, token });
    console.log(`Synced articles/ with ${baseUrl}:\n${describeReport(report)}`);
    process.exit(report.failed.length ? 1 : 0);
  } catch (error) {
    console.error(`sync-articles: ${error.message}`);
    process.exit(1);
  }
}
