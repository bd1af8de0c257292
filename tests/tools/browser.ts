/**
 * Debian's chromium driven by playwright-core, for the page tests (tests/browser/). Loopback only:
 * every other host resolves to nothing (--host-resolver-rules), so remote photos fail to load as
 * they do offline, and the pages must still look right.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export type Browser = { context: BrowserContext; close(): Promise<void> };

/** A fresh profile (user-data-dir) per run, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "wirefeed-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 120_000 });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type PageReport = {
  status: number;
  csp: string;
  /** Console errors and page errors, except remote resources that failed to load (blocked on purpose). */
  errors: string[];
  overflow: { scrollWidth: number; innerWidth: number };
  /** Top of the first article headline, and the viewport's height. */
  firstArticleTop: number | undefined;
  innerHeight: number;
  images: { src: string; alt: string; width: number; height: number; reserved: boolean }[];
  scripts: number;
};

const isLoopback = (url: string) => /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);

/** Opens `url` at `width` px, waits until it settles, and measures what the page tests check. */
export async function inspect(page: Page, url: string, width: number, screenshot?: string): Promise<PageReport> {
  await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
  const errors: string[] = [];
  const onConsole = (message: { type(): string; text(): string; location(): { url: string } }) => {
    if (message.type() !== "error") return;
    const from = message.location().url;
    if (/^Failed to load resource/.test(message.text()) && from && !isLoopback(from)) return;
    errors.push(`${message.text()} (${from})`);
  };
  const onPageError = (error: Error) => errors.push(`page error: ${error.message}`);
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    // A string, not a function: this program's types are the Workers' and Node's, not the DOM's.
    const measured = (await page.evaluate(`(() => {
      const first = document.querySelector(".card h3 a, article h1");
      return {
        overflow: { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth },
        firstArticleTop: first ? first.getBoundingClientRect().top : undefined,
        innerHeight: window.innerHeight,
        images: [...document.images].map((img) => {
          const box = img.getBoundingClientRect();
          const sized = img.hasAttribute("width") && img.hasAttribute("height");
          return { src: img.src, alt: img.getAttribute("alt") ?? "", width: box.width, height: box.height, reserved: sized || getComputedStyle(img).aspectRatio !== "auto" };
        }),
        scripts: document.scripts.length,
      };
    })()`)) as Omit<PageReport, "status" | "csp" | "errors">;
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { status: response?.status() ?? 0, csp: (await response?.allHeaders())?.["content-security-policy"] ?? "", errors, ...measured };
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
  }
}
