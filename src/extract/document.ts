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
