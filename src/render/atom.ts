/** Atom 1.0, RFC 4287 (https://www.rfc-editor.org/rfc/rfc4287). */
import type { Article, Author, FeedMeta } from "../model/index.ts";
import { categories, feedLinks, permalink } from "./fields.ts";
import { WEBFEEDS_NAMESPACE, writeWebfeeds } from "./rss.ts";
import { XmlWriter } from "./xml.ts";

const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

export function renderAtom(articles: readonly Article[], meta: FeedMeta): Uint8Array {
  const w = new XmlWriter();
  w.open("feed", { xmlns: ATOM_NAMESPACE, "xml:lang": meta.language, "xmlns:webfeeds": meta.webfeeds ? WEBFEEDS_NAMESPACE : undefined });
  // §4.2.6: the feed id is a permanent IRI; the feed's own URL is the one we control.
  w.text("id", meta.feedUrls.atom);
  w.text("title", meta.title);
  w.text("subtitle", meta.description);
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
  if (articles.some((a) => a.authors.length === 0)) writeAuthor(w, { name: meta.title });
  for (const article of articles) writeEntry(w, article, meta);
  w.close("feed");
  return w.finish();
}

function writeEntry(w: XmlWriter, article: Article, meta: FeedMeta): void {
  // xml:lang is inherited (XML 1.0 §2.12), so it is repeated only when the entry's differs.
  const lang = article.language !== undefined && article.language !== meta.language ? article.language : undefined;
  w.open("entry", { "xml:lang": lang });
  w.text("id", permalink(meta, article));
  w.text("title", article.title);
  w.text("updated", article.updatedAt);
  w.text("published", article.publishedAt);
  for (const author of article.authors) writeAuthor(w, author);
  w.empty("link", { rel: "alternate", type: "text/html", href: article.url });
  // §4.2.7.2: rel="enclosure" may be large; length is "an advisory length in octets", so it is
  // written only when known (unlike RSS, where it is required).
  for (const image of article.images) {
    w.empty("link", {
      rel: "enclosure",
      type: image.mimeType,
      href: image.url,
      length: image.byteLength,
      title: image.caption,
    });
  }
  for (const category of categories(article)) w.empty("category", { term: category });
  // §3.1.1.1: type="text" is plain text; the summary has no markup.
  if (article.summary !== "") w.text("summary", article.summary, { type: "text" });
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
  if (author.url !== undefined) w.text("uri", author.url);
  w.close("author");
}
