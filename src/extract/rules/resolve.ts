import { closestSimple, compileSimple, selectSimple, type SimpleSelector } from "../selectors.ts";
import type { Author, Image } from "../../model/index.ts";
import { authorsFromValues, parseByline } from "../byline.ts";
import type { PreparedContent } from "../content.ts";
import { dateFromUrlPath, latestDateFromPaths, parseDate, sectionFromUrlPath } from "../dates.ts";
import { elementsByTag, textOf, type AnyNode, type CheerioAPI } from "../document.ts";
import { isNonPhotoUrl, isTinyImage } from "../image-filters.ts";
import { imageFromMetadata } from "../images.ts";
import { guessLanguage, normalizeLanguageTag } from "../language.ts";
import { jsonLdValues, type JsonLd, type MetaIndex } from "../metadata.ts";
import { capAtSentence, decodeCharacterReferences, normalizeSpace, plainText } from "../text.ts";
import { stripSiteName, titleFromLede } from "../title.ts";
import { absoluteUrl } from "../urls.ts";
import { sourceLabel, type DerivedSignal, type Rule, type RuleField, type Source } from "./schema.ts";

/** Longest summary taken from the lede (characters), cut at a sentence, else a word, boundary. */
export const SUMMARY_MAX = 300;

/** Where a site's logo or section name sits in an <h1> that is not the story's headline. */
const PAGE_CHROME = "header, nav, aside, footer, [role=banner], [role=navigation], .hidden, .Hidden, [hidden]";

/** Everything the sources read: the parsed page, its metadata, the prepared body and the caller's options. */
export type Signals = {
  $: CheerioAPI;
  /** Elements matching a rule's CSS selector, in document order (see cssIndex). */
  css: (selector: string) => AnyNode[];
  jsonLd: JsonLd;
  meta: MetaIndex;
  content: PreparedContent;
  optionsUrl: string | undefined;
  /** The resolved page URL (canonical or options.url); set once `url` is resolved. */
  pageUrl: string | undefined;
  now: string;
  /** The HTTP Last-Modified of the fetched page, when the caller has one. */
  lastModified?: string;
};

function derivedValues(name: DerivedSignal, field: RuleField, s: Signals): unknown[] {
  switch (name) {
    case "title-tag":
      const title = elementsByTag(s.$, "title")[0];
      return [stripSiteName(title ? textOf(title) : "", [...(s.meta.get("og:site_name") ?? []), ...(s.meta.get("application-name") ?? [])])];
    case "page-h1": {
      const headline = elementsByTag(s.$, "h1").find((el) => !closestSimple(el, PAGE_CHROME) || closestSimple(el, "article, main"));
      return headline ? [normalizeSpace(textOf(headline))] : [];
    }
    case "lede":
      if (!s.content.lede) return [];
      return [field === "title" ? titleFromLede(s.content.lede) : capAtSentence(s.content.lede, SUMMARY_MAX)];
    case "byline-line":
      return s.content.bylineText ? parseByline(s.content.bylineText) : [];
    case "canonical-option":
      return s.optionsUrl ? [s.optionsUrl] : [];
    case "url-path": {
      const date = s.pageUrl ? dateFromUrlPath(s.pageUrl) : undefined;
      return date && Date.parse(date) <= Date.parse(s.now) ? [date] : [];
    }
    case "url-section": {
      const section = s.pageUrl ? sectionFromUrlPath(s.pageUrl) : undefined;
      return section ? [section] : [];
    }
    case "http-last-modified": {
      const date = s.lastModified ? parseDate(s.lastModified) : undefined;
      return date && Date.parse(date) <= Date.parse(s.now) ? [date] : [];
    }
    case "image-path":
      return [latestDateFromPaths(s.content.images.map((image) => image.url), s.now)];
    case "text-script":
      return [guessLanguage(s.content.text)];
  }
}

/**
 * The page's matches for every CSS source of `rules`, found in one query (one walk of the page instead
 * of one per source); each source then filters that short list. Built on first use. Valid only while
 * the page is not edited: the body is prepared on a clone, so it is not.
 */
export type CssIndex = (selector: string) => AnyNode[];

/**
 * The rules' body selectors (`content.selectors`) that compile to simple selectors are indexed in the
 * same walk, so body selection (root.ts) does not walk the page again for them.
 */
export function cssIndex($: CheerioAPI, rules: readonly Rule[]): CssIndex {
  const sources = rules.flatMap((rule) => Object.values(rule.fields).flat()).flatMap((source) => (source?.from === "css" ? [source.selector] : []));
  const bodies = rules.flatMap((rule) => (rule.content?.selectors ?? []).filter((selector) => compileSimple(selector) !== undefined));
  const known = [...new Set([...sources, ...bodies])];
  let index: Map<string, AnyNode[]> | undefined;
  const build = (): Map<string, AnyNode[]> => {
    const compiled = known.map((selector) => [selector, compileSimple(selector)] as const);
    const simple = compiled.filter((entry): entry is readonly [string, SimpleSelector] => entry[1] !== undefined);
    const other = compiled.filter(([, c]) => c === undefined).map(([selector]) => selector);
    const map = new Map<string, AnyNode[]>();
    selectSimple($.root().toArray(), simple.map(([, c]) => c)).forEach((found, i) => map.set(simple[i]![0], found));
    if (other.length) {
      const matched = $(other.join(", "));
      for (const selector of other) map.set(selector, matched.filter(selector).toArray());
    }
    return map;
  };
  return (selector) => {
    index ??= build();
    return index.get(selector) ?? $(selector).toArray();
  };
}

/** Raw values of one source, in document order; transforms applied. */
export function sourceValues(source: Source, field: RuleField, s: Signals): unknown[] {
  let values: unknown[];
  switch (source.from) {
    case "jsonld":
      values = jsonLdValues(s.jsonLd, source.path);
      break;
    case "meta":
      values = [...(s.meta.get(source.key.toLowerCase()) ?? [])];
      break;
    case "css": {
      const matches = s.css(source.selector);
      values = (source.all ? matches : matches.slice(0, 1)).map((el) =>
        source.attr ? s.$(el).attr(source.attr) : normalizeSpace(s.$(el).text()),
      );
      break;
    }
    case "derived":
      values = derivedValues(source.name, field, s);
      break;
  }
  values = values.filter((v) => v !== undefined && v !== null && v !== "");
  if (source.from === "jsonld") values = values.map((v) => (typeof v === "string" ? decodeCharacterReferences(v) : v));
  if ("transform" in source && source.transform === "split-comma") {
    // A ";" that ends a character reference ("editor&#39;s pick") is not a separator.
    values = values.flatMap((v) => (typeof v === "string" ? v.split(/\s*(?:,|;(?<!&(?:#\d+|#x[0-9a-f]+|[a-z]+);))\s*/i) : [v]));
  }
  return values;
}

export type Resolved<T> = { value: T; source: string };

/** Try the field's sources in order; the first whose values `accept` turns into a value wins. */
export function resolveField<T>(
  rule: Rule,
  field: RuleField,
  s: Signals,
  accept: (values: unknown[]) => T | undefined,
): Resolved<T> | undefined {
  for (const source of rule.fields[field] ?? []) {
    const value = accept(sourceValues(source, field, s));
    if (value !== undefined) return { value, source: sourceLabel(source) };
  }
  return undefined;
}

const strings = (values: unknown[]): string[] =>
  values.flatMap((v) => (typeof v === "string" || typeof v === "number" ? [normalizeSpace(String(v))] : [])).filter(Boolean);
/** Text fields (title, subtitle, summary, section, tags) are plain text: no markup, entities decoded once. */
const plainStrings = (values: unknown[]): string[] => strings(values).map(plainText).filter(Boolean);

/** Values CMSs print for an empty field ("nil", "null", "undefined", "none"): never a section or a tag. */
const PLACEHOLDER = /^(?:nil|null|undefined|none|n\/a|-)$/i;
/**
 * Keywords in `name:value` form are CMS flags (Medium's "Lite:true", "LockedPostSource:…"), not
 * tags; a `tag:` or `topic:` prefix names a real tag ("Tag:Nodejs" -> "Nodejs").
 */
const KEYWORD_FLAG = /^([A-Za-z][\w-]*):(\S.*)$/;

function tagOf(keyword: string): string | undefined {
  if (PLACEHOLDER.test(keyword)) return undefined;
  const flag = keyword.match(KEYWORD_FLAG);
  if (!flag) return keyword;
  return /^(?:tag|topic)$/i.test(flag[1]!) ? normalizeSpace(flag[2]!) : undefined;
}

/** Accept functions, one per value shape. */
export const ACCEPT = {
  text: (values: unknown[]): string | undefined => plainStrings(values)[0],
  url: (optionsUrl: string | undefined) => (values: unknown[]): string | undefined =>
    strings(values).map((v) => absoluteUrl(v, optionsUrl)).find((v) => v !== undefined),
  date: (values: unknown[]): string | undefined => strings(values).map(parseDate).find((v) => v !== undefined),
  language: (values: unknown[]): string | undefined => strings(values).map(normalizeLanguageTag).find((v) => v !== undefined),
  authors: (values: unknown[]): Author[] | undefined => {
    const authors = authorsFromValues(values);
    return authors.length ? authors : undefined;
  },
  section: (values: unknown[]): string | undefined => plainStrings(values).find((v) => !PLACEHOLDER.test(v)),
  tags: (values: unknown[]): string[] | undefined => {
    const seen = new Set<string>();
    const tags = plainStrings(values)
      .map(tagOf)
      .filter((tag): tag is string => tag !== undefined && !seen.has(tag.toLowerCase()) && Boolean(seen.add(tag.toLowerCase())));
    return tags.length ? tags : undefined;
  },
  leadImage: (s: Signals) => (values: unknown[]): Image | undefined => {
    const first = (key: string) => s.meta.get(key)?.[0];
    const extra = {
      width: first("og:image:width"),
      height: first("og:image:height"),
      alt: first("og:image:alt") ?? first("twitter:image:alt"),
      type: first("og:image:type"),
    };
    // og:image companions describe the og:image URL only (a JSON-LD URL string is another file, perhaps
    // another rendition); JSON-LD ImageObjects carry their own values. A site's logo or default share
    // picture, or an icon-sized file, is not the story's lead photo.
    const ogImage = first("og:image");
    return values
      .map((v) => imageFromMetadata(v, v === ogImage ? extra : {}, s.pageUrl ?? s.optionsUrl))
      .find((i) => i && !isNonPhotoUrl(i.url) && !isTinyImage(i.width, i.height));
  },
};
