/**
 * Extract: parse+extract over ../shared/corpus/readability against htmlparser2's bare parseDocument
 * (the floor) and Readability on linkedom, each given the same decoded page, in one run: per page, a warm-up, then `rounds` interleaved
 * rounds of the three. Two statistics per page, both reported: the median of the rounds (what a page
 * usually costs, garbage collection included) and the best round (the least disturbed cost); then
 * the median over pages. The goals are judged on the median, the more conservative of the two.
 * `npm run bench:extract` runs this part alone.
 */
import { Readability } from "@mozilla/readability";
import { parseDocument } from "htmlparser2";
import { parseHTML } from "linkedom";
import { extractArticle } from "../src/extract/index.ts";
import { CORPUS_URL, corpusAvailable, loadCorpus } from "../tests/extract/corpus/load.ts";
import { extractQuality } from "./extract-quality.ts";
import { fmtMs, fmtX, median, table, type Goal } from "./lib.ts";

type Runner = "floor" | "wirefeed" | "readability";
type Stat = "median" | "best";
const RUNNERS: Runner[] = ["floor", "wirefeed", "readability"];

function measure(rounds: number) {
  const pages = loadCorpus();
  const options = { id: "bench", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" };
  const run: Record<Runner, (page: (typeof pages)[number]) => unknown> = {
    floor: (page) => parseDocument(page.html),
    // The same input for all three: the decoded page. (extractArticle also takes bytes and decodes
    // them; the others cannot, so that step is left out of the comparison.)
    wirefeed: (page) => extractArticle(page.html, { ...options, contentType: "text/html" }),
    readability: (page) => new Readability(parseHTML(page.html).document as unknown as ConstructorParameters<typeof Readability>[0]).parse(),
  };
  const perPage: Record<Stat, Record<Runner, number[]>> = {
    median: { floor: [], wirefeed: [], readability: [] },
    best: { floor: [], wirefeed: [], readability: [] },
  };
  for (const page of pages) {
    for (const name of RUNNERS) run[name](page); // warm-up
    const times: Record<Runner, number[]> = { floor: [], wirefeed: [], readability: [] };
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < RUNNERS.length; k++) {
        const name = RUNNERS[(k + r) % RUNNERS.length]!; // rotate the order: no runner always goes first
        const start = performance.now();
        run[name](page);
        times[name].push(performance.now() - start);
      }
    }
    for (const name of RUNNERS) {
      perPage.median[name].push(median(times[name]));
      perPage.best[name].push(Math.min(...times[name]));
    }
  }
  const summary = (stat: Stat) => {
    const t = perPage[stat];
    return {
      floorMs: median(t.floor),
      wirefeedMs: median(t.wirefeed),
      readabilityMs: median(t.readability),
      wirefeedOverFloor: median(t.wirefeed.map((w, i) => w / t.floor[i]!)),
      readabilityOverWirefeed: median(t.readability.map((r, i) => r / t.wirefeed[i]!)),
    };
  };
  return { pages: pages.length, median: summary("median"), best: summary("best") };
}

export async function benchExtractPart(rounds = Number(process.env.BENCH_ROUNDS ?? 7)) {
  if (!corpusAvailable()) return { text: "extract: corpus not found (../shared/corpus/readability), skipped", goals: [], data: { skipped: true } };
  const s = measure(rounds);
  const row = (label: string, stat: "median" | "best") => {
    const x = s[stat];
    return [label, fmtMs(x.floorMs), fmtMs(x.wirefeedMs), fmtMs(x.readabilityMs), fmtX(x.wirefeedOverFloor), fmtX(x.readabilityOverWirefeed)];
  };
  const text = table(
    [`extract (${s.pages} pages, ${rounds} rounds)`, "floor ms", "wirefeed ms", "readability ms", "wirefeed/floor", "readability/wirefeed"],
    [row("median of rounds", "median"), row("best round", "best")],
  );
  const goals: Goal[] = [
    { goal: "extraction median within 5x of the floor", value: fmtX(s.median.wirefeedOverFloor), met: s.median.wirefeedOverFloor <= 5 },
    { goal: "extraction >= 3x faster than Readability", value: `${fmtX(s.median.readabilityOverWirefeed)} (best round: ${fmtX(s.best.readabilityOverWirefeed)})`, met: s.median.readabilityOverWirefeed >= 3 },
  ];
  const quality = extractQuality(loadCorpus());
  return { text: `${text}\n${quality.text}`, goals: [...goals, ...quality.goals], data: { rounds, ...s, quality: quality.data } };
}
