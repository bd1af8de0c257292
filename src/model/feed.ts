import * as z from "zod/mini";

const text = z.string().check(z.trim(), z.minLength(1));
const httpUrl = z.url({ protocol: /^https?$/ });

const FeedUrlsSchema = z.object({ rss: httpUrl, atom: httpUrl, json: httpUrl });
export type FeedUrls = z.infer<typeof FeedUrlsSchema>;

/**
 * Feedly's webfeeds namespace (http://webfeeds.org/rss/1.0, Feedly's "10 ways to optimize your feed
 * for Feedly"): branding Feedly shows for a feed. Written only when present, so feeds without it are
 * unchanged.
 */
export const WebfeedsSchema = z.strictObject({
  icon: z.optional(httpUrl),
  logo: z.optional(httpUrl),
  cover: z.optional(httpUrl),
  /** Six hex digits without "#", as Feedly documents it (e.g. "00A0E0"). */
  accentColor: z.optional(z.string().check(z.regex(/^[0-9A-Fa-f]{6}$/, "must be six hex digits without #, e.g. 00A0E0"))),
});
export type Webfeeds = z.infer<typeof WebfeedsSchema>;

export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** File names of the three formats, the same under every feed path: /feed.xml, /sections/x/atom.xml … */
export const FEED_FILES: Readonly<Record<FeedFormat, string>> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };

// An empty feed still needs an `updated` (RFC 4287 §4.2.15): the epoch says "nothing yet".
const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z";

/**
 * A feed's `updatedAt`: its newest item's (RFC 3339 UTC strings compare in time order). An empty
 * feed takes `whenEmpty`, the store's last change when the caller knows it (the moment the feed
 * became empty, or later): an epoch date is what readers and the W3C validator call implausible
 * (ImplausibleDate). Without one it is the epoch.
 */
export function newestUpdate(articles: readonly { updatedAt: string }[], whenEmpty?: string): string {
  if (articles.length === 0) return whenEmpty ?? EMPTY_FEED_UPDATED;
  return articles.reduce((newest, a) => (a.updatedAt > newest ? a.updatedAt : newest), EMPTY_FEED_UPDATED);
}

/**
 * Everything a renderer needs besides the articles. Renderers are pure: the same
 * FeedMeta and articles give the same bytes, so `updatedAt` is passed in, never read from a clock.
 */
export const FeedMetaSchema = z.object({
  title: text,
  description: text,
  /** The site's home page (RSS channel link, Atom alternate link, JSON Feed home_page_url). */
  homePageUrl: httpUrl,
  /** Absolute URL of this feed document in each format; each renderer uses its own as rel="self". */
  feedUrls: FeedUrlsSchema,
  /**
   * RFC 5005 §3 paged feeds: the first page, and the next (older) and previous (newer) pages, each
   * in every format. Absent for a feed that fits on one page.
   */
  pages: z.optional(z.object({ first: FeedUrlsSchema, next: z.optional(FeedUrlsSchema), previous: z.optional(FeedUrlsSchema) })),
  /** WebSub hub (W3C WebSub §4: rel="hub" beside rel="self") where subscribers can subscribe. */
  hubUrl: z.optional(httpUrl),
  /** Base for article permalinks: `${permalinkBase}/<id>` is each item's guid / Atom id. */
  permalinkBase: httpUrl,
  language: z.optional(z.string()),
  /** Site logo (RSS channel image, Atom logo, JSON Feed icon). */
  logoUrl: z.optional(httpUrl),
  /** Small square icon (Atom icon, JSON Feed favicon). */
  iconUrl: z.optional(httpUrl),
  /** RFC 3339 UTC: the newest updatedAt of the items, or the site's epoch for an empty feed. */
  updatedAt: z.iso.datetime(),
  /** Name of the generator, e.g. "Wirefeed". */
  generator: z.optional(text),
  /**
   * Items carry no body (a partner that takes summaries only): RSS writes no content:encoded, Atom no
   * content (RFC 4287 §4.1.1: the alternate link suffices), JSON Feed content_text = the summary.
   */
  summaryOnly: z.optional(z.boolean()),
  /** Feedly webfeeds branding (RSS and Atom elements, JSON Feed `_webfeeds`); absent: none written. */
  webfeeds: z.optional(WebfeedsSchema),
});
export type FeedMeta = z.infer<typeof FeedMetaSchema>;
