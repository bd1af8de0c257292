/**
 * Node-side help for tests/worker/clean-feeds.test.ts, which runs in workerd: workerd can read no
 * file and run no process, so this loopback server hands it the corpus pages and reads the feeds it
 * rendered with python3-feedparser. Started by the worker project's globalSetup.
 *
 * Routes:
 *   GET  /corpus                  { dir, names, missing? }: the pages of ../shared/corpus/readability
 *   GET  /corpus/<name>           that page's source.html, as bytes
 *   POST /feedparser              body { feeds: [{ name, body }] } -> one read_feed.py result per feed
 *                                 (null when feedparser is missing). With FEEDS_OUT set, every feed is
 *                                 also kept in that folder, for running the W3C validator by hand.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** CI has shared/ beside the clone (as tests/extract/corpus/load.ts reads it). */
export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus/readability", import.meta.url));
const PYTHON = process.env["FEEDPARSER_PYTHON"] ?? "/usr/bin/python3";
const READ_FEED = fileURLToPath(new URL("./read_feed.py", import.meta.url));

function corpusNames(): { names: string[]; missing?: string } {
  if (!existsSync(CORPUS_DIR)) return { names: [], missing: `${CORPUS_DIR} does not exist` };
  const names = readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS_DIR, entry.name, "source.html")))
    .map((entry) => entry.name)
    .sort();
  return names.length > 0 ? { names } : { names, missing: `${CORPUS_DIR} holds no <name>/source.html` };
}

function readFeeds(feeds: { name: string; body: string }[]): unknown[] | null {
  const probe = spawnSync(PYTHON, ["-c", "import feedparser"]);
  if (probe.status !== 0) return null;
  const keep = process.env["FEEDS_OUT"];
  const dir = keep ?? mkdtempSync(join(tmpdir(), "wirefeed-corpus-feeds-"));
  try {
    mkdirSync(dir, { recursive: true });
    const paths = feeds.map(({ name, body }) => {
      // Names come from our own test ("site~rss.xml"); anything else is refused, not written.
      if (!/^[\w.~-]+$/.test(name)) throw new Error(`bad feed name ${JSON.stringify(name)}`);
      const path = join(dir, name);
      writeFileSync(path, body, "utf8");
      return path;
    });
    const out = execFileSync(PYTHON, [READ_FEED, "--each", ...paths], { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
    return JSON.parse(out) as unknown[];
  } finally {
    if (keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://corpus");
  const json = (value: unknown) => response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(value));
  if (request.method === "GET" && url.pathname === "/corpus") return void json({ dir: CORPUS_DIR, ...corpusNames() });
  const page = /^\/corpus\/([\w.-]+)$/.exec(url.pathname);
  if (request.method === "GET" && page && corpusNames().names.includes(page[1]!)) {
    return void response.writeHead(200, { "Content-Type": "application/octet-stream" }).end(readFileSync(join(CORPUS_DIR, page[1]!, "source.html")));
  }
  if (request.method === "POST" && url.pathname === "/feedparser") {
    const { feeds } = JSON.parse(await readBody(request)) as { feeds: { name: string; body: string }[] };
    return void json(readFeeds(feeds));
  }
  response.writeHead(404).end();
}

export async function startCorpusServer(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      response.writeHead(500, { "Content-Type": "text/plain" }).end(String(error instanceof Error ? error.stack : error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
