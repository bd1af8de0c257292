import type { SourceKind } from "../schema.ts";
import { readJsonFeed, readXmlFeed } from "./feed.ts";
import { readSectionLinks } from "./section.ts";
import { readSitemapIndex, readUrlset } from "./sitemap.ts";
import { decodeListing, localName, parseHtml, parseXml, rootElement } from "./xml.ts";
import type { ListingItem } from "./item.ts";

export type { ListingItem } from "./item.ts";
export { looksLikeStory } from "./section.ts";

export type Listing =
  | { ok: true; kind: SourceKind; items: ListingItem[] }
  | { ok: false; reason: string };

export type ListingInput = {
  body: Uint8Array;
  /** The URL the listing was fetched from (after redirects): relative links resolve against it. */
  url: string;
  /** The answer's Content-Type, media type and charset. */
  contentType: string | undefined;
  /** The kind the operator declared; otherwise it is detected from the document. */
  kind?: SourceKind | undefined;
  linkPrefix?: string | undefined;
};

/**
 * A listing's article URLs. Pure: bytes in, items out. The kind is detected from the document
 * itself (root element, or JSON Feed's `version`), not from the Content-Type, which servers often
 * get wrong (RSS as text/html, sitemaps as text/plain); a declared kind must match what is found.
 * For a sitemap index the items are the sitemaps it names.
 */
export function readListing(input: ListingInput): Listing {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(input.contentType ?? "")?.[1];
  const text = decodeListing(input.body, charset).replace(/^\uFEFF/, "");
  const detected = detect(text, input);
  if (!detected.ok) return detected;
  if (input.kind && !compatible(input.kind, detected.kind)) {
    return { ok: false, reason: `declared a ${input.kind}, but the answer is a ${detected.kind}` };
  }
  return detected;
}

function detect(text: string, input: ListingInput): Listing {
  const start = text.trimStart();
  if (start.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(start);
    } catch {
      return { ok: false, reason: "the answer is not valid JSON" };
    }
    const version = (json as { version?: unknown }).version;
    if (typeof version !== "string" || !version.startsWith("https://jsonfeed.org/version/")) return { ok: false, reason: "JSON that is not a JSON Feed" };
    return { ok: true, kind: "feed", items: readJsonFeed(json, input.url) };
  }
  if (input.kind !== "section" && /^(<\?xml|<!--|<rss|<feed|<rdf:|<urlset|<sitemapindex)/i.test(start)) {
    const root = rootElement(parseXml(text));
    const name = root ? localName(root) : "";
    if (root && (name === "rss" || name === "feed" || name === "rdf")) return { ok: true, kind: "feed", items: readXmlFeed(root, input.url) };
    if (root && name === "urlset") {
      const { items, news } = readUrlset(root, input.url);
      return { ok: true, kind: news ? "news-sitemap" : "sitemap", items };
    }
    if (root && name === "sitemapindex") return { ok: true, kind: "sitemap-index", items: readSitemapIndex(root, input.url) };
    if (!/^<!doctype html|<html/i.test(start)) return { ok: false, reason: `an XML document with root <${name || "?"}> is neither a feed nor a sitemap` };
  }
  if (/html/i.test(input.contentType ?? "") || /^(<!doctype html|<html|<head|<body)/i.test(start) || input.kind === "section") {
    return { ok: true, kind: "section", items: readSectionLinks(parseHtml(text), input.url, input.linkPrefix) };
  }
  return { ok: false, reason: `not a feed, a sitemap or an HTML page (Content-Type ${input.contentType ?? "none"})` };
}

/** A news sitemap is a sitemap: declaring either fits both. */
function compatible(declared: SourceKind, found: SourceKind): boolean {
  const family = (kind: SourceKind) => (kind === "news-sitemap" ? "sitemap" : kind);
  return family(declared) === family(found);
}
