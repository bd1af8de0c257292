/** Plain-text helpers shared by the field extractors. No DOM here: strings in, strings out. */

/** The white space normalizeSpace collapses: JavaScript's `\s` (incl. NBSP), plus U+200B. */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether `text` has a character normalizeSpace keeps (normalizeSpace(text) !== ""), without building it. */
export function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** Collapse every run of white space (incl. NBSP) to one space and trim. */
export function normalizeSpace(text: string): string {
  // Already normalized (single spaces between words, none at the ends): returned as it is, no regex.
  const last = text.length - 1;
  let clean = true;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c) && (c !== 32 || i === 0 || i === last || text.charCodeAt(i - 1) === 32)) {
      clean = false;
      break;
    }
  }
  if (clean) return text;
  return text.replace(/[\s\u00a0\u200b]+/g, " ").trim();
}

/** At least one word of two letters in any script: the bar for "usable text". */
export function hasReadableText(text: string): boolean {
  return /\p{L}{2,}/u.test(text);
}

export function countWords(text: string): number {
  // A word is a run of letters/digits (with inner apostrophes or hyphens), so "state-run" is one word
  // and punctuation-only tokens such as "—" are not counted.
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Periods after these tokens do not end a sentence (titles, initialisms, month abbreviations). */
const NON_TERMINAL_ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "gov", "sen", "rep", "lt", "col", "capt",
  "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec",
]);

/** End offsets (exclusive) of sentences in `text`: after . ! ? … (and closing quotes) followed by a space or the end, or after 。！？. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  // Latin-script ends are followed by white space (or end the text); CJK full stops need none.
  const boundary = /[.!?…]["”’)\]]*(?=\s+\S|\s*$)|[。！？]["”’)\]」』]*/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const before = text.slice(0, match.index).match(/([\p{L}.]+)$/u)?.[1] ?? "";
    const isInitialism = /^(?:\p{L}\.)*\p{L}$/u.test(before); // "U.S", "J" in "J. Smith"
    if (match[0].startsWith(".") && (isInitialism || NON_TERMINAL_ABBREVIATIONS.has(before.toLowerCase()))) continue;
    ends.push(match.index + match[0].length);
  }
  return ends;
}

export function firstSentence(text: string): string {
  const end = sentenceEnds(text)[0];
  return end === undefined ? text : text.slice(0, end);
}

/**
 * Cut `text` to at most `max` characters including a trailing "…", at a word boundary, dropping
 * dangling punctuation. Text already short enough is returned unchanged.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1); // one character is reserved for the ellipsis
  const lastSpace = room.lastIndexOf(" ");
  const head = lastSpace > 0 ? room.slice(0, lastSpace) : room;
  return `${head.replace(/[\s,;:–—-]+$/u, "")}…`;
}

/**
 * Cap `text` at `max` characters: keep whole sentences when at least one fits, else cut at a word.
 */
export function capAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const fitting = sentenceEnds(text).filter((end) => end <= max);
  const last = fitting[fitting.length - 1];
  return last !== undefined ? text.slice(0, last) : cutAtWord(text, max);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * Character references left in text that no HTML parser decoded: JSON-LD is script text, and CMSs
 * often HTML-escape the strings they put there ("Privacy &amp; Technology"); partner HTML is tokenized
 * by hand. Numeric references (not surrogates, HTML Standard §13.2.5.80) and the XML five plus &nbsp;
 * only; anything else is left as written. The one entity decoder of the code base.
 */
export function decodeCharacterReferences(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    const code = dec ? Number.parseInt(dec, 10) : hex ? Number.parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    return NAMED_ENTITIES[name!.toLowerCase()] ?? whole;
  });
}

/** Something shaped like an HTML tag: `<b>`, `</small>`, `<img src=x onerror=…>`. */
const TAG_LIKE = /<\/?[A-Za-z][^<>]*>/g;

/**
 * Plain text for a field that must carry no markup (title, author name, section, tag, summary): tags
 * dropped, character references a CMS escaped twice decoded (a field's text never means a literal
 * "&amp;"), tags that decoding revealed dropped too, white space collapsed. A value that is nothing but
 * tag-shaped text ("<none>") is kept as written rather than emptied.
 */
export function plainText(text: string): string {
  const stripped = normalizeSpace(decodeCharacterReferences(text.replace(TAG_LIKE, " ")).replace(TAG_LIKE, " "));
  return stripped === "" ? normalizeSpace(text) : stripped;
}

/**
 * A plain-text description of at least `minLength` characters when the article has that much (partner
 * feeds: Google News, Yahoo and MSN publisher specs ask for plain-text descriptions of a minimum
 * length): the summary when it is long enough, else the body text cut at the first sentence end at or
 * after `minLength` (at most twice that), else at a word boundary with "…". Shorter articles give their
 * whole text (or the summary when that is longer).
 */
export function plainDescription(summary: string, contentText: string, minLength: number): string {
  const cleanSummary = normalizeSpace(summary);
  if (cleanSummary.length >= minLength) return cleanSummary;
  const body = normalizeSpace(contentText);
  if (body.length <= minLength) return body.length > cleanSummary.length ? body : cleanSummary;
  const maxLength = minLength * 2;
  const end = sentenceEnds(body).find((e) => e >= minLength);
  if (end !== undefined && end <= maxLength) return body.slice(0, end).trimEnd();
  if (body.length <= maxLength) return body;
  return cutAtWord(body, maxLength);
}
