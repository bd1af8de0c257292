import { Tokenizer } from "htmlparser2";
import { MAX_DEPTH } from "./document.ts";

/**
 * A streaming pre-pass over the markup, before any DOM exists: htmlparser2's Tokenizer callbacks
 * (no tree, no Parser stack), counting elements and attributes and following nesting depth.
 *
 * Why before: htmlparser2's Parser keeps its open elements in an array it `unshift`s, so n nested
 * elements cost O(n²) (60,000 nested <div>s: ~13 s) before loadDocument's depth cap could run.
 * Here the tags that would sit deeper than MAX_DEPTH are dropped from the source (their text is
 * kept, as loadDocument's flattening keeps it; the content of a dropped <script> or <style> goes
 * with it), so the Parser never holds more than MAX_DEPTH open elements; and a page with more
 * elements or attributes than any real article is refused as a value, early.
 *
 * Depth follows the Parser's own rules for implied end tags and void elements (openImpliesClose
 * and voidElements in htmlparser2's Parser.ts, 10.x: keep in sync), so ordinary pages with
 * unclosed <p> or <li> are not mistaken for deep ones.
 */
/** Elements in one page: the largest of the 40 Readability corpus pages has about 2,600 (10x margin). */
export const MAX_ELEMENTS = 25_000;
/** Attributes in one page: a few per element. */
export const MAX_ATTRIBUTES = 200_000;

export type PrepassResult = { ok: true; chunks: readonly string[]; flattened: number } | { ok: false; reason: string };

const P = new Set(["p"]);
const FORM = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const TABLE_SECTION = new Set(["thead", "tbody"]);
const DD_DT = new Set(["dd", "dt"]);
const RT_RP = new Set(["rt", "rp"]);
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])], ["th", new Set(["th"])], ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])], ["li", new Set(["li"])],
  ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
    "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul"].map((name): [string, ReadonlySet<string>] => [name, P]),
  ...["select", "input", "output", "button", "datalist", "textarea"].map((name): [string, ReadonlySet<string>] => [name, FORM]),
  ["option", new Set(["option"])], ["optgroup", new Set(["optgroup", "option"])], ["dd", DD_DT], ["dt", DD_DT],
  ["rt", RT_RP], ["rp", RT_RP], ["tbody", TABLE_SECTION], ["tfoot", TABLE_SECTION],
]);
const VOID = new Set(["area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose content the Tokenizer reads as raw text: dropped whole when too deep. */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);
const FOREIGN = new Set(["svg", "math"]);

export function prepassMarkup(chunks: readonly string[]): PrepassResult {
  const source = chunks.length === 1 ? chunks[0]! : chunks.join("");
  const stack: { name: string; dropped: boolean }[] = [];
  const openCount = new Map<string, number>();
  const drops: [number, number][] = [];
  let elements = 0;
  let attributes = 0;
  let refused: string | undefined;
  let foreign = 0;
  let tagName = "";
  let tagStart = 0;
  let rawDropStart = -1;

  const pop = () => {
    const top = stack.pop()!;
    openCount.set(top.name, openCount.get(top.name)! - 1);
    if (FOREIGN.has(top.name)) foreign--;
    return top;
  };
  const refuse = (reason: string) => {
    refused ??= reason;
    tokenizer.pause();
  };
  const openTag = (end: number, selfClosing: boolean) => {
    const name = tagName;
    const closes = IMPLIES_CLOSE.get(name);
    if (closes) while (stack.length && closes.has(stack[stack.length - 1]!.name)) pop();
    const tooDeep = stack.length >= MAX_DEPTH;
    if (VOID.has(name) || (selfClosing && foreign > 0)) {
      if (tooDeep) drops.push([tagStart, end]);
      return;
    }
    stack.push({ name, dropped: tooDeep });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign++;
    if (tooDeep) {
      if (RAW_TEXT.has(name)) rawDropStart = tagStart;
      else drops.push([tagStart, end]);
    }
  };
  const noop = () => {};
  const tokenizer = new Tokenizer(
    // Entities change no structure: left undecoded, the scan stays cheap.
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = source.slice(start, end).toLowerCase();
        tagStart = start - 1;
        if (++elements > MAX_ELEMENTS) refuse(`the page has more than ${MAX_ELEMENTS} elements`);
      },
      onopentagend: (end) => openTag(end + 1, false),
      onselfclosingtag: (end) => openTag(end + 1, true),
      onattribname() {
        if (++attributes > MAX_ATTRIBUTES) refuse(`the page has more than ${MAX_ATTRIBUTES} attributes`);
      },
      onclosetag(start, end) {
        const name = source.slice(start, end).toLowerCase();
        const gt = source.indexOf(">", end);
        const closeEnd = gt === -1 ? source.length : gt + 1;
        if (rawDropStart !== -1) {
          drops.push([rawDropStart, closeEnd]);
          rawDropStart = -1;
          pop();
          return;
        }
        if ((openCount.get(name) ?? 0) > 0) {
          let top = pop();
          while (top.name !== name) top = pop();
          if (top.dropped) drops.push([start - 2, closeEnd]);
        } else if (name === "p" || name === "br") {
          // The Parser makes an element of a stray </p> or </br>: it counts, and is dropped when too deep.
          if (++elements > MAX_ELEMENTS) refuse(`the page has more than ${MAX_ELEMENTS} elements`);
          if (stack.length >= MAX_DEPTH) drops.push([start - 2, closeEnd]);
        }
      },
      onattribdata: noop, onattribentity: noop, onattribend: noop, oncdata: noop, oncomment: noop, ondeclaration: noop,
      onend: noop, onprocessinginstruction: noop, ontext: noop, ontextentity: noop,
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  if (refused) return { ok: false, reason: `${refused}, more than any article needs; refused before building the document` };
  if (rawDropStart !== -1) drops.push([rawDropStart, source.length]); // an unclosed deep <script>
  if (drops.length === 0) return { ok: true, chunks, flattened: 0 };
  const kept: string[] = [];
  let at = 0;
  for (const [from, to] of drops) {
    if (from > at) kept.push(source.slice(at, from));
    at = Math.max(at, to);
  }
  kept.push(source.slice(at));
  return { ok: true, chunks: [kept.join("")], flattened: drops.length };
}
