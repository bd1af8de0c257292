import { isElement, type AnyNode, type Element } from "./document.ts";

/**
 * A small selector engine for the simple selectors our rules mostly use (`tag`, `.class`, `#id`,
 * `[attr]`, `[attr="v"]`, `[attr*="v"]`, compounds of those, and descendant combinators), so that a
 * whole list is matched in ONE walk of the tree with a few string tests per element, instead of one
 * css-select query per selector. Anything else (pseudo-classes, other combinators) is not compiled:
 * `compileSimple` returns undefined and the caller asks cheerio.
 */
type Compound = { tag?: string; classes: string[]; id?: string; attrs: { name: string; op?: "=" | "*="; value?: string }[] };
export type SimpleSelector = readonly Compound[];

const COMPOUND_PART = /^(?:([a-z][a-z0-9-]*)|\*)?((?:\.[\w-]+|#[\w-]+|\[[\w-]+(?:\*?=(?:"[^"]*"|'[^']*'|[\w-]+))?\])*)$/i;

export function compileSimple(selector: string): SimpleSelector | undefined {
  const compounds: Compound[] = [];
  // Split on the spaces between compounds, not those inside a quoted value ([style*="display: none"]).
  for (const part of selector.trim().split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const match = part.match(COMPOUND_PART);
    if (!match || part === "") return undefined;
    const compound: Compound = { classes: [], attrs: [] };
    if (match[1]) compound.tag = match[1].toLowerCase();
    for (const piece of match[2]!.match(/\.[\w-]+|#[\w-]+|\[[^\]]+\]/g) ?? []) {
      if (piece[0] === ".") compound.classes.push(piece.slice(1));
      else if (piece[0] === "#") compound.id = piece.slice(1);
      else {
        const attr = piece.slice(1, -1).match(/^([\w-]+)(?:(\*?=)(?:"([^"]*)"|'([^']*)'|([\w-]+)))?$/)!;
        compound.attrs.push({ name: attr[1]!.toLowerCase(), op: attr[2] as "=" | "*=" | undefined, value: attr[3] ?? attr[4] ?? attr[5] });
      }
    }
    compounds.push(compound);
  }
  return compounds.length ? compounds : undefined;
}

function matchesCompound(el: Element, c: Compound): boolean {
  if (c.tag && el.name !== c.tag) return false;
  if (c.id !== undefined && el.attribs.id !== c.id) return false;
  if (c.classes.length) {
    const cls = el.attribs.class;
    if (!cls) return false;
    const tokens = cls.split(/\s+/);
    for (const name of c.classes) if (!tokens.includes(name)) return false;
  }
  for (const a of c.attrs) {
    const value = el.attribs[a.name];
    if (value === undefined) return false;
    if (a.op === "=" && value !== a.value) return false;
    if (a.op === "*=" && (!a.value || !value.includes(a.value))) return false;
  }
  return true;
}

/** Whether `el` matches `selector` (descendant combinators looked up among all ancestors). */
export function matchesSimple(el: Element, selector: SimpleSelector): boolean {
  let i = selector.length - 1;
  if (!matchesCompound(el, selector[i]!)) return false;
  for (let node = el.parent; node && i > 0; node = node.parent) {
    if (isElement(node) && matchesCompound(node, selector[i - 1]!)) i--;
  }
  return i === 0;
}

/** For each selector, its matches under `roots` (roots excluded) in document order; one walk. */
export function selectSimple(roots: readonly AnyNode[], selectors: readonly SimpleSelector[]): Element[][] {
  const out: Element[][] = selectors.map(() => []);
  const stack: AnyNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i]!;
    if ("children" in root) for (let j = root.children.length - 1; j >= 0; j--) stack.push(root.children[j]!);
  }
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    for (let s = 0; s < selectors.length; s++) if (matchesSimple(node, selectors[s]!)) out[s]!.push(node);
    for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return out;
}
