import { compileSimple, selectSimple, type SimpleSelector } from "./selectors.ts";
import type { Image } from "../model/index.ts";
import { isBylineLine } from "./byline.ts";
import { descendantsByTag, hasText, isElement, textOf, type AnyNode, type Cheerio, type CheerioAPI, type Element } from "./document.ts";
import { collectBodyImages, type MetadataImages } from "./images.ts";
import { removeChromeBlocks, selectContentRoot, type PageIndex } from "./root.ts";
import { sanitizeContent } from "./sanitize.ts";
import { normalizeSpace } from "./text.ts";

/**
 * The article body: select its root, work on a clone (the page itself stays intact for the metadata
 * rules), remove boilerplate and the byline/dateline lines, normalize figures, then serialize through
 * the allow-list sanitizer with absolute URLs.
 */

/**
 * Publisher markers of the story body, most specific first. Structural elements (`article`, `main`,
 * `body`) are not listed: paragraph scoring (root.ts) decides among them, because pages wrap whole
 * layouts, comments included, in them.
 */
export const CONTENT_SELECTORS: readonly string[] = [
  '[itemprop="articleBody"]', "article .article-body", ".article-body", ".article-content", ".article__body",
  ".story-body", ".story-content", ".entry-content", ".post-content", ".post-body",
];

/** Never part of the story: navigation, sharing, ads, comments, page chrome, and the headline itself. */
export const BOILERPLATE_SELECTORS: readonly string[] = [
  "script", "style", "noscript:not(:has(img))", "template", "iframe", "form", "button", "nav", "aside", "footer", "h1",
  "header:not(:has(figure, img))", '[role="navigation"]', '[role="complementary"]', '[role="banner"]', '[role="contentinfo"]',
  '[aria-hidden="true"]', "[hidden]", ".share", ".sharing", ".social", ".related", ".advert", ".ad", ".ads", ".newsletter",
  ".comments", "#comments", ".breadcrumb", ".breadcrumbs", ".tags", ".byline", ".author-bio", ".hidden", ".sr-only",
  ".visually-hidden", '[style*="display:none"]', '[style*="display: none"]',
];

const TEXT_BLOCKS = new Set(["p", "address", "div"]);
/** Bylines and datelines sit within the first or last few blocks of a story. */
const EDGE_BLOCKS = 3;

export type PreparedContent = {
  html: string;
  text: string;
  /** `text` without figure captions and credits: the story's own words (wordCount). */
  prose: string;
  images: Image[];
  /** The byline line found at the top or bottom of the body (already removed from html/text). */
  bylineText: string | undefined;
  /** Plain text of the first real paragraph. */
  lede: string | undefined;
};

const BLOCK_CHILDREN = new Set(["p", "div", "figure"]);

/** A leaf text block: not inside a figure (captions are not bylines), no block inside, some text. */
function isTextBlock(el: Element, root: ReadonlySet<AnyNode>): boolean {
  for (let node = el.parent; node && !root.has(node); node = node.parent) if (node.type === "tag" && node.name === "figure") return false;
  return !hasBlockDescendant(el) && hasText(el);
}

/** descendantsByTag([el], BLOCK_CHILDREN).length > 0, stopping at the first one. */
function hasBlockDescendant(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    const name = node.name;
    if (BLOCK_CHILDREN.has(name) || BLOCK_CHILDREN.has(name.toLowerCase())) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

/** The first (or, with fromEnd, last) `count` text blocks of the body, in reading order from that edge. */
function edgeBlocks(root: Cheerio<Element>, count: number, fromEnd = false, textBlocks?: readonly Element[]): Element[] {
  const roots = new Set<AnyNode>(root.toArray());
  const all = textBlocks ?? descendantsByTag(root.toArray(), TEXT_BLOCKS);
  const out: Element[] = [];
  for (let i = 0; i < all.length && out.length < count; i++) {
    const el = all[fromEnd ? all.length - 1 - i : i]!;
    if (isTextBlock(el, roots)) out.push(el);
  }
  return out;
}

/** Remove the byline line (first match among the last and first blocks) and return its text. */
function takeBylineLine($: CheerioAPI, root: Cheerio<Element>): string | undefined {
  const all = descendantsByTag(root.toArray(), TEXT_BLOCKS);
  const edges = [...edgeBlocks(root, EDGE_BLOCKS, true, all), ...edgeBlocks(root, EDGE_BLOCKS, false, all)];
  const byline = edges.find((block) => isBylineLine(textOf(block)));
  if (!byline) return undefined;
  const text = normalizeSpace(textOf(byline));
  $(byline).remove();
  return text;
}

/** A dateline block at the top that is only a <time> with a short label ("Published <time>"). */
function removeDatelines($: CheerioAPI, root: Cheerio<Element>): void {
  for (const block of edgeBlocks(root, EDGE_BLOCKS)) {
    const times = descendantsByTag([block], TIME);
    const timeText = times.map((t) => textOf(t)).join("");
    if (times.length && normalizeSpace(textOf(block)).length - normalizeSpace(timeText).length <= 24) $(block).remove();
  }
}

const TIME = new Set(["time"]);

/**
 * Remove what `selectors` match inside `root`: the simple ones (most of BOILERPLATE_SELECTORS) in one
 * walk (document.ts selectSimple), the rest ("noscript:not(:has(img))") in one cheerio query.
 */
function removeMatching($: CheerioAPI, root: Cheerio<Element>, selectors: readonly string[]): void {
  const simple: SimpleSelector[] = [];
  const other: string[] = [];
  for (const selector of selectors) {
    const compiled = compileSimple(selector);
    if (compiled) simple.push(compiled);
    else other.push(selector);
  }
  const matched = new Set(selectSimple(root.toArray(), simple).flat());
  for (const el of matched) if (el.parent) $(el).remove();
  if (other.length) root.find(other.join(", ")).remove();
}

export type ContentOptions = {
  /** A site rule's body selectors, trusted when they match. */
  siteSelectors: readonly string[];
  selectors: readonly string[];
  remove: readonly string[];
  baseUrl: string | undefined;
  /** The page's selector index (rules/resolve.ts cssIndex), to find `selectors` without another walk. */
  css: PageIndex;
  /** The photos metadata names, merged with the body's figures of the same photo. */
  metadataImages: MetadataImages;
};

/** Before the body is prepared (the canonical URL is read first), derived signals see no content. */
export const EMPTY_CONTENT: PreparedContent = { html: "", text: "", prose: "", images: [], bylineText: undefined, lede: undefined };

export function prepareContent($: CheerioAPI, options: ContentOptions): PreparedContent {
  const root = selectContentRoot($, options.siteSelectors, options.selectors, options.css).clone();
  removeMatching($, root, options.remove);
  removeChromeBlocks($, root);
  const bylineText = takeBylineLine($, root);
  removeDatelines($, root);
  wrapInlineRuns($, root);
  const images = collectBodyImages($, root, options.baseUrl, options.metadataImages);
  const { html, text, prose } = sanitizeContent(root, options.baseUrl);
  let lede: string | undefined;
  for (const el of descendantsByTag(root.toArray(), new Set(["p"]))) {
    const paragraph = normalizeSpace(textOf(el));
    if (paragraph.length >= 30) [lede] = [paragraph];
    if (lede) break;
  }
  return { html, text, prose, images, bylineText, lede: lede ?? text.split("\n\n")[0] };
}

const PARAGRAPH_BREAKING = new Set([
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "figure",
  "pre", "table", "hr", "header", "footer", "aside", "nav", "center", "address",
]);

/**
 * Text written straight into a block with <br><br> between paragraphs (Blogger and old CMS pages) has
 * no <p>: each run of inline content between block elements or double <br>s becomes one <p>.
 */
function wrapInlineRuns($: CheerioAPI, root: Cheerio<Element>): void {
  for (const container of [...root.toArray(), ...descendantsByTag(root.toArray(), new Set(["div", "section", "article", "main", "td"]))]) {
    const children = [...container.children];
    if (!children.some((c) => c.type === "tag" && c.name.toLowerCase() === "br")) continue;
    let run: typeof children = [];
    const flush = () => {
      if (run.some((n) => normalizeSpace($(n).text()) !== "")) {
        // Raw tree edit: cheerio's before()/wrap() skip text nodes, and a run usually starts with one.
        const paragraph = $("<p></p>")[0] as Element;
        const index = container.children.indexOf(run[0]!);
        container.children.splice(index, run.length, paragraph);
        paragraph.children = run;
        paragraph.parent = container;
        run.forEach((n, i) => Object.assign(n, { parent: paragraph, prev: run[i - 1] ?? null, next: run[i + 1] ?? null }));
        relink(container);
      }
      else for (const n of run) if (n.type === "tag" && n.name.toLowerCase() === "br") $(n).remove();
      run = [];
    };
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      const name = node.type === "tag" ? node.name.toLowerCase() : "";
      if (PARAGRAPH_BREAKING.has(name)) flush();
      else if (name === "br" && children[i + 1]?.type === "tag" && (children[i + 1] as Element).name.toLowerCase() === "br") flush();
      else if (name === "br" && children[i + 1]?.type === "text" && normalizeSpace((children[i + 1] as unknown as { data: string }).data) === "" && children[i + 2]?.type === "tag" && (children[i + 2] as Element).name.toLowerCase() === "br") flush();
      else run.push(node);
    }
    flush();
  }
}

function relink(parent: Element): void {
  parent.children.forEach((n, i) => Object.assign(n, { prev: parent.children[i - 1] ?? null, next: parent.children[i + 1] ?? null }));
}
