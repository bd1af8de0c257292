/**
 * Extraction quality over ../shared/corpus/readability, in the same run as the timing (`npm run
 * bench:extract`): agreement of title, byline, date and language with each page's expected metadata
 * (Readability's own output; the rules of tests/extract/corpus/agreement.ts, also used by the corpus
 * test), every page carrying a language, the photos found, and body-text agreement with Readability
 * 0.6 on linkedom (word-bag precision, recall and F1 against its text; not the public 181-page
 * benchmark's gold bodies, which are not here). No time is measured here.
 */
import { extractArticle } from "../src/extract/index.ts";
import { bodyOverlap, bylineAgrees, dateAgrees, languageAgrees, titleAgrees } from "../tests/extract/corpus/agreement.ts";
import { CORPUS_URL, type CorpusPage } from "../tests/extract/corpus/load.ts";
import { readabilityText } from "../tests/extract/corpus/readability.ts";
import { table, type Goal } from "./lib.ts";

type Field = "title" | "byline" | "date" | "language";
/** Dev-corpus targets of issue 14. */
const TARGETS: Record<Field, number> = { title: 0.97, byline: 0.85, date: 0.95, language: 1 };
const BODY_F1_TARGET = 0.97;

export function extractQuality(pages: readonly CorpusPage[]) {
  const tally: Record<Field, { agree: number; total: number; misses: string[] }> = {
    title: { agree: 0, total: 0, misses: [] }, byline: { agree: 0, total: 0, misses: [] },
    date: { agree: 0, total: 0, misses: [] }, language: { agree: 0, total: 0, misses: [] },
  };
  let withLanguage = 0;
  let images = 0;
  let withImage = 0;
  let f1Sum = 0;
  let precisionSum = 0;
  let recallSum = 0;
  for (const page of pages) {
    const result = extractArticle(page.bytes, { id: "q", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" });
    if (!result.ok) continue;
    const a = result.article;
    const e = page.expected;
    const check = (field: Field, expected: string | null | undefined, agrees: (expected: string) => boolean) => {
      if (!expected) return;
      tally[field].total++;
      if (agrees(expected)) tally[field].agree++;
      else tally[field].misses.push(page.name);
    };
    check("title", e.title, (x) => titleAgrees(a.title, x));
    check("byline", e.byline, (x) => bylineAgrees(a.authors, x));
    check("date", e.publishedTime, (x) => dateAgrees(a.publishedAt, x));
    check("language", e.lang, (x) => languageAgrees(a.language, x));
    if (a.language) withLanguage++;
    images += a.images.length;
    if (a.images.length) withImage++;
    const overlap = bodyOverlap(a.contentText, readabilityText(page.html));
    const [precision, recall] = [1 - overlap.extra, overlap.coverage];
    precisionSum += precision;
    recallSum += recall;
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const n = pages.length;
  const share = (field: Field) => tally[field].agree / Math.max(1, tally[field].total);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const fields: Field[] = ["title", "byline", "date", "language"];
  const text = table(
    [`extract quality (${n} pages)`, "agree", "of", "share", "target", "misses"],
    [
      ...fields.map((f) => [f, String(tally[f].agree), String(tally[f].total), pct(share(f)), pct(TARGETS[f]), tally[f].misses.join(" ")]),
      ["pages with a language", String(withLanguage), String(n), pct(withLanguage / n), "", ""],
      ["photos found (pages with one)", String(images), `${withImage} pages`, "", "", ""],
      ["body vs Readability: precision / recall / F1", (precisionSum / n).toFixed(3), (recallSum / n).toFixed(3), (f1Sum / n).toFixed(3), BODY_F1_TARGET.toFixed(2), ""],
    ],
  );
  const goals: Goal[] = [
    ...fields.map((f) => ({ goal: `${f} agreement >= ${pct(TARGETS[f])} (dev corpus)`, value: pct(share(f)), met: share(f) >= TARGETS[f] })),
    { goal: "every page carries a language", value: `${withLanguage}/${n}`, met: withLanguage === n },
    { goal: `body F1 against Readability's text >= ${BODY_F1_TARGET}`, value: (f1Sum / n).toFixed(3), met: f1Sum / n >= BODY_F1_TARGET },
  ];
  const data = {
    ...Object.fromEntries(fields.map((f) => [f, { agree: tally[f].agree, total: tally[f].total }])),
    withLanguage, images, withImage, bodyPrecision: precisionSum / n, bodyRecall: recallSum / n, bodyF1: f1Sum / n,
  };
  return { text, goals, data };
}
