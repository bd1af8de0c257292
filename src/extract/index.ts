import { ArticleSchema, formatIssues, MAX_AUTHORS, MAX_TAGS, type Article, type DateSource, type Image, type Issue } from "../model/index.ts";
import { EMPTY_CONTENT, prepareContent } from "./content.ts";
import { decodeInput, sniffContentType } from "./decode.ts";
import { parseDate } from "./dates.ts";
import { elementsByTag, loadDocument } from "./document.ts";
import { imageFromMetadata } from "./images.ts";
import { renderMarkdown } from "./markdown.ts";
import { jsonLdValues, readJsonLd, readMetaIndex } from "./metadata.ts";
import { prepassMarkup } from "./prepass.ts";
import { GENERIC_RULE } from "./rules/generic.ts";
import { effectiveRule, findSiteRule, SITE_RULES } from "./rules/registry.ts";
import { ACCEPT, cssIndex, resolveField, type Signals } from "./rules/resolve.ts";
import { countWords, hasReadableText } from "./text.ts";
import { hostOf } from "./urls.ts";

export type ExtractOptions = {
  /** Stable article id (e.g. the file stem), already chosen by the caller. */
  id: string;
  /** Source URL if known: base for relative URLs and canonical fallback. */
  url?: string;
  /** Default: sniff (first non-space character "<" -> HTML, else Markdown). */
  contentType?: "text/html" | "text/markdown";
  /**
   * Charset from the transport (the `charset` parameter of an HTTP Content-Type), e.g. "euc-kr". Wins
   * over <meta charset>; a byte order mark wins over both. Ignored for string input and unknown labels.
   */
  charset?: string;
  /** RFC 3339 UTC ingest time; used only when no date can be found (and to reject future path dates). */
  now: string;
  /** e.g. "http://localhost:8787/articles": the article URL is `${permalinkBase}/${id}` without a canonical URL. */
  permalinkBase: string;
  /** The HTTP Last-Modified of the fetched page (RFC 9110 §8.8.2), a date signal after every one in the page. */
  lastModified?: string;
};

export type ExtractResult =
  | { ok: true; article: Article; sources: Record<string, string> }
  | { ok: false; issues: Issue[] };

export { parseByline, toNameCase } from "./byline.ts";
export { descendantsByTag, type Element } from "./document.ts";
export { sanitizeHtml, type AllowList } from "./sanitize.ts";
export { splitCaptionCredit } from "./captions.ts";
export { latestDateFromPaths, parseDate } from "./dates.ts";
export { markdownToHtml } from "./markdown.ts";
export { mimeTypeFromUrl } from "./mime.ts";
export { stripSiteName, titleFromLede } from "./title.ts";

/**
 * Caps at extraction (README "Extraction"): a page's keyword list is not a tag list when it runs to
 * thousands (one page carried 5,000), and a byline of more names than this is a contributor list.
 * The first ones are kept: pages list the main tags and the lead authors first. The numbers are the
 * Article schema's (model/article.ts), so nothing extraction keeps is refused when stored.
 */
export { MAX_AUTHORS, MAX_TAGS } from "../model/index.ts";

const fail = (path: string, message: string): ExtractResult => ({ ok: false, issues: [{ path, message }] });

/**
 * Article page (HTML or Markdown, bytes or string) -> validated Article. Pure and synchronous:
 * no I/O, no clock, web-standard APIs only (runs in workerd and Node). Expected failures (empty or
 * unreadable input, missing required fields) are `{ ok: false, issues }`, never thrown.
 */
export function extractArticle(input: string | Uint8Array, options: ExtractOptions): ExtractResult {
  const decoded = decodeInput(input, options.charset);
  if (!decoded.ok) return fail("(input)", decoded.reason);
  const contentType = options.contentType ?? sniffContentType(decoded.chunks);
  // CPU bounds before any tree is built (issue 13): Markdown caps, then the markup pre-pass.
  const markdown = contentType === "text/markdown" ? renderMarkdown(decoded.chunks.join("")) : undefined;
  if (markdown && !markdown.ok) return fail("(input)", markdown.reason);
  const bounded = prepassMarkup(markdown ? [`<article>${markdown.html}</article>`] : decoded.chunks);
  if (!bounded.ok) return fail("(input)", bounded.reason);
  const $ = loadDocument(bounded.chunks);
  const jsonLd = readJsonLd($);
  const meta = readMetaIndex($);

  const optionsUrl = options.url;
  const css = cssIndex($, [GENERIC_RULE, ...SITE_RULES]);
  const signals: Signals = { $, css, jsonLd, meta, content: EMPTY_CONTENT, optionsUrl, pageUrl: undefined, now: options.now, lastModified: options.lastModified };
  const generic = effectiveRule(undefined);
  // The canonical URL is read before the site rule is known: it decides which site rule applies.
  const canonical = resolveField(generic, "url", signals, ACCEPT.url(optionsUrl));
  const siteRule = findSiteRule(hostOf(canonical?.value ?? optionsUrl));
  const rule = effectiveRule(siteRule);
  signals.pageUrl = canonical?.value;
  const baseHref = elementsByTag($, "base").find((base) => base.attribs.href !== undefined)?.attribs.href;
  const baseUrl = absoluteBase(baseHref, canonical?.value ?? optionsUrl);

  const sources: Record<string, string> = {};
  const pick = <T>(field: Parameters<typeof resolveField>[1], accept: (values: unknown[]) => T | undefined): T | undefined => {
    const resolved = resolveField(rule, field, signals, accept);
    if (resolved) sources[field] = resolved.source;
    return resolved?.value;
  };
  // The photos metadata names are read before the body, so each body figure of the same photo is
  // written once, with the one URL and size its Image carries (images.ts).
  const leadImage = pick("leadImage", ACCEPT.leadImage(signals));
  signals.content = prepareContent($, {
    siteSelectors: siteRule?.content?.selectors ?? [],
    selectors: GENERIC_RULE.content?.selectors ?? [],
    remove: rule.content?.remove ?? [],
    baseUrl,
    css,
    metadataImages: { lead: leadImage, described: describedImages(signals) },
  });
  if (!hasReadableText(signals.content.text)) return fail("contentText", "no readable text found in the input");

  const url = canonical?.value ?? `${options.permalinkBase.replace(/\/+$/, "")}/${options.id}`;
  sources.url = canonical?.source ?? "permalink";
  const now = parseDate(options.now) ?? options.now;
  let publishedAt = pick("publishedAt", ACCEPT.date);
  if (!publishedAt) [publishedAt, sources.publishedAt] = [now, "ingest-time"];
  let updatedAt = pick("updatedAt", ACCEPT.date);
  // A modification date before publication is a CMS artefact; the schema requires updatedAt >= publishedAt.
  if (!updatedAt || Date.parse(updatedAt) < Date.parse(publishedAt)) [updatedAt, sources.updatedAt] = [publishedAt, "published-at"];

  const candidate = {
    id: options.id,
    url,
    title: pick("title", ACCEPT.text),
    subtitle: pick("subtitle", ACCEPT.text),
    summary: pick("summary", ACCEPT.text) ?? "",
    authors: (pick("authors", ACCEPT.authors) ?? []).slice(0, MAX_AUTHORS),
    publishedAt,
    publishedAtSource: dateSource(sources.publishedAt!),
    updatedAt,
    language: pick("language", ACCEPT.language),
    section: pick("section", ACCEPT.section),
    tags: (pick("tags", ACCEPT.tags) ?? []).slice(0, MAX_TAGS),
    images: signals.content.images,
    contentHtml: signals.content.html,
    contentText: signals.content.text,
    // The story's own words: captions and credits are the photos' text, not the article's length.
    wordCount: countWords(signals.content.prose),
  };
  const parsed = ArticleSchema.safeParse(dropUndefined(candidate));
  return parsed.success ? { ok: true, article: parsed.data, sources } : { ok: false, issues: formatIssues(parsed.error.issues) };
}

/** The model's coarse name for the rule source that gave publishedAt (rules/schema.ts sourceLabel). */
function dateSource(label: string): DateSource {
  if (label.startsWith("jsonld:") || label.startsWith("meta:")) return "metadata";
  if (label.startsWith("css:")) return "page";
  if (label === "url-path") return "url";
  if (label === "image-path") return "photo-path";
  if (label === "http-last-modified") return "http-last-modified";
  return "first-seen";
}

/** Photos the JSON-LD describes (ImageObjects with caption, creditText, size), to complete body figures. */
function describedImages(signals: Signals): Image[] {
  const base = signals.pageUrl ?? signals.optionsUrl;
  return ["image", "associatedMedia"]
    .flatMap((path) => jsonLdValues(signals.jsonLd, path))
    .filter((value) => typeof value === "object" && value !== null)
    .map((value) => imageFromMetadata(value, {}, base))
    .filter((image): image is Image => image !== undefined);
}

/** <base href> resolved against the page URL; a base that is not http(s) is ignored. */
function absoluteBase(baseHref: string | undefined, pageUrl: string | undefined): string | undefined {
  if (!baseHref) return pageUrl;
  try {
    const url = new URL(baseHref, pageUrl);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : pageUrl;
  } catch {
    return pageUrl;
  }
}

/** Optional fields are absent, not `undefined`, so the JSON and the expected fixtures stay tidy. */
function dropUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
