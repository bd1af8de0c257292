/**
 * Extract, for `npm run bench`. bench/extract.ts (`npm run bench:extract`, owned by the extraction
 * work) is the reference benchmark; when it exports `benchExtract(rounds)` we call it. Until then this
 * is the same comparison, in one run: per page and round, htmlparser2 parseDocument (the floor),
 * extractArticle and Readability on linkedom, interleaved; medians over pages of the median of rounds.
 */
import { readFileSync } from "node:fs";
import { Readability } from "@mozilla/readability";
import { parseDocument } from "htmlparser2";
import { parseHTML } from "linkedom";
import { extractArticle } from "../src/extract/index.ts";
import { CORPUS_URL, corpusAvailable, loadCorpus } from "../tests/extract/corpus/load.ts";
import { fmtMs, fmtX, median, table, type Goal } from "./lib.ts";

type Summary = { pages: number; floorMs: number; wirefeedMs: number; readabilityMs: number; wirefeedOverFloor: number; readabilityOverWirefeed: number };

async function external(rounds: number): Promise<Summary | undefined> {
  const source = readFileSync(new URL("./extract.ts", import.meta.url), "utf8");
  if (!/export (async )?function benchExtract\b/.test(source)) return undefined;
  const mod = (await import("./extract.ts")) as { benchExtract: (rounds: number) => Promise<Summary> | Summary };
  return mod.benchExtract(rounds);
}

function inRun(rounds: number): Summary {
  const pages = loadCorpus();
  const options = { id: "bench", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" };
  const runners = {
    floor: (p: (typeof pages)[number]) => parseDocument(p.html),
    wirefeed: (p: (typeof pages)[number]) => extractArticle(p.bytes, options),
    readability: (p: (typeof pages)[number]) =>
      new Readability(parseHTML(p.html).document as unknown as ConstructorParameters<typeof Readability>[0]).parse(),
  };
  const names = Object.keys(runners) as (keyof typeof runners)[];
  const perPage: Record<string, number[]> = { floor: [], wirefeed: [], readability: [] };
  for (const page of pages) {
    for (const n of names) runners[n](page); // warm-up
    const t: Record<string, number[]> = { floor: [], wirefeed: [], readability: [] };
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(k + r) % names.length]!;
        const start = performance.now();
        runners[n](page);
        t[n]!.push(performance.now() - start);
      }
    }
    for (const n of names) perPage[n]!.push(median(t[n]!));
  }
  return {
    pages: pages.length,
    floorMs: median(perPage.floor!),
    wirefeedMs: median(perPage.wirefeed!),
    readabilityMs: median(perPage.readability!),
    wirefeedOverFloor: median(perPage.wirefeed!.map((w, i) => w / perPage.floor![i]!)),
    readabilityOverWirefeed: median(perPage.readability!.map((r, i) => r / perPage.wirefeed![i]!)),
  };
}

export async function benchExtractPart(rounds = Number(process.env.BENCH_ROUNDS ?? 7)) {
  if (!corpusAvailable()) return { text: "extract: corpus not found (../shared/corpus/readability), skipped", goals: [], data: { skipped: true } };
  const fromExtractTs = await external(rounds);
  const s = fromExtractTs ?? inRun(rounds);
  const text = table(
    [`extract (${s.pages} pages, median ms/page)`, "median ms", "x floor (median per page)"],
    [
      ["htmlparser2 parseDocument (floor)", fmtMs(s.floorMs), "1.00x"],
      ["wirefeed extractArticle", fmtMs(s.wirefeedMs), fmtX(s.wirefeedOverFloor)],
      ["Readability on linkedom", fmtMs(s.readabilityMs), fmtX(s.readabilityOverWirefeed * s.wirefeedOverFloor)],
    ],
  ) + `\n(source: ${fromExtractTs ? "bench/extract.ts benchExtract()" : "bench/extract-part.ts in-run comparison (bench/extract.ts exports no benchExtract yet)"})`;
  const goals: Goal[] = [
    { goal: "extraction median within 5x of the floor", value: fmtX(s.wirefeedOverFloor), met: s.wirefeedOverFloor <= 5 },
    { goal: "extraction >= 3x faster than Readability", value: fmtX(s.readabilityOverWirefeed), met: s.readabilityOverWirefeed >= 3 },
  ];
  return { text, goals, data: { rounds, source: fromExtractTs ? "bench/extract.ts" : "bench/extract-part.ts", ...s } };
}
