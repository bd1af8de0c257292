import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { outboundFor } from "./fetch/index.ts";
import type { Bindings } from "./http/env.ts";
import { isoNow } from "./http/now.ts";
import { announceReleases } from "./jobs/announce-releases.ts";
import { createD1Store } from "./store/index.ts";

const app = createApp();

export default {
  fetch: app.fetch,

  /** Cron trigger (wrangler.toml [triggers]): tells the WebSub hub about articles whose embargo lifted. */
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
  },
} satisfies ExportedHandler<Bindings>;
