import { permalinkBase, type Config } from "../config.ts";
import { outboundFor } from "../fetch/index.ts";
import { imageMeasurer } from "../ingest/index.ts";
import type { ArticleStore } from "../store/index.ts";
import { createD1SourceStore } from "../store/source-store.ts";
import type { PageQueue } from "./poll.ts";

export type PullBindings = {
  db: D1Database;
  /** The article store, as the caller wraps it (the Worker's forgets its cached feeds on every write). */
  articles: ArticleStore;
  queue: PageQueue | undefined;
  /** RAW_PAGES: where raw pages are kept, when bound (else D1). */
  raw?: R2Bucket | undefined;
  /** Tests only: what answers the outbound module's requests (the runtime's fetch otherwise). */
  fetcher?: (request: Request) => Promise<Response>;
};

/**
 * Everything polling and the consumer need, from the bindings they are given. One outbound module
 * per piece of work (a cron tick, a queue batch): its per-host limit counts that work's requests.
 */
export function pullDeps(bindings: PullBindings, config: Config, now: string) {
  return {
    articles: bindings.articles,
    sources: createD1SourceStore(bindings.db, bindings.raw),
    outbound: outboundFor(config, bindings.fetcher),
    queue: bindings.queue ?? missingQueue,
    now,
    permalinkBase: permalinkBase(config),
    measure: imageMeasurer(config),
  };
}

/** Without a PULL_QUEUE binding, polling fails loudly rather than dropping the pages it found. */
const missingQueue: PageQueue = {
  sendBatch: () => Promise.reject(new Error("no PULL_QUEUE binding: add [[queues.producers]] to wrangler.toml (README, Pull mode)")),
};
