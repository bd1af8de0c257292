/**
 * A partner's feed document: its FeedMeta, and the render under its size cap. Pure: the caller
 * passes the settings, the selected articles and `updatedAt`-bearing data; no clock, no I/O.
 */
import { permalinkBase, type Config } from "../config.ts";
import { FEED_FILES, newestUpdate, type Article, type FeedFormat, type FeedMeta, type FeedUrls } from "../model/index.ts";
import { renderFeed } from "../render/index.ts";
import type { Exclusion } from "./rules.ts";
import type { PartnerProfile } from "./schema.ts";


/** The partner's feed URLs. Never with ?key=: the key must not travel inside a document. */
export function partnerFeedUrls(config: Config, partnerId: string): FeedUrls {
  const url = (format: FeedFormat) => `${config.baseUrl}/partners/${partnerId}/${FEED_FILES[format]}`;
  return { rss: url("rss"), atom: url("atom"), json: url("json") };
}

/** `changedAt`: the store's last change, the `updated` of a feed left empty (model newestUpdate). */
export function partnerFeedMeta(config: Config, profile: PartnerProfile, articles: readonly Article[], changedAt?: string): FeedMeta {
  return {
    title: profile.title ?? `${config.title} for ${profile.name}`,
    description: config.description,
    homePageUrl: `${config.baseUrl}/`,
    feedUrls: partnerFeedUrls(config, profile.id),
    // No WebSub hub: partner feeds are private, and a hub would publish them to any subscriber.
    permalinkBase: permalinkBase(config),
    language: config.language,
    ...(config.logoUrl ? { logoUrl: config.logoUrl } : {}),
    updatedAt: newestUpdate(articles, changedAt),
    generator: "Wirefeed",
    ...(profile.content === "summary" ? { summaryOnly: true } : {}),
    ...(profile.webfeeds ? { webfeeds: profile.webfeeds } : {}),
  };
}

export type PartnerRender = { bytes: Uint8Array; articles: Article[]; excluded: Exclusion[] };

/**
 * Renders the feed, dropping the oldest items until it fits `maxFeedBytes` (UTF-8). The largest
 * count that fits is found by binary search (the size grows with the count), so a cap costs about
 * log2(items) renders, not one per dropped item. An empty feed is served even if it is over the cap.
 */
export function renderPartnerFeed(format: FeedFormat, config: Config, profile: PartnerProfile, articles: readonly Article[], changedAt?: string): PartnerRender {
  const render = (count: number) => renderFeed(format, articles.slice(0, count), partnerFeedMeta(config, profile, articles.slice(0, count), changedAt));
  const whole = render(articles.length);
  const max = profile.maxFeedBytes;
  if (max === undefined || whole.byteLength <= max) return { bytes: whole, articles: [...articles], excluded: [] };
  let fits = 0;
  let over = articles.length;
  while (over - fits > 1) {
    const middle = (fits + over) >> 1;
    if (render(middle).byteLength <= max) fits = middle;
    else over = middle;
  }
  const excluded = articles.slice(fits).map((a) => ({
    id: a.id,
    title: a.title,
    reason: "feed-size" as const,
    detail: `the ${format} feed would exceed ${max} bytes; the oldest items are dropped to fit`,
  }));
  return { bytes: render(fits), articles: articles.slice(0, fits), excluded };
}
