/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification), following the RSS Best Practices Profile
 * (https://www.rssboard.org/rss-profile) and Media RSS 1.5.1 (https://www.rssboard.org/media-rss).
 */
import type { Webfeeds } from "../model/feed.ts";
import type { Article, FeedMeta, Image } from "../model/index.ts";
import { authorLine, categories, feedImages, feedLinks, feedUri, permalink, feedText, rfc822Date, rssName } from "./fields.ts";
import { escapeXml, XmlWriter } from "./xml.ts";

// Profile §3: every namespace prefix used anywhere is declared once, on the root element.
const RSS_NAMESPACES = {
  version: "2.0",
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:dc": "http://purl.org/dc/elements/1.1/",
  "xmlns:atom": "http://www.w3.org/2005/Atom",
  "xmlns:media": "http://search.yahoo.com/mrss/",
} as const;
export const WEBFEEDS_NAMESPACE = "http://webfeeds.org/rss/1.0";

export function renderRss(articles: readonly Article[], meta: FeedMeta): Uint8Array {
  const w = new XmlWriter();
  // The webfeeds prefix is declared only when used, so feeds without it stay byte-identical.
  w.open("rss", meta.webfeeds ? { ...RSS_NAMESPACES, "xmlns:webfeeds": WEBFEEDS_NAMESPACE } : RSS_NAMESPACES).open("channel");
  w.text("title", feedText(meta.title));
  w.text("link", meta.homePageUrl);
  w.text("description", feedText(meta.description));
  // Profile: atom:link rel="self" identifies the feed's own URL (needed by the W3C validator).
  w.empty("atom:link", { href: meta.feedUrls.rss, rel: "self", type: "application/rss+xml" });
  // RSS has no paging or hub elements of its own: atom:link carries them (RFC 5005 §3, WebSub §4).
  for (const [rel, href] of feedLinks(meta, "rss")) w.empty("atom:link", { href, rel });
  if (meta.language !== undefined) w.text("language", meta.language);
  if (meta.generator !== undefined) w.text("generator", meta.generator);
  w.text("lastBuildDate", rfc822Date(meta.updatedAt));
  if (meta.logoUrl !== undefined) {
    // RSS 2.0 §image: url, title and link are all required; title and link should match the channel.
    w.open("image").text("url", meta.logoUrl).text("title", feedText(meta.title)).text("link", meta.homePageUrl).close("image");
  }
  if (meta.webfeeds) writeWebfeeds(w, meta.webfeeds);
  for (const article of articles) writeItem(w, article, meta);
  w.close("channel").close("rss");
  return w.finish();
}

function writeItem(w: XmlWriter, article: Article, meta: FeedMeta): void {
  w.open("item");
  w.text("title", feedText(article.title));
  const link = feedUri(article.url);
  if (link !== undefined) w.text("link", link);
  // The permalink is a stable URL we serve, so isPermaLink="true" (RSS 2.0 §guid).
  w.text("guid", permalink(meta, article), { isPermaLink: "true" });
  // Item description is HTML (RSS 2.0 §item; Profile §description) and summary is plain text, so the
  // text is HTML-escaped first: "a <b> tag" must read as those characters, not as bold.
  if (article.summary !== "") w.text("description", escapeXml(feedText(article.summary)));
  // content:encoded carries the full HTML verbatim (RSS content module; Profile §content:encoded).
  if (article.contentHtml !== "" && !meta.summaryOnly) w.cdata("content:encoded", article.contentHtml);
  w.text("pubDate", rfc822Date(article.publishedAt));
  writeAuthors(w, article);
  for (const category of categories(article)) w.text("category", category);
  const images = feedImages(article); // photos whose URL is a valid URI (fields.ts)
  const lead = images[0];
  if (lead !== undefined) {
    // RSS 2.0 allows one enclosure per item (Profile §enclosure), and requires length: 0 means unknown.
    w.empty("enclosure", { url: lead.url, length: lead.byteLength ?? 0, type: lead.mimeType });
  }
  for (const image of images) writeMediaContent(w, image);
  w.close("item");
}

/**
 * Feedly's webfeeds elements (http://webfeeds.org/rss/1.0): cover is an attribute, the rest text.
 * Shared with Atom, where Feedly reads the same elements under <feed>.
 */
export function writeWebfeeds(w: XmlWriter, webfeeds: Webfeeds): void {
  if (webfeeds.cover !== undefined) w.empty("webfeeds:cover", { image: webfeeds.cover });
  if (webfeeds.icon !== undefined) w.text("webfeeds:icon", webfeeds.icon);
  if (webfeeds.logo !== undefined) w.text("webfeeds:logo", webfeeds.logo);
  if (webfeeds.accentColor !== undefined) w.text("webfeeds:accentColor", webfeeds.accentColor);
}

/**
 * One dc:creator with every name, in order (fields.ts authorLine, rssName). RSS <author> must be an
 * email address, `email (Name)` by convention (RSS 2.0 §item, Profile §author), and feedparser and
 * rss-parser show that string raw, address and brackets included; so it is never used, and an
 * author's email is carried by Atom and JSON Feed only.
 */
function writeAuthors(w: XmlWriter, article: Article): void {
  if (article.authors.length > 0) w.text("dc:creator", authorLine(article.authors.map((a) => ({ name: rssName(a.name) }))));
}

/** Media RSS §media:content for one photo, with its caption and credit as optional elements. */
function writeMediaContent(w: XmlWriter, image: Image): void {
  const attributes = {
    url: image.url,
    type: image.mimeType,
    medium: "image",
    fileSize: image.byteLength,
    width: image.width,
    height: image.height,
  };
  if (image.caption === undefined && image.credit === undefined) {
    w.empty("media:content", attributes);
    return;
  }
  w.open("media:content", attributes);
  // type="plain" is the Media RSS default; stated anyway so readers need not guess.
  if (image.caption !== undefined) w.text("media:description", feedText(image.caption), { type: "plain" });
  // No role or scheme: we do not know the credited party's role, and Media RSS makes both optional.
  if (image.credit !== undefined) w.text("media:credit", image.credit);
  w.close("media:content");
}
