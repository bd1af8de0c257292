import type { Element } from "domhandler";
import { parseDate } from "../../extract/index.ts";
import type { Teaser } from "../schema.ts";
import { child, children, elementChildren, localName, textOf } from "./xml.ts";
import { absoluteHttpUrl, MAX_ITEMS, type ListingItem } from "./item.ts";

/**
 * RSS 2.0 (`rss/channel/item`), RSS 1.0 (`rdf:RDF/item`) and Atom 1.0 (`feed/entry`) items. The
 * item's link is the page to fetch; its updated date (Atom `updated`, RSS has only `pubDate`) marks
 * a change; the rest is the teaser kept for a page that cannot be extracted.
 */
export function readXmlFeed(root: Element, base: string): ListingItem[] {
  const name = localName(root);
  if (name === "feed") return children(root, "entry").slice(0, MAX_ITEMS).flatMap((entry) => atomEntry(entry, base));
  // RSS 2.0 puts its items inside the channel, RSS 1.0 beside it (under rdf:RDF).
  const channel = name === "rss" ? child(root, "channel") : undefined;
  const items = channel ? children(channel, "item") : name === "rdf" ? children(root, "item") : [];
  return items.slice(0, MAX_ITEMS).flatMap((item) => rssItem(item, base));
}

function rssItem(item: Element, base: string): ListingItem[] {
  const guid = child(item, "guid");
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  const guidLink = guid && guid.attribs.isPermaLink !== "false" ? textOf(guid) : undefined;
  const url = absoluteHttpUrl(textOf(child(item, "link")) ?? guidLink, base);
  if (!url) return [];
  const published = date(textOf(child(item, "pubDate")) ?? textOf(child(item, "date", "dc")));
  const updated = date(textOf(child(item, "updated")) ?? textOf(child(item, "modified", "dcterms")));
  const teaser: Teaser = compact({
    title: textOf(child(item, "title")),
    summary: textOf(child(item, "description")),
    html: textOf(child(item, "encoded", "content")),
    publishedAt: published,
    author: textOf(child(item, "creator", "dc")) ?? textOf(child(item, "author")),
  });
  return [{ url, marker: updated ?? published, teaser }];
}

function atomEntry(entry: Element, base: string): ListingItem[] {
  const links = elementChildren(entry).filter((c) => localName(c) === "link");
  // RFC 4287 §4.2.7.2: no rel means "alternate".
  const alternate = links.find((link) => (link.attribs.rel ?? "alternate") === "alternate" && (link.attribs.type ?? "text/html").includes("html"));
  const url = absoluteHttpUrl(alternate?.attribs.href, entry.attribs["xml:base"] ?? base);
  if (!url) return [];
  const content = child(entry, "content");
  const teaser: Teaser = compact({
    title: textOf(child(entry, "title")),
    summary: textOf(child(entry, "summary")),
    html: content && (content.attribs.type ?? "text") !== "text" ? textOf(content) : undefined,
    publishedAt: date(textOf(child(entry, "published"))),
    author: textOf(child(child(entry, "author") ?? entry, "name")),
  });
  return [{ url, marker: date(textOf(child(entry, "updated"))) ?? teaser.publishedAt, teaser }];
}

/** JSON Feed 1.0/1.1: `items[].url` (or an http `id`), `date_modified` marks a change. */
export function readJsonFeed(json: unknown, base: string): ListingItem[] {
  const items = (json as { items?: unknown }).items;
  if (!Array.isArray(items)) return [];
  return items.slice(0, MAX_ITEMS).flatMap((raw): ListingItem[] => {
    if (typeof raw !== "object" || raw === null) return [];
    const item = raw as Record<string, unknown>;
    const str = (key: string) => (typeof item[key] === "string" && (item[key] as string).trim() !== "" ? (item[key] as string) : undefined);
    // JSON Feed 1.1: `id` is opaque; it names the page only when it is an absolute URL itself.
    const id = str("id");
    const url = absoluteHttpUrl(str("url") ?? (id && /^https?:\/\//i.test(id) ? id : undefined), base);
    if (!url) return [];
    const authors = Array.isArray(item.authors) ? (item.authors as { name?: unknown }[]) : [];
    const teaser: Teaser = compact({
      title: str("title"),
      summary: str("summary") ?? str("content_text"),
      html: str("content_html"),
      publishedAt: date(str("date_published")),
      author: typeof authors[0]?.name === "string" ? authors[0].name : undefined,
    });
    return [{ url, marker: date(str("date_modified")) ?? teaser.publishedAt, teaser }];
  });
}

const date = (value: string | undefined): string | undefined => (value ? parseDate(value) : undefined);

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
