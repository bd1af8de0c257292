import { cutAtWord, firstSentence, normalizeSpace } from "./text.ts";

/** Longest title taken from a lede sentence, ellipsis included (fits a feed reader's list row). */
export const LEDE_TITLE_MAX = 110;

/** Separators sites put between headline and site name in <title>: "Headline | Site", "Headline - Site". */
const TITLE_SEPARATOR = /\s+[|\-–—:»·]\s+|\s+::\s+/;

/**
 * <title> minus the site name, after Readability's approach: when the site name (og:site_name,
 * application-name) is one of the parts, drop it; otherwise drop the last part if the rest still has
 * at least three words (so "Kim Jong-un - Profile" stays whole but "Story headline here | Site" loses "Site").
 */
export function stripSiteName(title: string, siteNames: readonly string[] = []): string {
  const clean = normalizeSpace(title);
  const parts = clean.split(TITLE_SEPARATOR).map(normalizeSpace).filter(Boolean);
  if (parts.length < 2) return clean;
  const known = new Set(siteNames.map((name) => normalizeSpace(name).toLowerCase()));
  const kept = parts.filter((part) => !known.has(part.toLowerCase()));
  if (kept.length > 0 && kept.length < parts.length) return rejoin(clean, kept);
  const withoutLast = parts.slice(0, -1);
  return withoutLast.join(" ").split(" ").length >= 3 ? rejoin(clean, withoutLast) : clean;
}

/** Rejoin kept parts with the separators they had in the original title. */
function rejoin(original: string, parts: readonly string[]): string {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const start = original.indexOf(first);
  const end = original.lastIndexOf(last) + last.length;
  return start >= 0 && end > start ? original.slice(start, end) : parts.join(" ");
}

/**
 * Last resort for pages without any headline: the lede's first sentence, cut at a word boundary to at
 * most LEDE_TITLE_MAX characters including a trailing "…". A trailing period is dropped (headline style).
 */
export function titleFromLede(lede: string): string | undefined {
  const sentence = normalizeSpace(firstSentence(normalizeSpace(lede)));
  if (!sentence) return undefined;
  const title = cutAtWord(sentence, LEDE_TITLE_MAX);
  return title.endsWith("…") ? title : title.replace(/\.$/, "");
}
