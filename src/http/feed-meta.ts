import { permalinkBase, type Config } from "../config.ts";
import type { FeedMeta, FeedScope } from "../model/index.ts";
import type { FeedPage } from "../store/index.ts";
import { feedUrls, type FeedRequest } from "./feed-request.ts";

// An empty feed still needs an `updated` (RFC 4287 §4.2.15): the epoch says "nothing yet".
const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z";

/** "Wirefeed", "Wirefeed: North Korea", "Wirefeed: articles by Han Jee-hye". */
export function scopeTitle(config: Config, scope: FeedScope, name: string | undefined): string {
  if (scope.kind === "all") return config.title;
  const label = name ?? scope.key;
  return scope.kind === "author" ? `${config.title}: articles by ${label}` : `${config.title}: ${label}`;
}

function scopeDescription(config: Config, scope: FeedScope, name: string | undefined): string {
  if (scope.kind === "all") return config.description;
  const label = name ?? scope.key;
  switch (scope.kind) {
    case "section":
      return `${config.description}: the ${label} section`;
    case "tag":
      return `${config.description}: articles tagged ${label}`;
    case "author":
      return `${config.description}: articles by ${label}`;
  }
}

/** Feed-level metadata of one page, from the settings and the page itself (no clock: see FeedMeta). */
export function buildFeedMeta(config: Config, request: FeedRequest, page: FeedPage): FeedMeta {
  const { scope, limit } = request;
  const updatedAt = page.articles.reduce((newest, a) => (a.updatedAt > newest ? a.updatedAt : newest), EMPTY_FEED_UPDATED);
  const paged = page.next !== undefined || page.previous !== undefined;
  return {
    title: scopeTitle(config, scope, page.name),
    description: scopeDescription(config, scope, page.name),
    homePageUrl: `${config.baseUrl}/`,
    feedUrls: feedUrls(config, scope, { limit, before: request.before }),
    ...(paged
      ? {
          pages: {
            first: feedUrls(config, scope, { limit }),
            ...(page.next ? { next: feedUrls(config, scope, { limit, before: page.next }) } : {}),
            ...(page.previous ? { previous: feedUrls(config, scope, { limit, before: page.previous.cursor }) } : {}),
          },
        }
      : {}),
    ...(config.hubUrl ? { hubUrl: config.hubUrl } : {}),
    permalinkBase: permalinkBase(config),
    language: config.language,
    ...(config.logoUrl ? { logoUrl: config.logoUrl } : {}),
    updatedAt,
    generator: "Wirefeed",
  };
}
