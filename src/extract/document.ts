import { load, type CheerioAPI, type Cheerio } from "cheerio/slim";
// Node types come from domhandler, cheerio's own tree (type-only import: nothing at run time).
import type { AnyNode, Element } from "domhandler";

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

/** Parse an HTML document (or fragment) once; every extractor reads this one tree. */
export function loadDocument(html: string): CheerioAPI {
  const $ = load(html);
  limitDepth($);
  return $;
}

function limitDepth($: CheerioAPI): void {
  const stack: { node: AnyNode; depth: number }[] = $.root().toArray().map((node) => ({ node, depth: 0 }));
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!("children" in node)) continue;
    if (depth >= MAX_DEPTH && isElement(node)) {
      $(node).text(flatText(node));
      continue;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
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
  const stack: AnyNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i]!;
    if ("children" in root) for (let j = root.children.length - 1; j >= 0; j--) stack.push(root.children[j]!);
  }
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (names.has(node.name.toLowerCase())) out.push(node);
    for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return out;
}

/**
 * Length of `normalizeSpace(textContent(node))`, computed from the children's lengths instead of by
 * building the string, so per-element lengths over a whole tree cost one pass. A segment's normalized
 * text is its words joined by single spaces; joining two segments adds one space when either side has
 * white space at the seam. White space is the set normalizeSpace collapses.
 */
export type TextSpan = { length: number; empty: boolean; lead: boolean; trail: boolean };
const EMPTY_SPAN: TextSpan = { length: 0, empty: true, lead: false, trail: false };
const SPACE = /[\s\u00a0\u200b]/;

function spanOfText(data: string): TextSpan {
  if (data === "") return EMPTY_SPAN;
  const words = data.split(/[\s\u00a0\u200b]+/).filter(Boolean);
  const lead = SPACE.test(data[0]!);
  const trail = SPACE.test(data[data.length - 1]!);
  if (!words.length) return { length: 0, empty: true, lead, trail };
  let length = words.length - 1;
  for (const word of words) length += word.length;
  return { length, empty: false, lead, trail };
}

export function joinSpans(a: TextSpan, b: TextSpan): TextSpan {
  if (a.empty && b.empty) return { length: 0, empty: true, lead: a.lead || b.lead, trail: a.trail || b.trail };
  if (a.empty) return { ...b, lead: a.lead || b.lead };
  if (b.empty) return { ...a, trail: a.trail || b.trail };
  return { length: a.length + b.length + (a.trail || b.lead ? 1 : 0), empty: false, lead: a.lead, trail: b.trail };
}

/** Memoized text spans for one tree that is not edited while the memo lives. */
export function textSpanMemo(): (node: AnyNode) => TextSpan {
  const memo = new Map<AnyNode, TextSpan>();
  const span = (node: AnyNode): TextSpan => {
    const cached = memo.get(node);
    if (cached) return cached;
    const result = node.type === "text" ? spanOfText(node.data) : "children" in node ? childrenSpan(node.children, span) : EMPTY_SPAN;
    memo.set(node, result);
    return result;
  };
  return span;
}

export function childrenSpan(children: readonly AnyNode[], span: (node: AnyNode) => TextSpan): TextSpan {
  let result = EMPTY_SPAN;
  for (const child of children) result = joinSpans(result, span(child));
  return result;
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

