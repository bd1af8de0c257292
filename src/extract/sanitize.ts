import type { AnyNode, Cheerio, Element } from "./document.ts";
import { hasText, isElement, loadDocument } from "./document.ts";
import { escapeXmlText } from "../render/xml.ts";
import { HtmlEmitter } from "./html-emitter.ts";
import { normalizeSpace } from "./text.ts";
import { absoluteUrl, safeLinkUrl } from "./urls.ts";

/**
 * The one allow-list serializer: writes the cleaned body as a fresh HTML fragment instead of mutating
 * the input, so anything not listed here cannot reach a feed reader (OWASP XSS Prevention Cheat
 * Sheet: allow-list, never deny-list). Unknown tags are unwrapped (their text kept); DROPPED_TAGS lose
 * their content too. Only listed attributes survive: no on* handlers, no style, no class but `credit`.
 * Partner bodies go through it too, with a narrower list (AllowList; partners/partner-html.ts).
 */

const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], hr: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  blockquote: ["cite"], q: ["cite"], ul: [], ol: ["start"], li: [], dl: [], dt: [], dd: [],
  a: ["href", "title"], strong: [], b: [], em: [], i: [], u: [], s: [], del: [], ins: [], sub: [], sup: [],
  small: [], mark: [], abbr: ["title"], cite: [], code: [], pre: [], kbd: [], samp: [], time: ["datetime"],
  figure: [], figcaption: [], img: ["src", "alt", "width", "height"], span: ["class"],
  table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [], th: ["colspan", "rowspan", "scope"], td: ["colspan", "rowspan"],
};
/** Removed with everything inside: active content, forms, embedded documents, document-level tags. */
const DROPPED_TAGS = new Set([
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
  "select", "textarea", "noscript", "template", "svg", "math", "canvas", "audio", "video", "head", "title",
  "meta", "link", "base",
]);
/** Headline levels collapse: the article title is separate, so an <h1> in the body becomes an <h2>. */
const RENAMED_TAGS: Readonly<Record<string, string>> = { h1: "h2" };
/** Containers that become <p> when they hold only inline content (Readability's DIV-to-P rule). */
const BLOCK_CONTAINERS = new Set(["div", "section", "article", "main", "center", "address", "header", "footer"]);
const BLOCK_TAGS = new Set([
  ...BLOCK_CONTAINERS, "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
  "figure", "figcaption", "pre", "table", "tr", "td", "th", "caption", "hr", "br",
]);
const VOID_TAGS = new Set(["br", "hr", "img"]);
const isDropped = (element: Element) => DROPPED_TAGS.has(element.name.toLowerCase());
const hasNonSpaceText = (text: string) => /\S/.test(text);

/**
 * What a serialization keeps: tags with their attributes (any tag not listed is unwrapped, a subset
 * of the body's list), and optionally elements written another way: `replace` returns the markup to
 * write instead of an element and its content ("" leaves both out), or undefined for the usual way.
 */
export type AllowList = {
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly replace?: (element: Element, tag: string) => string | undefined;
};
const BODY_ALLOW_LIST: AllowList = { attributes: ALLOWED_ATTRIBUTES };

/** `prose` is `text` without figure captions and credits: what wordCount counts. */
type Output = { html: HtmlEmitter; text: string; prose: string; inCaption: number; allow: AllowList };

function attributesOf(tag: string, element: Element, baseUrl: string | undefined, allowed: readonly string[]): string | undefined {
  let out = "";
  for (const name of allowed) {
    const raw = element.attribs[name];
    if (raw === undefined) continue;
    let value: string | undefined = raw;
    if (name === "href") value = safeLinkUrl(raw, baseUrl);
    else if (name === "src" || name === "cite") value = absoluteUrl(raw, baseUrl);
    else if (name === "class") value = raw.split(/\s+/).includes("credit") ? "credit" : undefined;
    else if (name === "width" || name === "height" || name === "colspan" || name === "rowspan" || name === "start")
      value = /^\d{1,5}$/.test(raw.trim()) ? raw.trim() : undefined;
    if (value === undefined) {
      if (tag === "img" && name === "src") return undefined; // an image without a safe URL is dropped
      continue;
    }
    out += ` ${name}="${escapeXmlText(value, true)}"`;
  }
  return out;
}

function hasBlockChild(element: Element): boolean {
  return element.children.some((child) => isElement(child) && BLOCK_TAGS.has(child.name.toLowerCase()));
}

function write(node: AnyNode, baseUrl: string | undefined, out: Output): void {
  if (node.type === "text") {
    out.html.text(escapeXmlText(node.data), hasNonSpaceText(node.data));
    out.text += node.data;
    if (!out.inCaption) out.prose += node.data;
    return;
  }
  if (!isElement(node)) return; // comments, doctype, CDATA, processing instructions
  const name = node.name.toLowerCase();
  if (DROPPED_TAGS.has(name)) return;
  const isBlock = BLOCK_TAGS.has(name);
  if (isBlock) [out.text, out.prose] = [`${out.text}\n\n`, `${out.prose}\n\n`];
  const isCaption = name === "figcaption";
  if (isCaption) out.inCaption++;
  let tag = RENAMED_TAGS[name] ?? name;
  if (BLOCK_CONTAINERS.has(tag) && !hasBlockChild(node) && hasText(node, isDropped)) tag = "p";
  const replacement = out.allow.replace?.(node, tag);
  if (replacement !== undefined) {
    out.html.raw(replacement, tag);
    if (isCaption) out.inCaption--;
    return;
  }
  const allowed = out.allow.attributes[tag];
  const attributes = allowed !== undefined ? attributesOf(tag, node, baseUrl, allowed) : undefined;
  const keep =
    attributes !== undefined &&
    !(tag === "a" && (!/\shref=/.test(attributes) || out.html.isOpen("a"))) && // HTML: no link inside a link
    !(tag === "span" && !attributes);
  if (tag === "img" && !keep) return;
  const element = keep ? out.html.start(tag, attributes, VOID_TAGS.has(tag)) : undefined;
  if (!VOID_TAGS.has(tag)) {
    for (const child of node.children) write(child, baseUrl, out);
    if (element) out.html.end(element);
  }
  if (isCaption) out.inCaption--;
  if (isBlock) [out.text, out.prose] = [`${out.text}\n\n`, `${out.prose}\n\n`];
}

const blocksOf = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map(normalizeSpace)
    .filter(Boolean)
    .join("\n\n");

/**
 * Serialize the children of `root` through the allow-list; also returns the plain text, one block per
 * paragraph, and the prose (that text without figure captions and credits).
 */
export function sanitizeContent(root: Cheerio<Element>, baseUrl: string | undefined): { html: string; text: string; prose: string } {
  const out: Output = { html: new HtmlEmitter(), text: "", prose: "", inCaption: 0, allow: BODY_ALLOW_LIST };
  for (const node of root.toArray()) for (const child of node.children) write(child, baseUrl, out);
  return { html: finish(out.html), text: blocksOf(out.text), prose: blocksOf(out.prose) };
}

/** One block per line: each closing block tag ends its line. */
const finish = (html: HtmlEmitter): string => html.finish().replace(/(<\/(?:p|figure|h[2-6]|blockquote|ul|ol|pre|table)>)\s*/g, "$1\n").trim();

/**
 * An HTML fragment (a stored body, untrusted all the same) rewritten through a narrower allow-list:
 * parsed, and written by the same serializer as the extractor's bodies. Relative references are
 * dropped (there is no page to resolve them against).
 */
export function sanitizeHtml(html: string, allow: AllowList): string {
  const out: Output = { html: new HtmlEmitter(), text: "", prose: "", inCaption: 0, allow };
  for (const child of loadDocument(html).root().toArray()[0]?.children ?? []) write(child, undefined, out);
  return finish(out.html);
}
