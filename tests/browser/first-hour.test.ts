/**
 * The publisher's first hour, end to end: `npm start` (scripts/start.mjs) on a free loopback port
 * with a fresh local database, then its pages in Debian's chromium at a phone's and a desktop's
 * width. Screenshots go to tests/artifacts/browser/ (git-ignored). Remote photos cannot load here
 * (tests/tools/browser.ts resolves only loopback), as on an offline first start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, inspect, launchBrowser, type Browser } from "../tools/browser.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const ARTIFACTS = join(ROOT, "tests/artifacts/browser");
const STARTUP_MS = 240_000;
const SERVING = /^Wirefeed is serving /;

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

let server: ChildProcess | undefined;
let state: string;
let base: string;
let port: number;
/** Everything npm start printed up to and including its serving line. */
let startLines: string[] = [];
let browser: Browser | undefined;

// Required under CI (.ci/run installs chromium); skipped with the reason on a workstation without it.
const skip = chromiumMissing !== undefined && !process.env["CI"];
if (chromiumMissing && process.env["CI"]) throw new Error(`${chromiumMissing}: CI must run the browser tests`);

beforeAll(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  state = mkdtempSync(join(tmpdir(), "wirefeed-first-hour-"));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // As a publisher runs it: PORT only (no SITE_URL), photos not measured (loopback only in tests).
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MEASURE_IMAGES: "false" };
  delete env["SITE_URL"];
  server = spawn(process.execPath, ["scripts/start.mjs", "--persist-to", state], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const output: string[] = [];
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not say it was serving within ${STARTUP_MS} ms:\n${output.join("\n")}`)), STARTUP_MS);
    const take = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line === "" && output.length === 0) continue;
        output.push(line);
        if (SERVING.test(line)) {
          clearTimeout(timer);
          startLines = [...output];
          done();
        }
      }
    };
    server!.stdout!.on("data", take);
    server!.stderr!.on("data", take);
    server!.on("exit", (code) => fail(new Error(`npm start exited (${code}) before serving:\n${output.join("\n")}`)));
  });
  browser = await launchBrowser();
}, STARTUP_MS + 60_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM"); // the whole group: wrangler and workerd
    } catch {}
  }
  if (state) rmSync(state, { recursive: true, force: true });
});

describe.skipIf(skip)("npm start, first time", () => {
  it("prints at most 40 calm lines up to its serving line, which comes after the first sync", () => {
    expect(startLines.length, startLines.join("\n")).toBeLessThanOrEqual(40);
    const noisy = startLines.filter((line) => /✘|\[ERROR\]|ERROR|stack:|^\s+at |ENOTFOUND|┌|│/.test(line));
    expect(noisy, startLines.join("\n")).toEqual([]);
    expect(startLines.some((line) => /^start: database (ready|up to date)/.test(line))).toBe(true);
    const synced = startLines.findIndex((line) => line.startsWith("start: articles/ synced"));
    expect(synced).toBeGreaterThan(0);
    expect(synced).toBeLessThan(startLines.findIndex((line) => SERVING.test(line)));
  });

  it("serves full feeds at once, naming the port it serves on", async () => {
    const devVars = existsSync(join(ROOT, ".dev.vars")) ? readFileSync(join(ROOT, ".dev.vars"), "utf8") : "";
    const siteUrl = /^SITE_URL=(.*)$/m.exec(devVars)?.[1]?.trim() || `http://localhost:${port}`;
    const feed = await (await fetch(`${base}/feed.xml`, { signal: AbortSignal.timeout(110_000) })).text();
    expect(feed).toContain(`<link>${siteUrl}/</link>`);
    expect(feed.match(/<item>/g)?.length ?? 0).toBeGreaterThanOrEqual(4); // every sample of articles/
  }, 120_000); // a first render on a loaded 2-core machine (the whole suite at once) can take a while
});

const PAGES = [
  ["home", "/"],
  ["article", "/articles/sample-jsonld-newsarticle"],
  ["article-korea", "/articles/000_4c4acd25798775f3"],
  ["tags", "/tags"],
  ["feed-preview", "/sections/culture/feed.xml"],
  ["partner-preview", "/partners/example-portal/feed.xml?key=example-partner-key-change-me"],
  ["not-found", "/no-such-page"],
] as const;

describe.skipIf(skip).each([390, 1280])("pages at %i px in chromium", (width) => {
  it.each(PAGES)("%s (%s): no overflow, articles in the first screen, images with alt and size, no console errors, CSP", async (name, path) => {
    const page = await browser!.context.newPage();
    try {
      const report = await inspect(page, base + path, width, join(ARTIFACTS, `${name}-${width}.png`));
      expect(report.status).toBe(name === "not-found" ? 404 : 200);
      expect(report.csp).toContain("default-src 'none'");
      expect(report.scripts).toBe(0);
      // A 404 page logs its own status as an error; nothing else may.
      const errors = report.errors.filter((e) => !(name === "not-found" && e.includes(`(${base}${path})`)));
      expect(errors).toEqual([]);
      expect(report.overflow.scrollWidth).toBeLessThanOrEqual(report.overflow.innerWidth);
      if (name !== "tags" && name !== "not-found") {
        expect(report.firstArticleTop).toBeDefined();
        expect(report.firstArticleTop!).toBeLessThan(report.innerHeight - 40);
      }
      for (const image of report.images) {
        expect(image.alt, image.src).not.toBe("");
        expect(image.reserved, image.src).toBe(true);
        expect(image.width * image.height, image.src).toBeGreaterThan(0); // the box is there, loaded or not
      }
      if (name === "partner-preview") expect(await page.content()).not.toContain("example-partner-key-change-me");
    } finally {
      await page.close();
    }
  }, 90_000);
});
