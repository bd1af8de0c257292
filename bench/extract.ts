/**
 * `npm run bench:extract`: over the Readability corpus, in one run, median time per page of
 *   floor        htmlparser2 parseDocument (the bare parse cheerio/slim also does)
 *   wirefeed     extractArticle (decode + parse + rules + body), what the API runs
 *   readability  linkedom parseHTML + Readability.parse
 * Goals (issue #3): wirefeed within 5x of the floor, at least 3x faster than Readability. A script, not a
 * test: times are printed, never asserted.
 */
import { Readability } from "@mozilla/readability";
import { parseDocument } from "htmlparser2";
import { parseHTML } from "linkedom";
import { extractArticle } from "../src/extract/index.ts";
import { CORPUS_URL, corpusAvailable, loadCorpus } from "../tests/extract/corpus/load.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (!corpusAvailable()) {
  console.error("bench:extract: corpus not found (../shared/corpus/readability)");
  process.exit(1);
}
const pages = loadCorpus();
const options = { id: "bench", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" };
const runners: Record<string, (page: (typeof pages)[number]) => unknown> = {
  floor: (page) => parseDocument(page.html),
  wirefeed: (page) => extractArticle(page.bytes, options),
  readability: (page) => new Readability(parseHTML(page.html).document as unknown as ConstructorParameters<typeof Readability>[0]).parse(),
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// Per page, the best of ROUNDS runs (after one warm-up); then the median over pages.
const perPage: Record<string, number[]> = { floor: [], wirefeed: [], readability: [] };
for (const page of pages) {
  for (const [name, run] of Object.entries(runners)) {
    run(page);
    let best = Infinity;
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      run(page);
      best = Math.min(best, performance.now() - start);
    }
    perPage[name]!.push(best);
  }
}
const floor = median(perPage.floor!);
const ratios = (name: string) => perPage[name]!.map((t, i) => t / perPage.floor![i]!);
console.log(`${pages.length} pages, best of ${ROUNDS} runs per page\n`);
console.log("runner        median ms   total ms   median x floor");
for (const name of Object.keys(runners)) {
  const times = perPage[name]!;
  console.log(`${name.padEnd(12)} ${median(times).toFixed(2).padStart(10)} ${times.reduce((a, b) => a + b, 0).toFixed(1).padStart(10)} ${median(ratios(name)).toFixed(2).padStart(14)}`);
}
const speedup = median(perPage.readability!.map((t, i) => t / perPage.wirefeed![i]!));
console.log(`\nwirefeed vs floor: ${(median(perPage.wirefeed!) / floor).toFixed(2)}x (goal <= 5x)`);
console.log(`readability / wirefeed (median per page): ${speedup.toFixed(2)}x faster (goal >= 3x)`);
