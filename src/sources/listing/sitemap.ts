import type { Element } from "domhandler";
import { parseDate } from "../../extract/index.ts";
import { child, children, textOf } from "./xml.ts";
import { absoluteHttpUrl, MAX_ITEMS, type ListingItem } from "./item.ts";

/**
 * A sitemap (sitemaps.org 0.9 `urlset/url`): `loc` is the page, `lastmod` marks a change. A Google
 * News sitemap adds `news:news` with `news:publication_date` and `news:title`, which are its teaser.
 */
export function readUrlset(root: Element, base: string): { items: ListingItem[]; news: boolean } {
  let news = false;
  const items = children(root, "url")
    .slice(0, MAX_ITEMS)
    .flatMap((entry): ListingItem[] => {
      const url = absoluteHttpUrl(textOf(child(entry, "loc")), base);
      if (!url) return [];
      const lastmod = date(textOf(child(entry, "lastmod")));
      const article = child(entry, "news", "news");
      if (!article) return [{ url, ...(lastmod ? { marker: lastmod } : {}) }];
      news = true;
      const publishedAt = date(textOf(child(article, "publication_date")));
      const title = textOf(child(article, "title"));
      const marker = lastmod ?? publishedAt;
      return [{ url, ...(marker ? { marker } : {}), teaser: { ...(title ? { title } : {}), ...(publishedAt ? { publishedAt } : {}) } }];
    });
  return { items, news };
}

/** A sitemap index (`sitemapindex/sitemap`): the sitemaps it names, each with its `lastmod`. */
export function readSitemapIndex(root: Element, base: string): ListingItem[] {
  return children(root, "sitemap")
    .slice(0, MAX_ITEMS)
    .flatMap((entry): ListingItem[] => {
      const url = absoluteHttpUrl(textOf(child(entry, "loc")), base);
      const lastmod = date(textOf(child(entry, "lastmod")));
      return url ? [{ url, ...(lastmod ? { marker: lastmod } : {}) }] : [];
    });
}

const date = (value: string | undefined): string | undefined => (value ? parseDate(value) : undefined);
