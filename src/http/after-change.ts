import type { Context } from "hono";
import { outboundFor } from "../fetch/index.ts";
import { liveTopics, publishToHub } from "../ingest/index.ts";
import type { Article } from "../model/index.ts";
import type { AppEnv } from "./env.ts";
import { VERSION_TRUST_MS } from "./feed-cache.ts";
import { isoNow } from "./now.ts";

// The measurer is built in ingest/ (issue 12); routes take it from here with the hub announcement.
export { imageMeasurer } from "../ingest/index.ts";

/**
 * After a change is stored: ping the hub after the response is on its way (waitUntil), so a slow or
 * failing hub never delays or fails the ingest. Its failures are logged, never raised. Only feeds
 * that are live now are named (liveTopics): an embargoed article's scopes wait for its release.
 */
export function announceChange(c: Context<AppEnv>, articles: readonly Article[]): void {
  const { hubUrl } = c.var.config;
  if (!hubUrl || articles.length === 0) return;
  const topics = liveTopics(c.var.config, articles, isoNow());
  if (topics.length === 0) return;
  const outbound = outboundFor(c.var.config);
  // Other isolates trust the version they last read for VERSION_TRUST_MS: a hub fetching at once
  // could still be served the old bytes and push nothing. So the ping waits that long first.
  const ping = new Promise((resolve) => setTimeout(resolve, VERSION_TRUST_MS + 500))
    .then(() => publishToHub(hubUrl, topics, { outbound }))
    .then((result) => {
      if (!result.ok) console.warn(`wirefeed: WebSub hub ping failed: ${result.error}`);
    });
  try {
    c.executionCtx.waitUntil(ping);
  } catch {
    // No execution context (app.request in a test): the ping still runs; nothing waits for it.
  }
}
