/**
 * Plain text for partners whose specs forbid markup in titles and descriptions (Google News,
 * Yahoo and MSN publisher feed specs: titles and descriptions are plain text).
 */

const TAG_LIKE = /<\/?[A-Za-z][^<>]*>/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#\d{1,7}|[a-z]+);/g;

/** Decodes numeric and the basic named character references; others are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

const normalizeSpace = (text: string) => text.replace(/\s+/g, " ").trim();

/** A title with no markup: tags some CMSs leave in headlines (`<em>`, `<br>`) and entities resolved. */
export function plainTitle(title: string): string {
  const stripped = normalizeSpace(decodeEntities(title.replace(TAG_LIKE, " ")).replace(TAG_LIKE, " "));
  return stripped === "" ? normalizeSpace(title) : stripped;
}

// A sentence ends at . ! ? (or their CJK forms), optionally followed by a closing quote or bracket.
const SENTENCE_END = /[.!?。！？]["'”’)\]]?(?=\s|$)/g;

/**
 * A plain-text description of at least `minLength` characters when the article has that much: the
 * summary when it is long enough, else the body text cut at the first sentence end at or after
 * `minLength` (at most twice that), else at a word boundary with "…". Shorter articles give their
 * whole text (or the summary when that is longer).
 */
export function plainDescription(summary: string, contentText: string, minLength: number): string {
  const cleanSummary = normalizeSpace(summary);
  if (cleanSummary.length >= minLength) return cleanSummary;
  const body = normalizeSpace(contentText);
  if (body.length <= minLength) return body.length > cleanSummary.length ? body : cleanSummary;
  const maxLength = minLength * 2;
  for (const match of body.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end >= minLength && end <= maxLength) return body.slice(0, end);
    if (end > maxLength) break;
  }
  if (body.length <= maxLength) return body;
  const space = body.lastIndexOf(" ", maxLength - 1);
  const cut = space >= minLength ? space : maxLength - 1;
  return body.slice(0, cut).replace(/[\s,;:]+$/, "") + "…";
}
