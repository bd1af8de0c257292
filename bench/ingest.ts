/**
 * Ingest CPU bounds (issue 13): extraction of hostile inputs, the shapes that held the CPU for tens of
 * seconds before the pre-pass and the Markdown caps, against a normal ingest measured in the same
 * rounds. Normal: the Readability corpus page of median size (a real news page), else the repo's
 * JSON-LD sample. Extraction is the CPU of an ingest; the D1 write is I/O and the same for every case.
 */
import { readFileSync } from "node:fs";
import { extractArticle } from "../src/extract/index.ts";
import { CORPUS_URL, corpusAvailable, loadCorpus } from "../tests/extract/corpus/load.ts";
import { compare, fmtMs, fmtX, table, type Goal } from "./lib.ts";

const OPTIONS = { id: "bench", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" };
const PROSE = "The council met on Tuesday to discuss the river, the bridge and the market. ".repeat(3);

function normalPage(): { label: string; html: string } {
  if (!corpusAvailable()) return { label: "sample-jsonld-newsarticle.html", html: readFileSync(new URL("../articles/sample-jsonld-newsarticle.html", import.meta.url), "utf8") };
  const pages = loadCorpus().sort((a, b) => a.html.length - b.html.length);
  const page = pages[Math.floor(pages.length / 2)]!;
  return { label: `corpus ${page.name} (${(page.html.length / 1024).toFixed(0)} KB)`, html: page.html };
}

/** Each hostile input at the size the issue reported; every one must stay within 10x of normal. */
const HOSTILE: { name: string; input: string; markdown?: boolean }[] = [
  { name: "3.3 MB nested <div>s (refused)", input: `<html><body>${"<div>".repeat(660_000)}<p>${PROSE}</p>` },
  { name: "24,000 nested <div>s with text (flattened)", input: `<html><body>${"<div>word ".repeat(24_000)}<p>${PROSE}</p>` },
  { name: "600 KB Markdown *a*a… (refused)", input: "*a".repeat(300_000), markdown: true },
  { name: "100,000 nested Markdown > (flattened)", input: `${">".repeat(100_000)} deep\n\n${PROSE}`, markdown: true },
  { name: "200 KB Markdown, most emphasis allowed", input: Array.from({ length: 10 }, () => `${"*a*".repeat(66)} ${PROSE}`).join("\n\n") + `\n\n${`${PROSE}\n\n`.repeat(800)}`, markdown: true },
  { name: "500 lists nested by indentation", input: Array.from({ length: 500 }, (_, i) => `${" ".repeat(2 * i)}- ${PROSE}`).join("\n"), markdown: true },
];

export async function benchIngest(rounds = Number(process.env.BENCH_ROUNDS ?? 7)) {
  const normal = normalPage();
  const extract = (input: string, markdown?: boolean) => () => extractArticle(input, { ...OPTIONS, contentType: markdown ? "text/markdown" : "text/html" });
  const results = await compare(
    [{ name: `normal: ${normal.label}`, run: extract(normal.html) }, ...HOSTILE.map((c) => ({ name: c.name, run: extract(c.input, c.markdown) }))],
    { rounds, batchMs: 50 },
  );
  const worst = results.slice(1).reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const text = table(
    [`ingest CPU: extraction (${rounds} rounds)`, "median ms", "x normal"],
    results.map((r, i) => [r.name, fmtMs(r.medianMs), i === 0 ? "1.00x" : fmtX(r.ratio)]),
  );
  const goals: Goal[] = [{ goal: "worst-case ingest within 10x of a normal one", value: `${fmtX(worst.ratio)} (${worst.name})`, met: worst.ratio <= 10 }];
  return { text, goals, data: { rounds, normal: normal.label, cases: results.map(({ name, medianMs, ratio }) => ({ name, medianMs, ratio })) } };
}
