import { load, type CheerioAPI, type Cheerio } from "cheerio/slim";
// The parser cheerio/slim itself uses (its own dependency, same version): we drive it chunk by chunk.
import { DomHandler, Parser } from "htmlparser2";
// Node types come from domhandler, cheerio's own tree (type-only import: nothing at run time).
import type { AnyNode, Element } from "domhandler";
import { hasNonSpace, isSpaceCode } from "./text.ts";

/**
 * The one module that imports cheerio. `cheerio/slim` is the htmlparser2 entry: 10-20x faster than
 * the parse5 default and forgiving enough for publisher markup; it also runs unchanged in workerd.
 */
export type { CheerioAPI, Cheerio, AnyNode, Element };

/**
 * Deepest element nesting kept. Real pages stay under ~60 levels; deeper subtrees (10,000 unclosed
 * <div>s, hostile or broken markup) are flattened to their text at this depth, so every recursive walk
 * after parsing (cheerio's text(), our sanitizer) is bounded.
 */
export const MAX_DEPTH = 256;

/**
 * Parse an HTML document (or fragment) once; every extractor reads this one tree. Chunks (decode.ts)
 * are written to htmlparser2 one by one, with the options cheerio/slim's load(html) uses (the
 * defaults), and the finished tree is handed to cheerio, which then does not parse again.
 */
export function loadDocument(html: string | readonly string[]): CheerioAPI {
  const handler = new DomHandler();
  const parser = new Parser(handler);
  for (const chunk of typeof html === "string" ? [html] : html) parser.write(chunk);
  parser.end();
  const $ = load(handler.root);
  PAGE_TAGS.set($, limitDepth($));
  return $;
}

/**
 * The page's elements by tag name, in document order, from the one walk loadDocument makes anyway:
 * the metadata readers and body scoring look up `meta`, `script`, `body`, `base`, `title` and `h1`
 * here instead of each running a css-select query over the whole page. The page itself is never
 * edited after loading (the body is prepared on a clone), so the index stays true.
 */
const PAGE_TAGS = new WeakMap<CheerioAPI, Map<string, Element[]>>();

export function elementsByTag($: CheerioAPI, name: string): readonly Element[] {
  let index = PAGE_TAGS.get($);
  if (!index) PAGE_TAGS.set($, (index = indexTags($.root().toArray(), undefined)));
  return index.get(name) ?? [];
}

/** Flatten what is deeper than MAX_DEPTH, and index the elements by tag, in one pre-order walk. */
function limitDepth($: CheerioAPI): Map<string, Element[]> {
  return indexTags($.root().toArray(), (node) => $(node).text(flatText(node)));
}

function indexTags(roots: readonly AnyNode[], flatten: ((node: Element) => void) | undefined): Map<string, Element[]> {
  const index = new Map<string, Element[]>();
  // Two parallel stacks (node, depth): no object per node on large pages.
  const nodes: AnyNode[] = [...roots].reverse();
  const depths: number[] = nodes.map(() => 0);
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (!isElement(node)) {
      if ("children" in node) for (let j = node.children.length - 1; j >= 0; j--) nodes.push(node.children[j]!), depths.push(depth + 1);
      continue;
    }
    const list = index.get(node.name);
    if (list) list.push(node);
    else index.set(node.name, [node]);
    if (flatten && depth >= MAX_DEPTH) {
      flatten(node);
      continue;
    }
    for (let j = node.children.length - 1; j >= 0; j--) nodes.push(node.children[j]!), depths.push(depth + 1);
  }
  return index;
}

/** Text of a subtree without recursion (script and style text excluded). */
function flatText(root: AnyNode): string {
  let text = "";
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") text += node.data;
    else if (node.type === "tag" && "children" in node) for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return text;
}

export function isElement(node: AnyNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/**
 * Descendant elements of `roots` whose tag is in `names`, in document order, by an explicit stack (no
 * recursion, so 10,000-deep markup is fine). Used instead of comma selectors such as "p, pre" over
 * large result sets: cheerio de-duplicates those in quadratic time (removeSubsets).
 */
export function descendantsByTag(roots: readonly AnyNode[], names: ReadonlySet<string>): Element[] {
  const out: Element[] = [];
  forEachDescendant(roots, (element) => {
    const name = element.name;
    if (names.has(name)) out.push(element);
  });
  return out;
}

/**
 * normalizeSpace(textContent) !== "" below `root`, stopping at the first text node with a non-space
 * character instead of building the string; the text inside elements that `skip` accepts is left out.
 */
export function hasText(root: AnyNode, skip?: (element: Element) => boolean): boolean {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") {
      if (hasNonSpace(node.data)) return true;
    } else if ("children" in node && !(skip && isElement(node) && skip(node))) {
      for (const child of node.children) stack.push(child);
    }
  }
  return false;
}

/** Visits every element below `roots` (roots excluded) in document order, by an explicit stack. */
export function forEachDescendant(roots: readonly AnyNode[], visit: (element: Element) => void): void {
  const stack: AnyNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i]!;
    if ("children" in root) for (let j = root.children.length - 1; j >= 0; j--) stack.push(root.children[j]!);
  }
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    visit(node);
    for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
}

/**
 * Length of `normalizeSpace(textContent(node))`, computed from the children's lengths instead of by
 * building the string, so per-element lengths over a whole tree cost one pass. A segment's normalized
 * text is its words joined by single spaces; joining two segments adds one space when either side has
 * white space at the seam. White space is the set normalizeSpace collapses.
 */
export type TextSpan = { length: number; empty: boolean; lead: boolean; trail: boolean };
const EMPTY_SPAN: TextSpan = { length: 0, empty: true, lead: false, trail: false };


/** One pass over the characters, no substrings: every text node of the page goes through here. */
function spanOfText(data: string): TextSpan {
  if (data === "") return EMPTY_SPAN;
  let letters = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < data.length; i++) {
    if (isSpaceCode(data.charCodeAt(i))) inWord = false;
    else {
      if (!inWord) words++;
      inWord = true;
      letters++;
    }
  }
  const lead = isSpaceCode(data.charCodeAt(0));
  const trail = isSpaceCode(data.charCodeAt(data.length - 1));
  if (!words) return { length: 0, empty: true, lead, trail };
  return { length: letters + words - 1, empty: false, lead, trail };
}

/** Memoized text spans for one tree that is not edited while the memo lives. */
export function textSpanMemo(): (node: AnyNode) => TextSpan {
  const memo = new Map<AnyNode, TextSpan>();
  const span = (node: AnyNode): TextSpan => {
    // Text nodes are not memoized: each is read once per walk, and a Map entry costs more than the scan.
    if (node.type === "text") return spanOfText(node.data);
    if (!("children" in node)) return EMPTY_SPAN;
    const cached = memo.get(node);
    if (cached) return cached;
    const result = childrenSpan(node.children, span);
    memo.set(node, result);
    return result;
  };
  return span;
}

export function childrenSpan(children: readonly AnyNode[], span: (node: AnyNode) => TextSpan): TextSpan {
  if (!children.length) return EMPTY_SPAN;
  // The children's spans joined (a space at a seam where either side has white space) in local
  // variables: one object per call, not one per child.
  let length = 0;
  let empty = true;
  let lead = false;
  let trail = false;
  for (let i = 0; i < children.length; i++) {
    const b = span(children[i]!);
    if (b.empty) {
      if (empty) lead ||= b.lead;
      trail ||= b.trail;
    } else if (empty) {
      length = b.length;
      empty = false;
      lead ||= b.lead;
      trail = b.trail;
    } else {
      length += b.length + (trail || b.lead ? 1 : 0);
      trail = b.trail;
    }
  }
  return { length, empty, lead, trail };
}

/** textContent without cheerio wrappers and without recursion (cheerio's text(): script/style text included). */
export function textOf(root: AnyNode): string {
  if (root.type === "text") return root.data;
  let text = "";
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") text += node.data;
    else if ("children" in node) for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return text;
}

