import type { Author } from "../model/index.ts";
import { normalizeSpace, plainText } from "./text.ts";

/**
 * Bylines: "By Maria Lopez and Tom Okafor", "BY HAN JEE-HYE [lim.jeongwon@joongang.co.kr]",
 * "BY A, B [a@x.kr]". Korea JoongAng Daily closes every story with the all-caps form and a bracketed
 * contact address; many generic pages use the "By …" form at the top or bottom. Both live here.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Common Korean surnames in romanized spellings (Statistics Korea 2015 census, top ~60 clans, with the
 * usual variant spellings: Lee/Yi/Rhee, Park/Pak, Choi/Choe, Jung/Jeong/Chung…).
 */
const KOREAN_SURNAMES = new Set([
  "kim", "lee", "yi", "rhee", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang", "cho", "jo",
  "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "suh", "shin", "sin", "kwon", "hwang",
  "ahn", "an", "song", "yoo", "yu", "ryu", "hong", "jeon", "chun", "jun", "ko", "go", "moon", "mun", "yang",
  "son", "sohn", "bae", "baek", "paik", "heo", "hur", "nam", "noh", "roh", "ha", "kwak", "sung", "seong",
  "cha", "joo", "ju", "woo", "koo", "ku", "min", "na", "jin", "ji", "eom", "um", "chae", "won", "cheon",
  "bang", "kong", "hyun", "byun", "byeon", "pyo", "yeom", "yeo", "gil", "do", "seok", "bong", "gong", "ma",
  "tak", "ok", "yook", "yuk", "maeng", "je", "ryoo", "yum", "sim", "shim", "wi", "ki", "kee",
]);

/** One romanized Korean syllable (Revised Romanization and McCune–Reischauer spellings, loosely). */
const KOREAN_SYLLABLE = /^(?:[bcdghjkmnprstwy]{0,2}h?)(?:[aeiouwy]{1,3})(?:ng|[klmnpt]|g|b|r)?$/i;

function isKoreanGivenName(word: string): boolean {
  const parts = word.split("-");
  return parts.length === 2 && parts.every((part) => KOREAN_SYLLABLE.test(part));
}

/** "Surname Given-name" or "Given-name Surname" with a common Korean surname. */
function isRomanizedKoreanName(words: readonly string[]): boolean {
  if (words.length !== 2) return false;
  const [first, second] = words as [string, string];
  return (
    (KOREAN_SURNAMES.has(first.toLowerCase()) && isKoreanGivenName(second)) ||
    (KOREAN_SURNAMES.has(second.toLowerCase()) && isKoreanGivenName(first))
  );
}

function capitalize(part: string): string {
  const lower = part.toLowerCase();
  // O'Brien, McDonald: the letter after the prefix is a capital too.
  const prefixed = lower.match(/^(o'|o’|mc)(\p{L}.*)$/u);
  if (prefixed) return capitalize(prefixed[1]!) + capitalize(prefixed[2]!);
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * Name case for a name written in one case ("HAN JEE-HYE", "jean-paul sartre"); mixed-case names are
 * the author's own spelling and are kept. A romanized Korean given name keeps its hyphen with a
 * lower-case second syllable ("Han Jee-hye", "Kim Min-ji": the Revised Romanization convention, cf.
 * the National Institute of Korean Language); other hyphenated names capitalize every part ("Jean-Paul").
 */
export function toNameCase(name: string): string {
  const clean = normalizeSpace(name);
  const hasLower = /\p{Ll}/u.test(clean);
  const hasUpper = /\p{Lu}/u.test(clean);
  if (hasLower && hasUpper) return clean;
  const words = clean.split(" ");
  const korean = isRomanizedKoreanName(words);
  return words
    .map((word) =>
      korean && word.includes("-")
        ? capitalize(word.split("-")[0]!) + "-" + word.split("-").slice(1).join("-").toLowerCase()
        : word.split("-").map(capitalize).join("-"),
    )
    .join(" ");
}

/** A plausible person or desk name: 1-5 words, each starting with a letter, no sentence punctuation. */
function looksLikeName(candidate: string): boolean {
  const words = candidate.split(" ");
  if (words.length < 1 || words.length > 5 || candidate.length > 60) return false;
  // Lower-case connectives such as "van", "de", "bin" are allowed inside a name, not at its start.
  return words.every((word, i) =>
    /^[\p{Lu}][\p{L}'’.-]*$/u.test(word) || (i > 0 && /^(?:van|von|de|del|der|da|di|du|la|le|bin|al)$/.test(word)),
  );
}

/** Byline prefix: "By", "BY", "Written by", "Words by", "Posted by", "Reported by". */
const BYLINE_PREFIX = /^(?:(?:written|words|reporting|reported|story|text|posted)\s+)?by[:\s]\s*/i;

/**
 * What follows the names on a byline line and is not a name: a separator and a desk or date
 * ("By A | Staff", "By JOHN SMITH | May 3, 2025", "By A - Updated 3:46 PM"), or a date run straight on
 * ("By GILLIAN MOHNEY March 11, 2015 3:46 PM"). Everything from there on is dropped.
 */
const AFTER_NAMES = new RegExp(
  [
    "\\s+[|•·]\\s*.*$",
    "\\s+[–—-]\\s+.*$",
    "[,\\s]+(?:published|updated|posted|last updated)\\b.*$",
    "[,\\s]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}\\b.*$",
    // A date run straight on, even without a space or boundary ("Lucas Nolan22 Dec 2016651").
    "[,\\s]*\\d{1,2}\\.?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{4}.*$",
    "[,\\s]+\\d{4}-\\d{2}-\\d{2}\\b.*$",
    "[,\\s]+\\d{1,2}/\\d{1,2}/\\d{2,4}\\b.*$",
  ].join("|"),
  "i",
);

/** A job title or desk after a name ("By Jane Doe, Senior Reporter"): dropped, it is not an author. */
const JOB_TITLE = /\b(?:reporter|editor|correspondent|writer|staff|contributor|columnist|journalist|producer|analyst|critic|photographer|chief|intern|desk|bureau|fellow)s?\b/i;

/**
 * News agencies and wire services that sign stories as organisations. They stay one author, spelled
 * as the agency spells itself (no name case: "AFP", not "Afp"); "and" inside them does not split.
 */
const ORGANISATIONS = new Map(
  [
    "Associated Press", "The Associated Press", "AP", "Reuters", "Thomson Reuters", "AFP", "Agence France-Presse", "Bloomberg",
    "Bloomberg News", "Yonhap", "Yonhap News Agency", "Kyodo", "Kyodo News", "Xinhua", "dpa", "EFE", "ANSA", "PA Media", "UPI",
    "CNN Wire", "Staff and agencies", "Press Association", "Korea JoongAng Daily",
  ].map((name) => [name.toLowerCase(), name]),
);

/** The agency's own spelling when `name` is a known organisation byline, else undefined. */
export function organisationName(name: string): string | undefined {
  return ORGANISATIONS.get(normalizeSpace(name).replace(/^the\s+/i, "").toLowerCase()) ??
    ORGANISATIONS.get(normalizeSpace(name).toLowerCase());
}

/**
 * Parse a byline into authors. Emails found in brackets, parentheses or bare are paired with names by
 * position; with fewer emails than names the first names get them (the JoongAng Daily lists the contact
 * reporter first). Returns [] when the text is not a byline (so prose starting with "By" is rejected).
 */
export function parseByline(text: string, options: { requirePrefix?: boolean } = {}): Author[] {
  const line = normalizeSpace(text);
  const hasPrefix = BYLINE_PREFIX.test(line);
  if (options.requirePrefix && !hasPrefix) return [];
  const emails = line.match(EMAIL) ?? [];
  const namesPart = normalizeSpace(
    line
      .replace(BYLINE_PREFIX, "")
      .replace(EMAIL, "")
      .replace(/[[(<{]\s*[\])>}]/g, "") // the brackets the emails were in
      .replace(/\bmailto:/gi, ""),
  )
    .replace(AFTER_NAMES, "")
    .replace(/[,;|/]\s*$/, "");
  const organisation = organisationName(namesPart);
  if (organisation) return [{ name: organisation }];
  const names = namesPart
    // "A (avec B et C)", "A (with B)": co-authors in brackets; a bracketed middle name stays.
    .replace(/\s*\((?:avec|with|con|com|mit|and)\s+([^()]+)\)/giu, ", $1")
    .split(/\s*(?:,|;|&|\band\b|\bAND\b|\bet\b|\bund\b|\bwith\b)\s*/u)
    .map(normalizeSpace)
    .filter((name, i) => name.length > 0 && !(i > 0 && JOB_TITLE.test(name)));
  if (names.length === 0 || !names.every((name) => looksLikeName(name) || organisationName(name))) return [];
  return names.map((name, i) => {
    const email = emails[i];
    const author = { name: organisationName(name) ?? toNameCase(name) };
    return email ? { ...author, email } : author;
  });
}

/** A standalone byline line ("By …" + names + optional contact), used for body paragraphs. */
export function isBylineLine(text: string): boolean {
  const line = normalizeSpace(text);
  return line.length <= 160 && BYLINE_PREFIX.test(line) && parseByline(line, { requirePrefix: true }).length > 0;
}

/** Author values from metadata: strings ("A and B"), Person objects, or arrays of either. */
export function authorsFromValues(values: readonly unknown[]): Author[] {
  const authors: Author[] = [];
  for (const value of values) {
    if (typeof value === "string") {
      // A name is plain text: markup a CMS left in it ("<b>Ana Ruiz</b>") goes before it is read.
      const plain = plainText(value);
      const parsed = parseByline(plain);
      // A value that is no byline is kept as written when it is short enough to be a name or a desk.
      const usable = !looksLikeUrl(plain) && plain.length <= 80 && plain.split(" ").length <= 8;
      authors.push(...(parsed.length ? parsed : usable ? [{ name: organisationName(plain) ?? toNameCase(plain) }] : []));
    } else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const name = typeof record.name === "string" ? plainText(record.name) : "";
      if (!name) continue;
      // An Organization author is one author, spelled as the organisation spells itself.
      const isOrganisation = /organization|corporation|newsmediaorganization/i.test(String(record["@type"] ?? ""));
      const author: Author = { name: isOrganisation ? name : (organisationName(name) ?? toNameCase(name)) };
      if (typeof record.email === "string" && /^[^@\s]+@[^@\s]+$/.test(record.email.replace(/^mailto:/, "")))
        author.email = record.email.replace(/^mailto:/, "");
      if (typeof record.url === "string" && /^https?:\/\//.test(record.url)) author.url = record.url;
      authors.push(author);
    }
  }
  return dedupeAuthors(authors.filter((a) => a.name.length > 0));
}

function looksLikeUrl(value: string): boolean {
  return /^(?:https?:)?\/\//i.test(value.trim());
}

/** One entry per person: the same name again, or an earlier name followed by more words (a bio line), is dropped. */
function dedupeAuthors(authors: Author[]): Author[] {
  const kept: Author[] = [];
  for (const author of authors) {
    const name = author.name.toLowerCase();
    if (kept.some((k) => name === k.name.toLowerCase() || name.startsWith(`${k.name.toLowerCase()} `))) continue;
    kept.push(author);
  }
  return kept;
}
