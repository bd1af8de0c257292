import { load, type CheerioAPI, type Cheerio } from "cheerio/slim";
// Node types come from domhandler, cheerio's own tree (type-only import: nothing at run time).
import type { AnyNode, Element } from "domhandler";

/**
 * The one module that imports cheerio. `cheerio/slim` is the htmlparser2 entry: 10-20x faster than
 * the parse5 default and forgiving enough for publisher markup; it also runs unchanged in workerd.
 */
export type { CheerioAPI, Cheerio, AnyNode, Element };

/** Parse an HTML document (or fragment) once; every extractor reads this one tree. */
export function loadDocument(html: string): CheerioAPI {
  return load(html);
}

export function isElement(node: AnyNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}
