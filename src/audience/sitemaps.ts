/**
 * Which sitemap document answers which URL, and how long it stays right. No HTTP here: the route
 * maps `undefined` to 404 and the document to a response (src/http/routes/sitemaps.ts).
 *
 *  - /sitemap-news.xml: articles published in the last 2 days (Google: "only include recent URLs for
 *    articles that were created in the last two days"), at most 1,000 per file ("you can add up to
 *    1,000 news:news tags"); more, and it is a sitemap index of ?page=1..n.
 *  - /sitemap.xml: every live article (sitemaps.org: at most 50,000 URLs per file); more, and it is
 *    an index of one file per month (?month=YYYY-MM, with &page=n for a month over 50,000).
 * Embargo and retraction are the feeds' own (src/store/sitemap-store.ts). A document is fresh until
 * the store changes or `expiresAt`: the next embargo lift, and for the news sitemap the moment its
 * oldest article turns 2 days old.
 */
import type { Config } from "../config.ts";
import { newestUpdate } from "../model/index.ts";
import { renderNewsSitemap, renderSitemap, renderSitemapIndex, type SitemapUrl } from "../render/sitemap.ts";
import type { SitemapEntry, SitemapStore } from "../store/index.ts";

export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_URLS_PER_FILE = 1000;
export const URLS_PER_FILE = 50_000;
// sitemaps.org: a URL must be shorter than 2,048 characters.
const MAX_URL_LENGTH = 2047;

export type SitemapDocument = {
  bytes: Uint8Array;
  version: number;
  /** When the bytes stop being right without any write: an embargo lifts, an article ages out. */
  expiresAt: string | undefined;
  /** The newest moment the content changed at (Last-Modified before the store's own change time). */
  changedAt: string;
  storeChangedAt: string | undefined;
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
const earliest = (...times: (string | undefined)[]) => times.filter((t): t is string => t !== undefined).sort()[0];
const latest = (...times: (string | undefined)[]) => times.filter((t): t is string => t !== undefined).sort().at(-1);

/** The lead photo when it is an image of known type (one the feeds would enclose as one). */
function toUrl(entry: SitemapEntry): SitemapUrl | undefined {
  if (entry.url.length > MAX_URL_LENGTH) return undefined;
  const photo = entry.imageUrl && entry.imageType?.startsWith("image/") && entry.imageUrl.length <= MAX_URL_LENGTH ? entry.imageUrl : undefined;
  return { url: entry.url, title: entry.title, language: entry.language, publishedAt: entry.publishedAt, updatedAt: entry.updatedAt, imageUrl: photo };
}
const toUrls = (entries: readonly SitemapEntry[]) => entries.flatMap((e) => toUrl(e) ?? []);

/** `page` undefined: the sitemap itself (or its index); a number: one part of the index. */
export async function newsSitemap(store: SitemapStore, config: Config, now: string, page: number | undefined): Promise<SitemapDocument | undefined> {
  const since = iso(Date.parse(now) - NEWS_WINDOW_MS);
  const offset = ((page ?? 1) - 1) * NEWS_URLS_PER_FILE;
  const read = await store.entries({ now, since, exclude: config.sitemapExclude ?? [], offset, limit: NEWS_URLS_PER_FILE });
  const pages = Math.ceil(read.total / NEWS_URLS_PER_FILE);
  if (page !== undefined && page > Math.max(1, pages)) return undefined;
  const asIndex = page === undefined && pages > 1;
  const bytes = asIndex
    ? renderSitemapIndex(Array.from({ length: pages }, (_, i) => ({ url: `${config.baseUrl}/sitemap-news.xml?page=${i + 1}` })))
    : renderNewsSitemap(toUrls(read.entries), { name: config.title, language: config.language });
  // Every page and the index change when any article of the window ages out (the pages shift).
  const agesOut = read.oldest ? iso(Date.parse(read.oldest) + NEWS_WINDOW_MS) : undefined;
  const agedOut = read.lastBefore ? iso(Date.parse(read.lastBefore) + NEWS_WINDOW_MS) : undefined;
  return {
    bytes,
    version: read.version,
    expiresAt: earliest(read.nextRelease, agesOut),
    changedAt: latest(newestUpdate(read.entries), agedOut)!,
    storeChangedAt: read.changedAt,
  };
}

/** `month` undefined: the whole sitemap (or the index by month); else one month's part. */
export async function fullSitemap(
  store: SitemapStore,
  config: Config,
  now: string,
  part: { month: string; page: number } | undefined,
  perFile = URLS_PER_FILE,
): Promise<SitemapDocument | undefined> {
  const exclude = config.sitemapExclude ?? [];
  const read = await store.entries({ now, exclude, offset: ((part?.page ?? 1) - 1) * perFile, limit: perFile, ...(part ? { month: part.month } : {}) });
  const base = { version: read.version, expiresAt: read.nextRelease, storeChangedAt: read.changedAt };
  if (part && read.entries.length === 0) return undefined;
  if (part || read.total <= perFile) return { ...base, bytes: renderSitemap(toUrls(read.entries)), changedAt: newestUpdate(read.entries) };
  const { months, ...state } = await store.months(now, exclude);
  const parts = months.flatMap((m) =>
    Array.from({ length: Math.ceil(m.count / perFile) }, (_, i) => ({
      url: `${config.baseUrl}/sitemap.xml?month=${m.month}${i === 0 ? "" : `&page=${i + 1}`}`,
      lastModified: m.lastModified,
    })),
  );
  return {
    bytes: renderSitemapIndex(parts),
    version: state.version,
    expiresAt: state.nextRelease,
    storeChangedAt: state.changedAt,
    changedAt: latest(...months.map((m) => m.lastModified)) ?? newestUpdate([]),
  };
}

/** robots.txt (RFC 9309) naming both sitemaps (sitemaps.org: the `Sitemap:` line takes a full URL). */
export function robotsTxt(config: Config): string {
  return [
    "User-agent: *",
    // The operator API and the private partner feeds are not for crawlers.
    "Disallow: /api/",
    "Disallow: /partners/",
    "",
    `Sitemap: ${config.baseUrl}/sitemap.xml`,
    `Sitemap: ${config.baseUrl}/sitemap-news.xml`,
    "",
  ].join("\n");
}
