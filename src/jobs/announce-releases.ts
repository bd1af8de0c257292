import type { Config } from "../config.ts";
import type { Outbound } from "../fetch/index.ts";
import { liveTopics, publishToHub, type PublishResult } from "../ingest/index.ts";
import type { ArticleStore } from "../store/index.ts";

const JOB = "announce-releases";

export type ReleaseReport = { released: number; ping?: PublishResult };

/**
 * An embargo lifting changes feeds without any write, so no ingest pings the hub for it. This job
 * (a cron trigger, every minute) pings the feeds of every article that went live since the time it
 * last covered. The covered time moves on only once the hub took the ping, so a failing hub is tried
 * again at the next tick and a skipped tick loses nothing.
 */
export async function announceReleases(
  store: ArticleStore,
  config: Config,
  now: string,
  outbound: Outbound,
): Promise<ReleaseReport> {
  if (!config.hubUrl) return { released: 0 };
  const after = (await store.jobCoveredUntil(JOB)) ?? now;
  const released = await store.wentLive(after, now);
  if (released.length === 0) {
    await store.setJobCoveredUntil(JOB, now);
    return { released: 0 };
  }
  const ping = await publishToHub(config.hubUrl, liveTopics(config, released, now), { outbound });
  if (ping.ok) await store.setJobCoveredUntil(JOB, now);
  return { released: released.length, ping };
}
