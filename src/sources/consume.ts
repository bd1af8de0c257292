import type { Article } from "../model/index.ts";
import { pullPage, type PullDeps } from "./pull-page.ts";
import { retryDelaySeconds } from "./retry.ts";
import { PullMessageSchema } from "./schema.ts";
import { pollSource, type PollDeps, type PollReport } from "./poll.ts";

/** The part of a queue message the consumer uses (Cloudflare Queues' Message). */
export type QueuedPage = { body: unknown; attempts: number; ack(): void; retry(options?: { delaySeconds?: number }): void };

/**
 * One batch from the queue. Pages of one host are fetched one after another (politeness); hosts run
 * side by side, so a slow host delays only its own pages (each fetch is also time-capped). Every
 * message is acked or retried here; nothing thrown escapes, so one bad page never retries a batch.
 * Returns the articles that changed (to announce).
 */
export async function consumePages(deps: PullDeps, messages: readonly QueuedPage[]): Promise<Article[]> {
  const byHost = new Map<string, { message: QueuedPage; body: { sourceId: string; url: string } }[]>();
  for (const message of messages) {
    const parsed = PullMessageSchema.safeParse(message.body);
    let host: string | undefined;
    try {
      host = parsed.success ? new URL(parsed.data.url).host : undefined;
    } catch {
      host = undefined;
    }
    if (!parsed.success || host === undefined) {
      message.ack(); // not ours: a retry would not make it readable
      continue;
    }
    byHost.set(host, [...(byHost.get(host) ?? []), { message, body: parsed.data }]);
  }
  const changed: Article[] = [];
  await Promise.all(
    [...byHost.values()].map(async (pages) => {
      for (const { message, body } of pages) {
        try {
          const outcome = await pullPage(deps, body, message.attempts);
          if (outcome.action === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
          else {
            changed.push(...outcome.changed);
            message.ack();
          }
        } catch (error) {
          // Unexpected (the database unreachable...): try the page again later.
          console.error(`wirefeed: pulling ${body.url} failed`, error);
          message.retry({ delaySeconds: retryDelaySeconds(message.attempts, undefined) });
        }
      }
    }),
  );
  return changed;
}

/** Sources polled per cron tick at most; the rest are due at the next tick. */
export const POLLS_PER_TICK = 10;

/** The cron tick's work: poll every due source (a few at a time), each failure its own. */
export async function pollDueSources(deps: PollDeps, limit = POLLS_PER_TICK): Promise<PollReport[]> {
  const due = await deps.sources.due(deps.now, limit);
  const reports: PollReport[] = [];
  for (let i = 0; i < due.length; i += 4) {
    const settled = await Promise.allSettled(due.slice(i, i + 4).map((source) => pollSource(deps, source)));
    for (const result of settled) {
      if (result.status === "fulfilled") reports.push(result.value);
      else console.error("wirefeed: polling a source failed", result.reason);
    }
  }
  return reports;
}
