import type { Article } from "../../../src/model/index.ts";

/**
 * How the corpus test decides that our Article agrees with Readability's expected metadata. The
 * expectations are Readability's own output (a regression oracle with known noise), so agreement is
 * deliberately tolerant of form and strict on substance:
 * - text is compared after NFKC, lower case, punctuation and symbols removed, white space collapsed;
 * - title: equal, or one contains the other (Readability often keeps a "| Site" part we strip, or
 *   strips a part we keep) with the shorter at least 3 words or 60% of the longer;
 * - byline: every one of our author names is contained in the expectation with a leading "By"
 *   removed (so "by Lucas Nolan22 Dec 2016651" still agrees with "Lucas Nolan"), or the joined
 *   names contain the expectation;
 * - date: the same calendar day, read in UTC or in the expectation's own local date;
 * - language: the same primary subtag ("en-US" agrees with "en").
 */

export function normalizeForCompare(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}]+/gu, " ").replace(/\s+/g, " ").trim();
}

export function titleAgrees(ours: string, expected: string): boolean {
  const [a, b] = [normalizeForCompare(ours), normalizeForCompare(expected)];
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return longer.includes(shorter) && (shorter.split(" ").length >= 3 || shorter.length >= 0.6 * longer.length);
}

export function bylineAgrees(authors: Article["authors"], expected: string): boolean {
  const theirs = normalizeForCompare(expected).replace(/^by /, "");
  const names = authors.map((a) => normalizeForCompare(a.name)).filter(Boolean);
  if (!names.length || !theirs) return false;
  return names.every((name) => theirs.includes(name)) || names.join(" ").includes(theirs);
}

export function dateAgrees(publishedAt: string, expected: string): boolean {
  const localDay = expected.trim().slice(0, 10);
  const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(expected.trim()) ? expected.trim() : `${expected.trim().replace(" ", "T").slice(0, 19)}Z`);
  const utcDay = Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().slice(0, 10);
  const ours = publishedAt.slice(0, 10);
  return ours === localDay || ours === utcDay;
}

export function languageAgrees(ours: string | undefined, expected: string): boolean {
  return ours !== undefined && ours.split("-")[0]!.toLowerCase() === expected.split(/[-_]/)[0]!.toLowerCase();
}

/** Word tokens for body comparison: letters/digits runs, lower-cased; CJK counted per character. */
export function wordsOf(text: string): string[] {
  return (text.normalize("NFKC").toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Body overlap as multisets of words: `coverage` is the share of Readability's words that our text
 * also has; `extra` is the share of our words that Readability's text does not have (boilerplate we
 * kept, or story text it dropped: the test prints the worst pages so a person can tell which).
 */
export function bodyOverlap(ours: string, theirs: string): { coverage: number; extra: number; ourWords: number; theirWords: number } {
  const count = (words: string[]) => words.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
  const [a, b] = [wordsOf(ours), wordsOf(theirs)];
  const [ca, cb] = [count(a), count(b)];
  let common = 0;
  for (const [word, n] of cb) common += Math.min(n, ca.get(word) ?? 0);
  return {
    coverage: b.length ? common / b.length : 1,
    extra: a.length ? (a.length - common) / a.length : 0,
    ourWords: a.length,
    theirWords: b.length,
  };
}
