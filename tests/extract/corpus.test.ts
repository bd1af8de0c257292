import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";
import { bodyOverlap, bylineAgrees, dateAgrees, languageAgrees, titleAgrees } from "./corpus/agreement.ts";
import { CORPUS_DIR, CORPUS_URL, corpusAvailable, loadCorpus } from "./corpus/load.ts";
import { readabilityText } from "./corpus/readability.ts";
import { shouldUpdate } from "../tools/golden.ts";

/**
 * The extractor over Mozilla Readability's 40 saved pages (outside the repo, see corpus/load.ts).
 * Agreement rules are in corpus/agreement.ts. The floor (corpus-floor.json) only rises: raise it
 * with UPDATE_CORPUS_FLOOR=1 (refused under CI) after an improvement, never lower it.
 */
const FLOOR_PATH = join(import.meta.dirname, "corpus-floor.json");
type Floor = { title: number; byline: number; date: number; language: number; bodyCoverage: number; bodyExtraMax: number };
const floor = JSON.parse(readFileSync(FLOOR_PATH, "utf8")) as Floor;
const available = corpusAvailable();
if (!available && process.env.CI) throw new Error(`corpus missing at ${CORPUS_DIR}: CI must run the corpus test`);
if (!available) console.warn(`corpus test skipped: ${CORPUS_DIR} not found`);

describe.skipIf(!available)("Readability corpus", { timeout: 120_000 }, () => {
  it("agrees with Readability's metadata and covers its body text, at or above the floor", () => {
    const tally = { title: [0, 0], byline: [0, 0], date: [0, 0], language: [0, 0] } as Record<string, [number, number]>;
    const misses: string[] = [];
    let coverage = 0;
    let extra = 0;
    const pages = loadCorpus();
    for (const page of pages) {
      const result = extractArticle(page.bytes, { id: "page", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" });
      expect(result.ok, `${page.name}: ${JSON.stringify(!result.ok && result.issues)}`).toBe(true);
      if (!result.ok) continue;
      const { article } = result;
      expect(article.contentHtml, `${page.name} has paragraphs`).toMatch(/<p>/);
      expect(article.contentHtml, `${page.name} has no script element`).not.toMatch(/<script/i);
      const text = article.contentText.replace(/\s+/g, " ");
      for (const code of scriptSnippets(page.html)) expect(text.includes(code), `${page.name} leaks script text ${JSON.stringify(code)}`).toBe(false);
      const e = page.expected;
      const checks: [string, string | null | undefined, (x: string) => boolean][] = [
        ["title", e.title, (x) => titleAgrees(article.title, x)],
        ["byline", e.byline, (x) => bylineAgrees(article.authors, x)],
        ["date", e.publishedTime, (x) => dateAgrees(article.publishedAt, x)],
        ["language", e.lang, (x) => languageAgrees(article.language, x)],
      ];
      for (const [field, expected, agrees] of checks) {
        if (!expected) continue;
        tally[field]![1]++;
        if (agrees(expected)) tally[field]![0]++;
        else misses.push(`${page.name}.${field}: expected ${JSON.stringify(expected)}`);
      }
      const overlap = bodyOverlap(article.contentText, readabilityText(page.html));
      coverage += overlap.coverage / pages.length;
      extra += overlap.extra / pages.length;
    }
    const share = (field: string) => tally[field]![0] / tally[field]![1];
    const measured: Floor = {
      title: share("title"), byline: share("byline"), date: share("date"), language: share("language"),
      bodyCoverage: coverage, bodyExtraMax: extra,
    };
    console.log(`corpus agreement over ${pages.length} pages:`, Object.fromEntries(Object.entries(tally).map(([k, [ok, n]]) => [k, `${ok}/${n}`])),
      `body coverage ${coverage.toFixed(3)}, extra ${extra.toFixed(3)}`, "\nmisses:", misses);
    if (shouldUpdate("UPDATE_CORPUS_FLOOR")) {
      const rounded = (x: number, up = false) => (up ? Math.ceil(x * 100) : Math.floor(x * 100)) / 100;
      const raised: Floor = {
        title: Math.max(floor.title, rounded(measured.title)), byline: Math.max(floor.byline, rounded(measured.byline)),
        date: Math.max(floor.date, rounded(measured.date)), language: Math.max(floor.language, rounded(measured.language)),
        bodyCoverage: Math.max(floor.bodyCoverage, rounded(measured.bodyCoverage)),
        bodyExtraMax: Math.min(floor.bodyExtraMax, rounded(measured.bodyExtraMax, true)),
      };
      writeFileSync(FLOOR_PATH, `${JSON.stringify(raised, null, 2)}\n`);
    }
    // The minimums hold whatever the floor file says.
    expect(measured.title).toBeGreaterThanOrEqual(Math.max(0.9, floor.title));
    expect(measured.language).toBeGreaterThanOrEqual(Math.max(0.95, floor.language));
    expect(measured.byline).toBeGreaterThanOrEqual(Math.max(0.8, floor.byline));
    expect(measured.date).toBeGreaterThanOrEqual(Math.max(0.8, floor.date));
    expect(measured.bodyCoverage).toBeGreaterThanOrEqual(floor.bodyCoverage);
    expect(measured.bodyExtraMax).toBeLessThanOrEqual(floor.bodyExtraMax);
  });
});

/** A 60-character piece from the middle of every inline (non-JSON) script of the page, white space collapsed. */
function scriptSnippets(html: string): string[] {
  const snippets: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*(?:json|template))[^>]*>([\s\S]*?)<\/script>/gi)) {
    const code = match[1]!.replace(/\s+/g, " ").trim();
    const piece = code.slice(Math.floor(code.length / 2) - 30, Math.floor(code.length / 2) + 30);
    // Only pieces that read as code: scripts that embed the article as JSON share its prose.
    if (code.length >= 120 && /[{};=]/.test(piece)) snippets.push(piece);
  }
  return snippets;
}
