import { permalinkBase, type Config } from "../config.ts";
import { newestUpdate, type FeedMeta, type FeedScope } from "../model/index.ts";
import type { FeedPage } from "../store/index.ts";
import { feedUrls, type FeedRequest } from "./feed-request.ts";


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
  const updatedAt = newestUpdate(page.articles, page.changedAt);
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
