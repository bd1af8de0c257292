import { childrenSpan, descendantsByTag, elementsByTag, isElement, textSpanMemo, type AnyNode, type Cheerio, type CheerioAPI, type Element, type TextSpan } from "./document.ts";

/**
 * Which element holds the story, and which blocks inside it are not story. After Readability's
 * approach (score paragraphs, credit their parent and half to their grandparent, take the best, then
 * clean conditionally by link density), reduced to what a pure, single-pass extractor needs:
 * 1. a site rule's body selectors, when they match enough text, are trusted as they are;
 * 2. otherwise each paragraph of at least MIN_PARAGRAPH characters outside page chrome scores
 *    1 + its commas + min(length / 100, 3); the best-scoring element is the story's core, and we
 *    widen it to an ancestor (up to CLIMB_LEVELS up) while that holds PARENT_GAIN times more
 *    paragraph text (a story split over sibling blocks, as step lists and Medium sections are);
 * 3. a generic body selector (`[itemprop=articleBody]`, `.entry-content`, ...) wins over that core when
 *    it holds at least SELECTOR_SHARE of the core's paragraph text (the publisher's own marker is
 *    usually cleaner at its edges than a scored guess).
 */

export const MIN_PARAGRAPH = 25;
const PARENT_GAIN = 1.3;
const CLIMB_LEVELS = 5;
const RETRY_SHARE = 0.3;
/** Only the first paragraphs are scored: enough for any story, and it bounds the time on huge pages. */
export const MAX_SCORED_PARAGRAPHS = 2000;
const SELECTOR_SHARE = 0.6;
/** A site or generic selector needs this much text to count as a body. */
const MIN_BODY_TEXT = 100;
const PARAGRAPHS = new Set(["p", "pre", "blockquote", "li", "td"]);
const SCORED = new Set(["p", "pre"]);
const BLOCK_ITEMS = new Set(["li", "td", "blockquote"]);
const CLEANED = new Set(["div", "section", "ul", "ol", "table", "span", "p", "figure", "dl"]);

/** Readability's class/id patterns for page chrome (REGEXPS.unlikelyCandidates / okMaybeItsACandidate). */
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|promo|outbrain|taboola|recirc|most-?popular|trending|share/i;
const MAYBE_CONTENT = /and|article|body|column|content|main|mathjax|shadow/i;
/** Elements that are never the story, wherever they are. */

function matchString(el: Element): string {
  return `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
}

export function isUnlikely(el: Element): boolean {
  const value = matchString(el);
  return value.trim() !== "" && UNLIKELY.test(value) && !MAYBE_CONTENT.test(value);
}

/** normalizeSpace(text).length of an element; memoized while the page is only read (body selection). */
type TextLength = (el: AnyNode) => number;

function textLengthMemo(): TextLength {
  const span = textSpanMemo();
  return (el) => span(el).length;
}

/** Total length of the qualifying paragraphs inside `el`. */
function paragraphText(textLength: TextLength, el: Element, qualifying: ReadonlySet<Element>): number {
  let total = 0;
  for (const p of descendantsByTag([el], PARAGRAPHS)) if (qualifying.has(p)) total += textLength(p);
  return total;
}

const CHROME_TAGS = new Set(["nav", "aside", "footer", "header", "form"]);
const CHROME_ROLES = new Set(["navigation", "complementary", "banner", "contentinfo"]);

function isChromeElement(node: Element): boolean {
  return CHROME_TAGS.has(node.name.toLowerCase()) || CHROME_ROLES.has(node.attribs.role ?? "") ||
    node.attribs.hidden !== undefined || node.attribs["aria-hidden"] === "true";
}

/** Whether a paragraph sits in page chrome; verdicts are cached per ancestor (pages share long ancestor chains). */
function inChrome(el: Element, byClass: boolean, cache: Map<Element, boolean>): boolean {
  const node = el.parent;
  if (!node || node.type !== "tag") return false;
  const cached = cache.get(node);
  if (cached !== undefined) return cached;
  const name = node.name.toLowerCase();
  // Chrome inside a story is the story's own; above body there is nothing to test.
  const verdict = name === "body" || name === "article" || name === "main"
    ? false
    : isChromeElement(node) || (byClass && isUnlikely(node)) || inChrome(node, byClass, cache);
  cache.set(node, verdict);
  return verdict;
}

/**
 * The story's core, scored first with chrome-looking class names excluded and, when that leaves less
 * than RETRY_SHARE of the page's paragraph text (a layout class such as "two-col-sidebar-right" wraps
 * the story), again without the class test: Readability's retry without FLAG_STRIP_UNLIKELYS.
 */
function scoredCore($: CheerioAPI, textLength: TextLength): { core: Element; qualifying: Set<Element>; coreText: number } | undefined {
  const paragraphs = descendantsByTag(elementsByTag($, "body"), SCORED).slice(0, MAX_SCORED_PARAGRAPHS);
  const strict = scoreParagraphs(paragraphs, textLength, true);
  if (!strict || strict.coreText >= RETRY_SHARE * strict.pageText) return strict;
  const loose = scoreParagraphs(paragraphs, textLength, false);
  return loose && loose.coreText > strict.coreText ? loose : strict;
}

/** Commas (Latin, fullwidth, ideographic) in the text of `root`: textOf(root).match(/[,，、]/g).length without the string. */
function commaCount(root: AnyNode): number {
  let count = 0;
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") {
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        const c = data.charCodeAt(i);
        if (c === 0x2c || c === 0xff0c || c === 0x3001) count++;
      }
    } else if ("children" in node) for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return count;
}

function scoreParagraphs(paragraphs: readonly Element[], textLength: TextLength, byClass: boolean): { core: Element; qualifying: Set<Element>; coreText: number; pageText: number } | undefined {
  const scores = new Map<Element, number>();
  const qualifying = new Set<Element>();
  let pageText = 0;
  const cache = new Map<Element, boolean>();
  for (const p of paragraphs) {
    const length = textLength(p);
    if (length < MIN_PARAGRAPH) continue;
    pageText += length;
    if (inChrome(p, byClass, cache)) continue;
    qualifying.add(p);
    const score = 1 + commaCount(p) + Math.min(length / 100, 3);
    const parent = p.parent?.type === "tag" ? p.parent : undefined;
    const grandparent = parent?.parent?.type === "tag" ? parent.parent : undefined;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
    if (grandparent) scores.set(grandparent, (scores.get(grandparent) ?? 0) + score / 2);
  }
  let top: Element | undefined;
  let best = 0;
  for (const [el, score] of scores) if (score > best) [top, best] = [el, score];
  if (!top) return undefined;
  let core: Element = top;
  for (const p of descendantsByTag([core], BLOCK_ITEMS)) if (textLength(p) >= MIN_PARAGRAPH) qualifying.add(p);
  let coreText = paragraphText(textLength, core, qualifying);
  // Widen to the lowest ancestor (within CLIMB_LEVELS) holding PARENT_GAIN times the text; repeat.
  for (let widened = true; widened; ) {
    widened = false;
    let ancestor: Element["parent"] = core.parent;
    for (let level = 0; level < CLIMB_LEVELS && ancestor && ancestor.type === "tag" && ancestor.name !== "body"; level++, ancestor = ancestor.parent) {
      const ancestorText = paragraphText(textLength, ancestor as Element, qualifying);
      if (ancestorText >= coreText * PARENT_GAIN) {
        [core, coreText, widened] = [ancestor as Element, ancestorText, true];
        break;
      }
    }
  }
  return { core, qualifying, coreText, pageText };
}


function largestOf(textLength: TextLength, elements: readonly AnyNode[]): Element | undefined {
  let best: Element | undefined;
  let bestLength = 0;
  for (const el of elements) {
    if (el.type !== "tag") continue;
    const length = textLength(el);
    if (length > bestLength) [best, bestLength] = [el, length];
  }
  return best && bestLength >= MIN_BODY_TEXT ? best : undefined;
}

/** Matches of a selector over the whole (unedited) page (rules/resolve.ts cssIndex). */
export type PageIndex = (selector: string) => AnyNode[];

export function selectContentRoot($: CheerioAPI, siteSelectors: readonly string[], genericSelectors: readonly string[], css: PageIndex): Cheerio<Element> {
  const textLength = textLengthMemo();
  for (const selector of siteSelectors) {
    const match = largestOf(textLength, css(selector));
    if (match) return $(match);
  }
  const scored = scoredCore($, textLength);
  for (const selector of genericSelectors) {
    const match = largestOf(textLength, css(selector));
    if (!match) continue;
    if (!scored) return $(match);
    if (paragraphText(textLength, match, scored.qualifying) >= scored.coreText * SELECTOR_SHARE) return $(match);
  }
  if (scored) return $(scored.core);
  const body = elementsByTag($, "body");
  return body.length ? $([...body]) : ($.root().children().first() as unknown as Cheerio<Element>);
}

/**
 * Conditional cleaning inside the chosen root (Readability's _cleanConditionally, simplified): blocks
 * whose class/id reads as chrome, and link farms (lists and boxes that are mostly link text, such as
 * "Read more" rails), are removed. Blocks holding a figure are kept unless they are chrome by name.
 *
 * One pass, children before parents: every node's figures (text length, link text, paragraphs, ...)
 * are summed from its children as they are after the removals below it, so each block is judged on
 * what is left of it, with no query per block.
 */
export function removeChromeBlocks($: CheerioAPI, root: Cheerio<Element>): void {
  const initial = textSpanMemo();
  const paragraphLength = new Map<Element, number>();
  for (const p of descendantsByTag(root.toArray(), new Set(["p"]))) {
    const length = initial(p).length;
    if (length >= MIN_PARAGRAPH) paragraphLength.set(p, length);
  }
  const rootText = [...paragraphLength.values()].reduce((n, length) => n + length, 0);
  const stats = new Map<AnyNode, BlockStats>();
  const roots = new Set<AnyNode>(root.toArray());
  for (const node of postOrder(root.toArray())) {
    if (!isElement(node)) {
      if (node.type === "text") stats.set(node, { span: initial(node), story: 0, linkText: 0, paragraphs: 0, figure: false, code: false, holders: 0 });
      continue;
    }
    const own = statsOf(node, stats, paragraphLength);
    stats.set(node, own);
    if (roots.has(node) || !CLEANED.has(node.name)) continue;
    const el = node;
    const inline = el.name === "p" || el.name === "span" || el.name === "figure";
    if (inline && !isUnlikely(el)) continue;
    // A block holding most of the story is the story, whatever its class says.
    if (rootText > 0 && own.story - (paragraphLength.get(el) ?? 0) >= rootText / 2) continue;
    if (isUnlikely(el) && el.name !== "figure") {
      $(el).remove();
      continue;
    }
    if (inline) continue;
    const length = own.span.length;
    if (length === 0) continue;
    const density = own.linkText / length;
    // Widgets (video player controls, counters, toolbars): many elements with a few characters each.
    const isWidget = own.paragraphs === 0 && !own.figure && el.name !== "table" && !own.code && own.holders >= 6 && length / own.holders < 8;
    if ((density > 0.5 && own.paragraphs <= 1) || isWidget) $(el).remove();
  }
}

/** Per-subtree figures for removeChromeBlocks (descendants only, the element itself excluded, except `span` and `story`). */
type BlockStats = {
  span: TextSpan;
  /** Story paragraph text (paragraphs qualifying at the start) inside, the element itself included. */
  story: number;
  linkText: number;
  /** Descendant <p>s of MIN_PARAGRAPH characters or more, as they are now. */
  paragraphs: number;
  figure: boolean;
  code: boolean;
  /** Descendant elements with a text child of their own. */
  holders: number;
};
const EMPTY_STATS: BlockStats = { span: { length: 0, empty: true, lead: false, trail: false }, story: 0, linkText: 0, paragraphs: 0, figure: false, code: false, holders: 0 };

function statsOf(el: Element, stats: ReadonlyMap<AnyNode, BlockStats>, paragraphLength: ReadonlyMap<Element, number>): BlockStats {
  const out: BlockStats = { span: childrenSpan(el.children, (child) => stats.get(child)?.span ?? EMPTY_STATS.span), story: paragraphLength.get(el) ?? 0, linkText: 0, paragraphs: 0, figure: false, code: false, holders: 0 };
  for (const child of el.children) {
    const c = stats.get(child);
    if (!c || !isElement(child)) continue;
    const name = child.name;
    out.story += c.story;
    out.linkText += c.linkText + (name === "a" ? c.span.length : 0);
    out.paragraphs += c.paragraphs + (name === "p" && c.span.length >= MIN_PARAGRAPH ? 1 : 0);
    out.figure ||= c.figure || name === "figure" || name === "img";
    out.code ||= c.code || name === "pre" || name === "code" || name === "table";
    out.holders += c.holders + (hasTextChild(child) ? 1 : 0);
  }
  return out;
}

/** Whether `el` has a text child that is not only white space (String.prototype.trim's). */
function hasTextChild(el: Element): boolean {
  for (const t of el.children) if (t.type === "text" && t.data.trim() !== "") return true;
  return false;
}

/** Nodes under `roots` (roots included), every node after its descendants; iterative. */
function postOrder(roots: readonly AnyNode[]): AnyNode[] {
  const pre: AnyNode[] = [];
  const stack: AnyNode[] = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    pre.push(node);
    if ("children" in node) for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return pre.reverse();
}
