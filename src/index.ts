import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";
import { outboundFor } from "./fetch/index.ts";
import type { Bindings } from "./http/env.ts";
import { invalidatingWrites, VERSION_TRUST_MS } from "./http/feed-cache.ts";
import { isoNow } from "./http/now.ts";
import { liveTopics, publishToHub } from "./ingest/index.ts";
import { announceReleases } from "./jobs/announce-releases.ts";
import { consumePages, ensureConfiguredSources, pollDueSources, type QueuedPage } from "./sources/index.ts";
import { pullDeps } from "./sources/runtime.ts";
import { createD1Store } from "./store/index.ts";

const app = createApp();

export default {
  fetch: app.fetch,

  /**
   * Cron trigger (wrangler.toml [triggers]): tells the WebSub hub about articles whose embargo lifted,
   * and polls the sources that are due (pull mode; their pages go on PULL_QUEUE).
   */
  async scheduled(_controller, env, ctx) {
    const loaded = loadConfig(env);
    if (!loaded.ok) return; // loadConfig has logged what is wrong
    const work = announceReleases(createD1Store(env.DB), loaded.config, isoNow(), outboundFor(loaded.config)).then(
      (report) => {
        if (report.ping && !report.ping.ok) console.warn(`wirefeed: release ping failed (retried next minute): ${report.ping.error}`);
      },
      (error: unknown) => console.error("wirefeed: release announcement failed", error),
    );
    ctx.waitUntil(work);
    const deps = pullDeps({ db: env.DB, articles: invalidatingWrites(createD1Store(env.DB)), queue: env.PULL_QUEUE, raw: env.RAW_PAGES }, loaded.config, isoNow());
    const polls = ensureConfiguredSources(env.DB, deps.sources, deps.now)
      .then(() => pollDueSources(deps))
      .catch((error: unknown) => console.error("wirefeed: polling sources failed", error));
    ctx.waitUntil(polls);
  },

  /** PULL_QUEUE consumer (wrangler.toml [[queues.consumers]]): fetches, extracts and stores pulled pages. */
  async queue(batch, env, ctx) {
    const loaded = loadConfig(env);
    if (!loaded.ok) {
      batch.retryAll({ delaySeconds: 300 }); // the settings are being fixed: the pages wait
      return;
    }
    const deps = pullDeps({ db: env.DB, articles: invalidatingWrites(createD1Store(env.DB)), queue: env.PULL_QUEUE, raw: env.RAW_PAGES }, loaded.config, isoNow());
    const changed = await consumePages(deps, batch.messages as readonly QueuedPage[]);
    const topics = liveTopics(loaded.config, changed, deps.now);
    if (loaded.config.hubUrl && topics.length > 0) ctx.waitUntil(announcePulled(loaded.config, loaded.config.hubUrl, topics));
  },
} satisfies ExportedHandler<Bindings>;

/** As an API write does (http/after-change.ts): ping once every isolate can serve the new bytes. */
async function announcePulled(config: Config, hubUrl: string, topics: string[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, VERSION_TRUST_MS + 500));
  const result = await publishToHub(hubUrl, topics, { outbound: outboundFor(config) });
  if (!result.ok) console.warn(`wirefeed: WebSub hub ping failed: ${result.error}`);
}
