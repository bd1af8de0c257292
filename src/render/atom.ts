/** Atom 1.0, RFC 4287 (https://www.rfc-editor.org/rfc/rfc4287). */
import type { Article, Author, FeedMeta } from "../model/index.ts";
import { authorLine, categories, feedImages, feedLinks, feedUri, permalink, feedText } from "./fields.ts";
import { WEBFEEDS_NAMESPACE, writeWebfeeds } from "./rss.ts";
import { XmlWriter } from "./xml.ts";

const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

export function renderAtom(articles: readonly Article[], meta: FeedMeta): Uint8Array {
  const w = new XmlWriter();
  w.open("feed", { xmlns: ATOM_NAMESPACE, "xml:lang": meta.language, "xmlns:webfeeds": meta.webfeeds ? WEBFEEDS_NAMESPACE : undefined });
  // §4.2.6: the feed id is a permanent IRI; the feed's own URL is the one we control.
  w.text("id", meta.feedUrls.atom);
  // Feed titles name a section, tag or author: plain text, like every title (fields.ts feedText).
  w.text("title", feedText(meta.title));
  w.text("subtitle", feedText(meta.description));
  // Dates are already RFC 3339 UTC with seconds (schema: z.iso.datetime), as §3.3 requires.
  w.text("updated", meta.updatedAt);
  w.empty("link", { rel: "self", type: "application/atom+xml", href: meta.feedUrls.atom });
  for (const [rel, href] of feedLinks(meta, "atom")) {
    w.empty("link", rel === "hub" ? { rel, href } : { rel, type: "application/atom+xml", href });
  }
  w.empty("link", { rel: "alternate", type: "text/html", href: meta.homePageUrl });
  if (meta.generator !== undefined) w.text("generator", meta.generator);
  if (meta.iconUrl !== undefined) w.text("icon", meta.iconUrl);
  if (meta.logoUrl !== undefined) w.text("logo", meta.logoUrl);
  if (meta.webfeeds) writeWebfeeds(w, meta.webfeeds);
  // §4.1.1: a feed needs an author unless every entry has one. Entries without authors inherit
  // this one (§4.2.1), so it is written only when some entry needs it.
  if (articles.some((a) => a.authors.length === 0)) writeAuthor(w, { name: feedText(meta.title) });
  const updated = distinctUpdates(articles);
  articles.forEach((article, i) => writeEntry(w, article, meta, updated[i]!));
  w.close("feed");
  return w.finish();
}

/**
 * Each entry's atom:updated, unique within the feed. Articles ingested together (one sync) share
 * their updatedAt to the second, and readers that key entries on it, like the W3C validator
 * (DuplicateUpdated), take that as one update reported twice. Such entries are told apart by
 * milliseconds (RFC 3339 §5.6 time-secfrac) derived from the article id, so an entry gets the same
 * value in every feed that has the same neighbours, and the time stays right to the second. Other
 * entries keep their value as stored.
 */
function distinctUpdates(articles: readonly Article[]): string[] {
  const counts = new Map<string, number>();
  for (const { updatedAt } of articles) counts.set(updatedAt, (counts.get(updatedAt) ?? 0) + 1);
  if (counts.size === articles.length) return articles.map((a) => a.updatedAt);
  const used = new Set<string>();
  return articles.map(({ id, updatedAt }) => {
    if (counts.get(updatedAt) === 1) return updatedAt;
    for (let n = 0, ms = fnv1a(id) % 1000; n < 1000; n++, ms = (ms + 1) % 1000) {
      const value = updatedAt.replace(/(\.\d+)?Z$/, (_, fraction?: string) => `${fraction ?? "."}${String(ms).padStart(3, "0")}Z`);
      if (!used.has(value)) {
        used.add(value);
        return value;
      }
    }
    return updatedAt;
  });
}

/** FNV-1a, 32 bits: a small stable hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function writeEntry(w: XmlWriter, article: Article, meta: FeedMeta, updated: string): void {
  // xml:lang is inherited (XML 1.0 §2.12), so it is repeated only when the entry's differs.
  const lang = article.language !== undefined && article.language !== meta.language ? article.language : undefined;
  w.open("entry", { "xml:lang": lang });
  w.text("id", permalink(meta, article));
  w.text("title", feedText(article.title));
  w.text("updated", updated);
  w.text("published", article.publishedAt);
  // One author element per entry, several names on one line (fields.ts authorLine): §4.2.1 allows
  // several, but readers then show one, or all, or the last.
  const [only, second] = article.authors;
  if (only !== undefined) writeAuthor(w, second === undefined ? only : { name: authorLine(article.authors) });
  const link = feedUri(article.url);
  if (link !== undefined) w.empty("link", { rel: "alternate", type: "text/html", href: link });
  // §4.2.7.2: rel="enclosure" may be large; length is "an advisory length in octets", so it is
  // written only when known (unlike RSS, where it is required).
  for (const image of feedImages(article)) {
    w.empty("link", {
      rel: "enclosure",
      type: image.mimeType,
      href: image.url,
      length: image.byteLength,
      title: image.caption === undefined ? undefined : feedText(image.caption),
    });
  }
  for (const category of categories(article)) w.empty("category", { term: category });
  // §3.1.1.1: type="text" is plain text; the summary has no markup.
  if (article.summary !== "") w.text("summary", feedText(article.summary), { type: "text" });
  // §3.1.1.2: type="html" holds escaped HTML, which readers unescape once and render. A CDATA
  // section is one of XML's two ways to escape (XML 1.0 §2.7): the parsed text is the same HTML as
  // with `&lt;` references, the document is smaller, and only `]]>` and CR need rewriting (cdata()).
  // §4.1.1: an entry without content needs rel="alternate", which every entry has.
  if (!meta.summaryOnly) w.cdata("content", article.contentHtml, { type: "html" });
  w.close("entry");
}

/** §3.2 Person construct: name is required, email and uri optional. */
function writeAuthor(w: XmlWriter, author: Author): void {
  w.open("author");
  w.text("name", author.name);
  if (author.email !== undefined) w.text("email", author.email);
  const uri = author.url === undefined ? undefined : feedUri(author.url);
  if (uri !== undefined) w.text("uri", uri);
  w.close("author");
}
