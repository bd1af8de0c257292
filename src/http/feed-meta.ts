import { permalinkBase, type Config } from "../config.ts";
import type { Article, FeedMeta } from "../model/index.ts";

/** The paths the three public feeds are served at. */
export const FEED_PATHS = { rss: "/feed.xml", atom: "/atom.xml", json: "/feed.json" } as const;

// An empty feed still needs an `updated` (RFC 4287 §4.2.15): the epoch says "nothing yet".
const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z";

/** Feed-level metadata from the site settings and the feed's own items (no clock: see FeedMeta). */
export function buildFeedMeta(config: Config, articles: readonly Article[]): FeedMeta {
  const updatedAt = articles.reduce((newest, a) => (a.updatedAt > newest ? a.updatedAt : newest), EMPTY_FEED_UPDATED);
  return {
    title: config.title,
    description: config.description,
    homePageUrl: `${config.baseUrl}/`,
    feedUrls: {
      rss: config.baseUrl + FEED_PATHS.rss,
      atom: config.baseUrl + FEED_PATHS.atom,
      json: config.baseUrl + FEED_PATHS.json,
    },
    permalinkBase: permalinkBase(config),
    language: config.language,
    ...(config.logoUrl ? { logoUrl: config.logoUrl } : {}),
    updatedAt,
    generator: "Wirefeed",
  };
}
