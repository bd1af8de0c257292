import type { Image } from "../model/index.ts";
import { isBylineLine } from "./byline.ts";
import { descendantsByTag, type Cheerio, type CheerioAPI, type Element } from "./document.ts";
import { collectBodyImages } from "./images.ts";
import { removeChromeBlocks, selectContentRoot } from "./root.ts";
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
  images: Image[];
  /** The byline line found at the top or bottom of the body (already removed from html/text). */
  bylineText: string | undefined;
  /** Plain text of the first real paragraph. */
  lede: string | undefined;
};

/** Text blocks in reading order, excluding figures (captions are not bylines). */
function textBlocks($: CheerioAPI, root: Cheerio<Element>): Cheerio<Element>[] {
  return descendantsByTag(root.toArray(), TEXT_BLOCKS)
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
  /** A site rule's body selectors, trusted when they match. */
  siteSelectors: readonly string[];
  selectors: readonly string[];
  remove: readonly string[];
  baseUrl: string | undefined;
};

/** Before the body is prepared (the canonical URL is read first), derived signals see no content. */
export const EMPTY_CONTENT: PreparedContent = { html: "", text: "", images: [], bylineText: undefined, lede: undefined };

export function prepareContent($: CheerioAPI, options: ContentOptions): PreparedContent {
  const root = selectContentRoot($, options.siteSelectors, options.selectors).clone();
  root.find(options.remove.join(", ")).remove();
  removeChromeBlocks($, root);
  const bylineText = takeBylineLine($, root);
  removeDatelines($, root);
  wrapInlineRuns($, root);
  const images = collectBodyImages($, root, options.baseUrl);
  const { html, text } = sanitizeContent(root, options.baseUrl);
  const lede = descendantsByTag(root.toArray(), new Set(["p"]))
    .map((el) => normalizeSpace($(el).text()))
    .find((paragraph) => paragraph.length >= 30);
  return { html, text, images, bylineText, lede: lede ?? text.split("\n\n")[0] };
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
