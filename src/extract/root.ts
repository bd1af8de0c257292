import { descendantsByTag, type Cheerio, type CheerioAPI, type Element } from "./document.ts";
import { normalizeSpace } from "./text.ts";

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

function textLength($: CheerioAPI, el: Element): number {
  return normalizeSpace($(el).text()).length;
}

/** Total length of the qualifying paragraphs inside `el`. */
function paragraphText($: CheerioAPI, el: Element, qualifying: ReadonlySet<Element>): number {
  let total = 0;
  for (const p of descendantsByTag([el], PARAGRAPHS)) if (qualifying.has(p)) total += textLength($, p);
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
function scoredCore($: CheerioAPI): { core: Element; qualifying: Set<Element> } | undefined {
  const strict = scoreParagraphs($, true);
  if (!strict || strict.coreText >= RETRY_SHARE * strict.pageText) return strict;
  const loose = scoreParagraphs($, false);
  return loose && loose.coreText > strict.coreText ? loose : strict;
}

function scoreParagraphs($: CheerioAPI, byClass: boolean): { core: Element; qualifying: Set<Element>; coreText: number; pageText: number } | undefined {
  const scores = new Map<Element, number>();
  const qualifying = new Set<Element>();
  let pageText = 0;
  const cache = new Map<Element, boolean>();
  for (const p of descendantsByTag($("body").toArray(), SCORED).slice(0, MAX_SCORED_PARAGRAPHS)) {
    const text = normalizeSpace($(p).text());
    if (text.length < MIN_PARAGRAPH) continue;
    pageText += text.length;
    if (inChrome(p, byClass, cache)) continue;
    qualifying.add(p);
    const score = 1 + (text.match(/[,，、]/g)?.length ?? 0) + Math.min(text.length / 100, 3);
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
  for (const p of descendantsByTag([core], BLOCK_ITEMS)) if (textLength($, p) >= MIN_PARAGRAPH) qualifying.add(p);
  let coreText = paragraphText($, core, qualifying);
  // Widen to the lowest ancestor (within CLIMB_LEVELS) holding PARENT_GAIN times the text; repeat.
  for (let widened = true; widened; ) {
    widened = false;
    let ancestor: Element["parent"] = core.parent;
    for (let level = 0; level < CLIMB_LEVELS && ancestor && ancestor.type === "tag" && ancestor.name !== "body"; level++, ancestor = ancestor.parent) {
      const ancestorText = paragraphText($, ancestor as Element, qualifying);
      if (ancestorText >= coreText * PARENT_GAIN) {
        [core, coreText, widened] = [ancestor as Element, ancestorText, true];
        break;
      }
    }
  }
  return { core, qualifying, coreText, pageText };
}

function largestMatch($: CheerioAPI, selector: string): Element | undefined {
  let best: Element | undefined;
  let bestLength = 0;
  for (const el of $(selector).toArray()) {
    if (el.type !== "tag") continue;
    const length = textLength($, el);
    if (length > bestLength) [best, bestLength] = [el, length];
  }
  return best && bestLength >= MIN_BODY_TEXT ? best : undefined;
}

export function selectContentRoot($: CheerioAPI, siteSelectors: readonly string[], genericSelectors: readonly string[]): Cheerio<Element> {
  for (const selector of siteSelectors) {
    const match = largestMatch($, selector);
    if (match) return $(match);
  }
  const scored = scoredCore($);
  for (const selector of genericSelectors) {
    const match = largestMatch($, selector);
    if (!match) continue;
    if (!scored) return $(match);
    const coreText = paragraphText($, scored.core, scored.qualifying);
    if (paragraphText($, match, scored.qualifying) >= coreText * SELECTOR_SHARE) return $(match);
  }
  if (scored) return $(scored.core);
  const body = $("body");
  return body.length ? body : ($.root().children().first() as unknown as Cheerio<Element>);
}

/**
 * Conditional cleaning inside the chosen root (Readability's _cleanConditionally, simplified): blocks
 * whose class/id reads as chrome, and link farms (lists and boxes that are mostly link text, such as
 * "Read more" rails), are removed. Blocks holding a figure are kept unless they are chrome by name.
 */
export function removeChromeBlocks($: CheerioAPI, root: Cheerio<Element>): void {
  const paragraphLength = new Map<Element, number>();
  for (const p of descendantsByTag(root.toArray(), new Set(["p"]))) {
    const length = textLength($, p);
    if (length >= MIN_PARAGRAPH) paragraphLength.set(p, length);
  }
  const storyText = (el: Element) => {
    let total = 0;
    for (const [p, length] of paragraphLength) if (p.parent && isInside(p, el)) total += length;
    return total;
  };
  const rootText = [...paragraphLength.values()].reduce((n, length) => n + length, 0);
  const blocks = descendantsByTag(root.toArray(), CLEANED).reverse();
  for (const el of blocks) {
    if (!el.parent) continue; // already removed with an ancestor
    const inline = el.name === "p" || el.name === "span" || el.name === "figure";
    if (inline && !isUnlikely(el)) continue;
    // A block holding most of the story is the story, whatever its class says.
    if (rootText > 0 && storyText(el) >= rootText / 2) continue;
    if (isUnlikely(el) && el.name !== "figure") {
      $(el).remove();
      continue;
    }
    if (inline) continue;
    const text = normalizeSpace($(el).text());
    if (text.length === 0) continue;
    const linkText = $(el).find("a").toArray().reduce((n, a) => n + textLength($, a), 0);
    const density = linkText / text.length;
    const paragraphs = $(el).find("p").toArray().filter((p) => textLength($, p) >= MIN_PARAGRAPH).length;
    const hasFigure = $(el).find("figure, img").length > 0;
    // Widgets (video player controls, counters, toolbars): many elements with a few characters each.
    const holders = $(el).find("*").toArray().filter((child) => child.children.some((c) => c.type === "text" && c.data.trim() !== "")).length;
    const isWidget = paragraphs === 0 && !hasFigure && el.name !== "table" && !$(el).find("pre, code, table").length && holders >= 6 && text.length / holders < 8;
    if ((density > 0.5 && paragraphs <= 1) || isWidget) $(el).remove();
  }
}

function isInside(node: Element, ancestor: Element): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}
