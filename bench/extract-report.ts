/** Development aid: per-page corpus agreement (`npx tsx bench/extract-report.ts [page]`). */
import { extractArticle } from "../src/extract/index.ts";
import { bodyOverlap, bylineAgrees, dateAgrees, languageAgrees, titleAgrees } from "../tests/extract/corpus/agreement.ts";
import { CORPUS_URL, loadCorpus } from "../tests/extract/corpus/load.ts";
import { readabilityText } from "../tests/extract/corpus/readability.ts";

const only = process.argv[2];
const tally: Record<"title" | "byline" | "date" | "lang", [agreeing: number, total: number]> = { title: [0, 0], byline: [0, 0], date: [0, 0], lang: [0, 0] };
let coverageSum = 0;
let extraSum = 0;
let pages = 0;
for (const page of loadCorpus()) {
  if (only && page.name !== only) continue;
  const result = extractArticle(page.bytes, { id: "p", url: CORPUS_URL, now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" });
  if (!result.ok) { console.log(page.name, "FAIL", result.issues); continue; }
  const a = result.article;
  const e = page.expected;
  const marks: string[] = [];
  const check = (key: keyof typeof tally, exp: string | null | undefined, ok: () => boolean, ours: unknown) => {
    if (!exp) return;
    tally[key][1]++;
    if (ok()) tally[key][0]++;
    else marks.push(`${key}: ours=${JSON.stringify(ours)} exp=${JSON.stringify(exp)}`);
  };
  check("title", e.title, () => titleAgrees(a.title, e.title!), a.title);
  check("byline", e.byline, () => bylineAgrees(a.authors, e.byline!), a.authors.map((x) => x.name));
  check("date", e.publishedTime, () => dateAgrees(a.publishedAt, e.publishedTime!), `${a.publishedAt} (${result.sources.publishedAt})`);
  check("lang", e.lang, () => languageAgrees(a.language, e.lang!), a.language);
  const overlap = bodyOverlap(a.contentText, readabilityText(page.html));
  coverageSum += overlap.coverage; extraSum += overlap.extra; pages++;
  console.log(`${page.name.padEnd(30)} cov=${overlap.coverage.toFixed(2)} extra=${overlap.extra.toFixed(2)} words=${overlap.ourWords}/${overlap.theirWords} imgs=${a.images.length} ${marks.join(" | ")}`);
  if (only) console.log(a.contentText.slice(0, 3000), "\n---\n", JSON.stringify(a.images, null, 1), result.sources);
}
for (const [k, [ok, n]] of Object.entries(tally)) console.log(`${k}: ${ok}/${n} = ${((100 * ok) / n).toFixed(1)}%`);
console.log(`body: mean coverage ${(coverageSum / pages).toFixed(3)}, mean extra ${(extraSum / pages).toFixed(3)}`);
