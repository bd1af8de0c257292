import { forEachDescendant, isElement, type AnyNode, type Element } from "./document.ts";

/**
 * A small selector engine for the selectors our rules use (`tag`, `.class`, `#id`, `[attr]`,
 * `[attr="v"]`, `[attr*="v"]`, `:not(...)` and `:has(...)` of those, compounds of them, descendant
 * combinators and comma lists), so that a whole list is matched in ONE walk of the tree instead of one
 * css-select query per selector (css-select compiles every query anew, and cheerio wraps every result).
 * Each element is tested only against the selectors its id, classes, tag or attributes can satisfy
 * (the buckets below), so a walk costs a few map lookups per element, not one test per selector.
 * Anything else (other pseudo-classes, `>`, `+`, `~`) is not compiled: `compileSimple` returns
 * undefined and the caller asks cheerio. Semantics follow css-select, which cheerio uses.
 */
type Attr = { name: string; op?: "=" | "*="; value?: string; ignoreCase: boolean };
type Compound = {
  tag?: string; classes: string[]; id?: string; attrs: Attr[];
  /** `:not(a, b)`: none of these may match. */
  not: Compound[];
  /** Each `:has(a, b)`: some descendant matches one of the alternatives. */
  has: Compound[][];
};
/** Compounds joined by descendant combinators, rightmost last. */
type Chain = readonly Compound[];
/** The alternatives of a comma list. */
export type SimpleSelector = readonly Chain[];

/** Attributes whose values compare case-insensitively in HTML (css-select's list, after the HTML Standard). */
const CASE_INSENSITIVE_ATTRIBUTES = new Set([
  "accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked", "clear", "codetype", "color",
  "compact", "declare", "defer", "dir", "direction", "disabled", "enctype", "face", "frame", "hreflang", "http-equiv",
  "lang", "language", "link", "media", "method", "multiple", "nohref", "noresize", "noshade", "nowrap", "readonly",
  "rel", "rev", "rules", "scope", "scrolling", "selected", "shape", "target", "text", "type", "valign", "valuetype", "vlink",
]);

/** Split on `separator` (or any white space for " ") outside quotes and parentheses; parts trimmed. */
function splitTopLevel(text: string, separator: "," | " "): string[] {
  const parts: string[] = [];
  let [depth, quote, start] = [0, "", 0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) quote = ch === quote ? "" : quote;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && (separator === " " ? /\s/.test(ch) : ch === separator)) [parts[parts.length], start] = [text.slice(start, i), i + 1];
  }
  parts.push(text.slice(start));
  const trimmed = parts.map((part) => part.trim());
  return separator === " " ? trimmed.filter((part) => part !== "") : trimmed;
}

const TAG = /^(?:([a-z][a-z0-9-]*)|\*)/i;
const CLASS_OR_ID = /^([.#])([\w-]+)/;
const ATTRIBUTE = /^\[([\w-]+)(?:(\*?=)(?:"([^"]*)"|'([^']*)'|([\w-]+)))?\]/;
const PSEUDO = /^:(not|has)\(/;

function compileList(text: string): Compound[] | undefined {
  const list = splitTopLevel(text, ",").map(compileCompound);
  return list.every((c) => c !== undefined) ? (list as Compound[]) : undefined;
}

function compileCompound(text: string): Compound | undefined {
  const compound: Compound = { classes: [], attrs: [], not: [], has: [] };
  if (text === "") return undefined;
  const tag = text.match(TAG);
  if (tag?.[1]) compound.tag = tag[1].toLowerCase();
  let i = tag ? tag[0].length : 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let match: RegExpMatchArray | null;
    if ((match = rest.match(CLASS_OR_ID))) {
      if (match[1] === ".") compound.classes.push(match[2]!);
      else compound.id = match[2]!;
    } else if ((match = rest.match(ATTRIBUTE))) {
      const name = match[1]!.toLowerCase();
      const ignoreCase = CASE_INSENSITIVE_ATTRIBUTES.has(name);
      const value = match[3] ?? match[4] ?? match[5];
      compound.attrs.push({ name, op: match[2] as Attr["op"], value: ignoreCase ? value?.toLowerCase() : value, ignoreCase });
    } else if ((match = rest.match(PSEUDO))) {
      const close = closingParen(rest, match[0].length);
      if (close < 0) return undefined;
      const inner = compileList(rest.slice(match[0].length, close));
      if (!inner) return undefined;
      if (match[1] === "not") compound.not.push(...inner);
      else compound.has.push(inner);
      i += close + 1;
      continue;
    } else return undefined;
    i += match[0].length;
  }
  return compound;
}

function closingParen(text: string, from: number): number {
  let [depth, quote] = [1, ""];
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) quote = ch === quote ? "" : quote;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Compiled selectors by text: rules are constants, so each is compiled once per isolate. */
const COMPILED = new Map<string, SimpleSelector | undefined>();

export function compileSimple(selector: string): SimpleSelector | undefined {
  if (!COMPILED.has(selector)) COMPILED.set(selector, compileUncached(selector));
  return COMPILED.get(selector);
}

function compileUncached(selector: string): SimpleSelector | undefined {
  const chains: Chain[] = [];
  for (const alternative of splitTopLevel(selector, ",")) {
    const parts = splitTopLevel(alternative, " ");
    if (!parts.length) return undefined;
    const chain = parts.map(compileCompound);
    if (!chain.every((c) => c !== undefined)) return undefined;
    chains.push(chain as Compound[]);
  }
  return chains.length ? chains : undefined;
}

const classTokens = (el: Element): readonly string[] => el.attribs.class?.split(/\s+/) ?? [];

function matchesCompound(el: Element, c: Compound, classes?: readonly string[]): boolean {
  if (c.tag && el.name !== c.tag) return false;
  if (c.id !== undefined && el.attribs.id !== c.id) return false;
  if (c.classes.length) {
    const tokens = classes ?? classTokens(el);
    for (const name of c.classes) if (!tokens.includes(name)) return false;
  }
  for (const a of c.attrs) {
    let value = el.attribs[a.name];
    if (value === undefined) return false;
    if (a.ignoreCase) value = value.toLowerCase();
    if (a.op === "=" && value !== a.value) return false;
    if (a.op === "*=" && (!a.value || !value.includes(a.value))) return false;
  }
  for (const n of c.not) if (matchesCompound(el, n)) return false;
  for (const alternatives of c.has) if (!hasDescendant(el, alternatives)) return false;
  return true;
}

function hasDescendant(el: Element, alternatives: readonly Compound[]): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (alternatives.some((c) => matchesCompound(node, c))) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

/** Descendant combinators: each earlier compound is looked up among the ancestors, nearest first. */
function matchesChain(el: Element, chain: Chain, classes?: readonly string[]): boolean {
  let i = chain.length - 1;
  if (!matchesCompound(el, chain[i]!, classes)) return false;
  for (let node = el.parent; node && i > 0; node = node.parent) {
    if (isElement(node) && matchesCompound(node, chain[i - 1]!)) i--;
  }
  return i === 0;
}

/** Whether `el` matches `selector` (any alternative). */
export function matchesSimple(el: Element, selector: SimpleSelector): boolean {
  return selector.some((chain) => matchesChain(el, chain));
}

/** The element itself or its nearest ancestor matching `selector` (cheerio's closest()); the selector must compile. */
export function closestSimple(el: Element, selector: string): Element | undefined {
  const compiled = compileSimple(selector);
  if (!compiled) throw new Error(`closestSimple: unsupported selector ${selector}`);
  for (let node: AnyNode | null = el; node; node = node.parent) if (isElement(node) && matchesSimple(node, compiled)) return node;
  return undefined;
}

type Entry = { index: number; chain: Chain };
type Buckets = { byId: Map<string, Entry[]>; byClass: Map<string, Entry[]>; byTag: Map<string, Entry[]>; byAttr: Map<string, Entry[]>; any: Entry[] };

/** File each alternative under the most selective key of its rightmost compound. */
function bucket(selectors: readonly SimpleSelector[]): Buckets {
  const buckets: Buckets = { byId: new Map(), byClass: new Map(), byTag: new Map(), byAttr: new Map(), any: [] };
  const add = (map: Map<string, Entry[]>, key: string, entry: Entry) => map.set(key, [...(map.get(key) ?? []), entry]);
  selectors.forEach((selector, index) => {
    for (const chain of selector) {
      const last = chain[chain.length - 1]!;
      const entry = { index, chain };
      if (last.id !== undefined) add(buckets.byId, last.id, entry);
      else if (last.classes.length) add(buckets.byClass, last.classes[0]!, entry);
      else if (last.tag) add(buckets.byTag, last.tag, entry);
      else if (last.attrs.length) add(buckets.byAttr, last.attrs[0]!.name, entry);
      else buckets.any.push(entry);
    }
  });
  return buckets;
}

/** For each selector, its matches under `roots` (roots excluded) in document order; one walk. */
export function selectSimple(roots: readonly AnyNode[], selectors: readonly SimpleSelector[]): Element[][] {
  const out: Element[][] = selectors.map(() => []);
  const { byId, byClass, byTag, byAttr, any } = bucket(selectors);
  const test = (node: Element, entries: readonly Entry[] | undefined, classes?: readonly string[]) => {
    if (!entries) return;
    for (const { index, chain } of entries) {
      const found = out[index]!;
      // An element reached through two keys or two alternatives is listed once.
      if (found[found.length - 1] !== node && matchesChain(node, chain, classes)) found.push(node);
    }
  };
  forEachDescendant(roots, (node) => {
    const attribs = node.attribs;
    if (byId.size && attribs.id !== undefined) test(node, byId.get(attribs.id));
    if (byClass.size && attribs.class !== undefined) {
      const classes = classTokens(node);
      for (const name of classes) test(node, byClass.get(name), classes);
    }
    if (byTag.size) test(node, byTag.get(node.name));
    if (byAttr.size) for (const name in attribs) test(node, byAttr.get(name));
    test(node, any);
  });
  return out;
}
