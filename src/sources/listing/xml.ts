import { DomUtils, parseDocument } from "htmlparser2";
import type { AnyNode, Document, Element } from "domhandler";

/** Listings are small documents, but hostile ones may not be: past this, the rest is not read. */
export const MAX_LISTING_BYTES = 5 * 1024 * 1024;

/**
 * Text of a listing's bytes: the transport's charset, else the XML declaration's `encoding`
 * (XML 1.0 §4.3.3), else UTF-8. An unknown label falls back to UTF-8 (TextDecoder labels, WHATWG).
 */
export function decodeListing(body: Uint8Array, charset: string | undefined): string {
  const head = new TextDecoder("latin1").decode(body.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*\bencoding=["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  for (const label of [charset, declared, "utf-8"]) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(body.subarray(0, MAX_LISTING_BYTES));
    } catch {
      // not a label TextDecoder knows: try the next one
    }
  }
  return new TextDecoder().decode(body.subarray(0, MAX_LISTING_BYTES));
}

export const parseXml = (text: string): Document => parseDocument(text, { xmlMode: true, decodeEntities: true });
export const parseHtml = (text: string): Document => parseDocument(text, { decodeEntities: true });

/** Element name without its namespace prefix, lower case (`news:title` -> `title`). */
export const localName = (element: Element): string => element.name.slice(element.name.indexOf(":") + 1).toLowerCase();

export const elementChildren = (node: Document | Element): Element[] => node.children.filter((child): child is Element => DomUtils.isTag(child));

/** The first child element with this local name (and, when given, this prefix). */
export function child(node: Element, name: string, prefix?: string): Element | undefined {
  const wanted = name.toLowerCase();
  return elementChildren(node).find((c) => localName(c) === wanted && (prefix === undefined || c.name.startsWith(`${prefix}:`)));
}

export function children(node: Element, name: string): Element[] {
  const wanted = name.toLowerCase();
  return elementChildren(node).filter((c) => localName(c) === wanted);
}

/** Trimmed text of an element (CDATA included), or undefined when empty. */
export function textOf(node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const text = DomUtils.textContent(node).trim();
  return text === "" ? undefined : text;
}

/** The document's root element. */
export const rootElement = (document: Document): Element | undefined => elementChildren(document)[0];

export function findAll(node: Document | Element, test: (element: Element) => boolean, limit: number): Element[] {
  return DomUtils.findAll(test, node.children).slice(0, limit);
}
