import { elementsByTag, textOf, type CheerioAPI } from "./document.ts";
import { normalizeSpace } from "./text.ts";

/**
 * Page metadata: JSON-LD (schema.org) and an index of <meta> tags. Readability's order applies later in
 * the rules: JSON-LD first, then Dublin Core / OpenGraph / Twitter meta, then the DOM.
 */

type JsonObject = Record<string, unknown>;

/** schema.org types that describe the article itself (https://schema.org/Article and subtypes). */
const ARTICLE_TYPES = new Set([
  "article", "newsarticle", "reportagenews", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
  "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting", "socialmediaposting", "report",
  "scholarlyarticle", "techarticle",
]);
/** Used only when no article node exists: a WebPage often carries the dates and the headline. */
const PAGE_TYPES = new Set(["webpage", "itempage", "collectionpage"]);

export type JsonLd = {
  /** The node describing the article (or the page, failing that). */
  primary: JsonObject | undefined;
  /** Every node by @id, to follow references such as `"author": { "@id": "#jane" }`. */
  byId: ReadonlyMap<string, JsonObject>;
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(node: JsonObject): string[] {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase());
}

/** Flatten top-level arrays and @graph containers into a list of nodes. */
function collectNodes(value: unknown, out: JsonObject[]): void {
  if (Array.isArray(value)) value.forEach((item) => collectNodes(item, out));
  else if (isObject(value)) {
    out.push(value);
    if (value["@graph"] !== undefined) collectNodes(value["@graph"], out);
  }
}

/** Lenient JSON: publishers wrap JSON-LD in HTML comments or CDATA and leave raw newlines in strings. */
function parseJsonLenient(text: string): unknown {
  // Comment and CDATA wrappers, with or without a leading "//" (XHTML-era pages and saved copies).
  const stripped = text.trim().replace(/^<!--|-->$/g, "").replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, "").trim();
  for (const candidate of [stripped, stripped.replace(/[\n\r\t]+/g, " ")]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

export function readJsonLd($: CheerioAPI): JsonLd {
  const nodes: JsonObject[] = [];
  for (const script of elementsByTag($, "script")) {
    // script[type="application/ld+json"]; `type` compares case-insensitively in HTML, as in css-select.
    if (script.attribs.type?.toLowerCase() === "application/ld+json") collectNodes(parseJsonLenient(textOf(script)), nodes);
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) if (typeof node["@id"] === "string") byId.set(node["@id"], { ...byId.get(node["@id"]), ...node });
  const primary =
    nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t))) ?? nodes.find((n) => typesOf(n).some((t) => PAGE_TYPES.has(t)));
  return { primary, byId };
}

/** Replace a bare `{ "@id": ... }` reference with the node it points to. */
function dereference(value: unknown, byId: JsonLd["byId"]): unknown {
  if (isObject(value) && typeof value["@id"] === "string" && Object.keys(value).length === 1) {
    return byId.get(value["@id"]) ?? value;
  }
  return value;
}

/**
 * Values at a dotted path ("author.name", "image.url") of the primary node. Arrays fan out, so
 * "author.name" yields every author's name; references are followed at each step.
 */
export function jsonLdValues(jsonLd: JsonLd, path: string): unknown[] {
  let current: unknown[] = jsonLd.primary ? [jsonLd.primary] : [];
  for (const key of path.split(".")) {
    const next: unknown[] = [];
    for (const item of current) {
      const node = dereference(item, jsonLd.byId);
      if (!isObject(node) || node[key] === undefined || node[key] === null) continue;
      const value = node[key];
      for (const v of Array.isArray(value) ? value : [value]) next.push(dereference(v, jsonLd.byId));
    }
    current = next;
  }
  return current;
}

/**
 * <meta> index: lower-cased `property`, `name`, `itemprop` or `http-equiv` -> contents in document order.
 * One index serves OpenGraph (og:*), article:*, Twitter (twitter:*), Dublin Core (dc.*, dcterms.*)
 * and plain names (author, description, keywords, content-language).
 */
export type MetaIndex = ReadonlyMap<string, readonly string[]>;

const META_KEYS = ["property", "name", "itemprop", "http-equiv"] as const;

export function readMetaIndex($: CheerioAPI): MetaIndex {
  const index = new Map<string, string[]>();
  for (const el of elementsByTag($, "meta")) {
    const content = normalizeSpace(el.attribs.content ?? "");
    if (!content) continue;
    const keys = META_KEYS.map((attr) => el.attribs[attr]?.trim().toLowerCase()).filter((key): key is string => Boolean(key));
    for (const key of new Set(keys.flatMap((k) => k.split(/\s+/)))) {
      const list = index.get(key) ?? [];
      list.push(content);
      index.set(key, list);
    }
  }
  return index;
}
