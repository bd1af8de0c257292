import type { Image } from "../model/index.ts";
import { isBylineLine } from "./byline.ts";
import type { Cheerio, CheerioAPI, Element } from "./document.ts";
import { collectBodyImages } from "./images.ts";
import { sanitizeContent } from "./sanitize.ts";
import { normalizeSpace } from "./text.ts";

/**
 * The article body: select its root, work on a clone (the page itself stays intact for the metadata
 * rules), remove boilerplate and the byline/dateline lines, normalize figures, then serialize through
 * the allow-list sanitizer with absolute URLs.
 */

/** Body candidates, most specific first; `body` is the last resort. */
export const CONTENT_SELECTORS: readonly string[] = [
  '[itemprop="articleBody"]',
  "article .article-body", ".article-body", ".article-content", ".story-body", ".entry-content", ".post-content",
  "article", "main", '[role="main"]', "#content", "body",
];

/** Never part of the story: navigation, sharing, ads, comments, page chrome, and the headline itself. */
export const BOILERPLATE_SELECTORS: readonly string[] = [
  "script", "style", "noscript", "template", "iframe", "form", "button", "nav", "aside", "footer", "header", "h1",
  '[role="navigation"]', '[role="complementary"]', '[role="banner"]', '[role="contentinfo"]', '[aria-hidden="true"]',
  "[hidden]", ".share", ".sharing", ".social", ".related", ".advert", ".ad", ".ads", ".newsletter", ".comments",
  "#comments", ".breadcrumb", ".breadcrumbs", ".tags", ".byline", ".author-bio",
];

/** A body candidate needs this much text to win over the next, broader selector. */
const MIN_BODY_TEXT = 100;
/** Bylines and datelines sit within the first or last few blocks of a story. */
const EDGE_BLOCKS = 3;

export type PreparedContent = {
  html: string;
  text: string;
  images: Image[];
  /** The byline line found at the top or bottom of the body (already removed from html/text). */
  bylineText: string | undefined;
  /** Plain text of the first real paragraph. */
  lede: string | undefined;
};

function selectRoot($: CheerioAPI, selectors: readonly string[]): Cheerio<Element> {
  for (const selector of selectors) {
    let best: Cheerio<Element> | undefined;
    let bestLength = 0;
    for (const el of $(selector).toArray()) {
      if (el.type !== "tag") continue;
      const length = normalizeSpace($(el).text()).length;
      if (length > bestLength) [best, bestLength] = [$(el), length];
    }
    if (best && bestLength >= MIN_BODY_TEXT) return best;
  }
  const body = $("body");
  return body.length ? body : ($.root().children().first() as unknown as Cheerio<Element>);
}

/** Text blocks in reading order, excluding figures (captions are not bylines). */
function textBlocks($: CheerioAPI, root: Cheerio<Element>): Cheerio<Element>[] {
  return root
    .find("p, address, div")
    .toArray()
    .map((el) => $(el))
    .filter((block) => block.closest("figure").length === 0 && block.find("p, div, figure").length === 0 && normalizeSpace(block.text()) !== "");
}

/** Remove the byline line (first match among the first and last blocks) and return its text. */
function takeBylineLine($: CheerioAPI, root: Cheerio<Element>): string | undefined {
  const blocks = textBlocks($, root);
  const edges = [...blocks.slice(-EDGE_BLOCKS).reverse(), ...blocks.slice(0, EDGE_BLOCKS)];
  const byline = edges.find((block) => isBylineLine(block.text()));
  if (!byline) return undefined;
  const text = normalizeSpace(byline.text());
  byline.remove();
  return text;
}

/** A dateline block at the top that is only a <time> with a short label ("Published <time>"). */
function removeDatelines($: CheerioAPI, root: Cheerio<Element>): void {
  for (const block of textBlocks($, root).slice(0, EDGE_BLOCKS)) {
    const time = block.find("time");
    if (time.length && normalizeSpace(block.text()).length - normalizeSpace(time.text()).length <= 24) block.remove();
  }
}

export type ContentOptions = {
  selectors: readonly string[];
  remove: readonly string[];
  baseUrl: string | undefined;
};

/** Before the body is prepared (the canonical URL is read first), derived signals see no content. */
export const EMPTY_CONTENT: PreparedContent = { html: "", text: "", images: [], bylineText: undefined, lede: undefined };

export function prepareContent($: CheerioAPI, options: ContentOptions): PreparedContent {
  const root = selectRoot($, options.selectors).clone();
  root.find(options.remove.join(", ")).remove();
  const bylineText = takeBylineLine($, root);
  removeDatelines($, root);
  const images = collectBodyImages($, root, options.baseUrl);
  const { html, text } = sanitizeContent(root, options.baseUrl);
  const lede = root
    .find("p")
    .toArray()
    .map((el) => normalizeSpace($(el).text()))
    .find((paragraph) => paragraph.length >= 30);
  return { html, text, images, bylineText, lede: lede ?? text.split("\n\n")[0] };
}
