/**
 * Sitemaps (sitemaps.org protocol 0.9) with Google's News and Image extensions. Pure: entries and
 * settings in, UTF-8 bytes out, written with the one XML writer (xml.ts), so every value is escaped
 * and stripped of characters XML cannot hold.
 *   News: https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
 *   Image: https://developers.google.com/search/docs/crawling-indexing/sitemaps/image-sitemaps
 */
import { XmlWriter } from "./xml.ts";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1";

export type SitemapUrl = {
  url: string;
  title: string;
  language?: string | null | undefined;
  publishedAt: string;
  updatedAt: string;
  /** The lead photo (image:image), when there is one worth naming. */
  imageUrl?: string | null | undefined;
};

/** A plain sitemap: each article's URL and when it last changed (lastmod, W3C Datetime). */
export function renderSitemap(urls: readonly SitemapUrl[]): Uint8Array {
  const w = new XmlWriter().open("urlset", { xmlns: SITEMAP_NS, "xmlns:image": IMAGE_NS });
  for (const u of urls) {
    w.open("url").text("loc", u.url).text("lastmod", u.updatedAt);
    if (u.imageUrl) w.open("image:image").text("image:loc", u.imageUrl).close("image:image");
    w.close("url");
  }
  return w.close("urlset").finish();
}

/**
 * A News sitemap: per URL one news:news with the publication (name, language), the publication
 * date and the title, all required by Google, and the lead photo as image:image.
 */
export function renderNewsSitemap(urls: readonly SitemapUrl[], publication: { name: string; language: string }): Uint8Array {
  const w = new XmlWriter().open("urlset", { xmlns: SITEMAP_NS, "xmlns:news": NEWS_NS, "xmlns:image": IMAGE_NS });
  for (const u of urls) {
    w.open("url").text("loc", u.url);
    w.open("news:news").open("news:publication");
    w.text("news:name", publication.name).text("news:language", newsLanguage(u.language ?? publication.language));
    w.close("news:publication").text("news:publication_date", u.publishedAt).text("news:title", u.title).close("news:news");
    if (u.imageUrl) w.open("image:image").text("image:loc", u.imageUrl).close("image:image");
    w.close("url");
  }
  return w.close("urlset").finish();
}

/** A sitemap index (sitemaps.org §"Using Sitemap index files"): where the parts are. */
export function renderSitemapIndex(sitemaps: readonly { url: string; lastModified?: string | undefined }[]): Uint8Array {
  const w = new XmlWriter().open("sitemapindex", { xmlns: SITEMAP_NS });
  for (const s of sitemaps) {
    w.open("sitemap").text("loc", s.url);
    if (s.lastModified) w.text("lastmod", s.lastModified);
    w.close("sitemap");
  }
  return w.close("sitemapindex").finish();
}

/**
 * news:language is an ISO 639 code of two or three letters, except Chinese, which Google wants as
 * zh-cn (simplified) or zh-tw (traditional). A BCP 47 tag is cut to its primary subtag.
 */
export function newsLanguage(tag: string): string {
  const parts = tag.toLowerCase().split("-");
  if (parts[0] !== "zh") return parts[0] ?? tag;
  return parts.some((p) => p === "tw" || p === "hk" || p === "mo" || p === "hant") ? "zh-tw" : "zh-cn";
}
