import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { invalidatingWrites } from "../../src/http/feed-cache.ts";
import { isoNow } from "../../src/http/now.ts";
import { consumePages, type PullMessage, type QueuedPage } from "../../src/sources/index.ts";
import { pullDeps } from "../../src/sources/runtime.ts";
import { createD1Store } from "../../src/store/index.ts";
import type { StubHit, StubPage } from "../tools/stub-site.ts";

export const SITE = inject("stubSiteUrl");
export const SITE2 = inject("stubSiteUrl2");
export const PERMALINKS = "http://localhost:8787/articles";

/** A fresh site id per test: its pages and its request log are its own. */
export const newSite = () => `s${crypto.randomUUID().slice(0, 8)}`;

export async function putPage(site: string, path: string, page: StubPage, base = SITE): Promise<string> {
  const response = await fetch(`${base}/_page/${site}/${path}`, { method: "PUT", body: JSON.stringify(page) });
  if (response.status !== 204) throw new Error(`stub site answered ${response.status}`);
  return `${base}/${site}/${path}`;
}

export async function hitsOf(site: string, base = SITE): Promise<StubHit[]> {
  return (await (await fetch(`${base}/_log/${site}`)).json()) as StubHit[];
}

/** Records what polling sends, for the test to deliver (the real queue delivers on its own time). */
export class RecordingQueue {
  sent: PullMessage[] = [];
  async sendBatch(messages: Iterable<{ body: PullMessage }>) {
    for (const { body } of messages) this.sent.push(body);
  }
  take(): PullMessage[] {
    const taken = this.sent;
    this.sent = [];
    return taken;
  }
}

export function testDeps(queue: RecordingQueue, now = isoNow()) {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error("the test settings are invalid");
  return pullDeps({ db: env.DB, articles: invalidatingWrites(createD1Store(env.DB)), queue, raw: env.RAW_PAGES }, loaded.config, now);
}

export type Delivery = { body: PullMessage; attempts: number; outcome?: "ack" | "retry"; delaySeconds?: number };

/** Delivers messages to the consumer as one batch, recording each one's ack or retry. */
export async function deliver(messages: { body: PullMessage; attempts?: number }[], queue = new RecordingQueue()): Promise<Delivery[]> {
  const deliveries: Delivery[] = messages.map((m) => ({ body: m.body, attempts: m.attempts ?? 1 }));
  const batch: QueuedPage[] = deliveries.map((d) => ({
    body: d.body,
    attempts: d.attempts,
    ack: () => void (d.outcome = "ack"),
    retry: (options) => void ((d.outcome = "retry"), (d.delaySeconds = options?.delaySeconds)),
  }));
  await consumePages(testDeps(queue), batch);
  return deliveries;
}

/** Delivers everything polling queued, once. */
export const drain = (queue: RecordingQueue) => deliver(queue.take().map((body) => ({ body })));

export const article = (title: string, text: string, extra = "") => `<!doctype html><html lang="en"><head><title>${title}</title>
<meta property="article:published_time" content="2025-05-06T08:00:00Z">${extra}</head><body><nav><a href="/">Home</a></nav>
<article><h1>${title}</h1><p>${text}</p><p>The harbour committee will meet again next month to decide on the remaining items of the plan.</p></article></body></html>`;

export function rss(items: { link: string; title: string; description?: string; pubDate?: string; guid?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Stub</title><link>http://stub/</link><description>Stub</description>
${items.map((i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.description ? `<description>${i.description}</description>` : ""}${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ""}${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ""}</item>`).join("\n")}
</channel></rss>`;
}
