import type { Context } from "hono";
import type { Config } from "../config.ts";
import { measureImages, publishToHub, type MeasureImages } from "../ingest/index.ts";
import { scopeId, scopesOf, SITE_SCOPE, type Article, type FeedScope } from "../model/index.ts";
import type { AppEnv } from "./env.ts";
import { VERSION_TRUST_MS } from "./feed-cache.ts";
import { DEFAULT_LIMIT, feedUrls } from "./feed-request.ts";

/** The photo measurer for this deployment, or none when MEASURE_IMAGES is "false". */
export function imageMeasurer(config: Config): MeasureImages {
  // Called unbound: workerd's fetch rejects a foreign `this`.
  return config.measureImages ? (images) => measureImages(images, { fetch: (request) => fetch(request) }) : undefined;
}

/**
 * WebSub topics a change touches: the first page of every feed (site, sections, tags, authors) that
 * holds one of the articles, before or after the change, in each format.
 */
export function changedTopics(config: Config, articles: readonly Article[]): string[] {
  // Keyed by scopeId, the model's one key per scope: every article is in the site feed too.
  const scopes = new Map<string, FeedScope>([[scopeId(SITE_SCOPE), SITE_SCOPE]]);
  for (const article of articles) {
    for (const { scope } of scopesOf(article)) scopes.set(scopeId(scope), scope);
  }
  return [...scopes.values()].flatMap((scope) => Object.values(feedUrls(config, scope, { limit: DEFAULT_LIMIT })));
}

/**
 * After a change is stored: ping the hub after the response is on its way (waitUntil), so a slow or
 * failing hub never delays or fails the ingest. Its failures are logged, never raised.
 */
export function announceChange(c: Context<AppEnv>, articles: readonly Article[]): void {
  const { hubUrl } = c.var.config;
  if (!hubUrl || articles.length === 0) return;
  const topics = changedTopics(c.var.config, articles);
  // Other isolates trust the version they last read for VERSION_TRUST_MS: a hub fetching at once
  // could still be served the old bytes and push nothing. So the ping waits that long first.
  const ping = new Promise((resolve) => setTimeout(resolve, VERSION_TRUST_MS + 500))
    .then(() => publishToHub(hubUrl, topics, { fetch: (request) => fetch(request) }))
    .then((result) => {
      if (!result.ok) console.warn(`wirefeed: WebSub hub ping failed: ${result.error}`);
    });
  try {
    c.executionCtx.waitUntil(ping);
  } catch {
    // No execution context (app.request in a test): the ping still runs; nothing waits for it.
  }
}
