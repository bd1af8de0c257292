import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, inject, it } from "vitest";
import worker from "../../src/index.ts";
import { request } from "./helpers.ts";
import { pollSource } from "../../src/sources/index.ts";
import { createD1SourceStore } from "../../src/store/source-store.ts";
import { article, newSite, putPage, RecordingQueue, rss, testDeps } from "./pull-helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "application/json" };

// The whole path as deployed: the API adds a source, the cron trigger polls it and puts its pages on
// the real (Miniflare) queue, and the Worker's own queue consumer fetches and stores them.
it("a partial feed's pages reach the feeds, with full text, through the cron trigger and the queue", async () => {
  const site = newSite();
  const links: string[] = [];
  for (let n = 1; n <= 10; n++) {
    links.push(await putPage(site, `news/queued-story-number-${n}.html`, { body: article(`Queued story ${n}`, `The full text of queued story ${n}, which the feed does not carry.`) }));
  }
  const feed = await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss(links.map((link, i) => ({ link, title: `Queued story ${i + 1}`, description: "Teaser only." }))) });
  const created = await request("/api/sources", { method: "POST", headers: AUTH, body: JSON.stringify({ url: feed }) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);

  // Queue delivery is asynchronous (max_batch_timeout): wait for the consumer, boundedly.
  let view: { items: { ingested: number; queued: number } } | undefined;
  for (let i = 0; i < 150; i++) {
    view = (await (await request(`/api/sources/${id}`, { headers: AUTH })).json()) as typeof view;
    if (view!.items.ingested === 10) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(view!.items).toMatchObject({ ingested: 10, queued: 0 });
  const items = ((await (await request("/feed.json?limit=100")).json()) as { items: { url: string; content_html: string }[] }).items;
  for (let n = 1; n <= 10; n++) expect(items.find((item) => item.url === links[n - 1])?.content_html).toContain(`full text of queued story ${n}`);
}, 30_000);

// The queue handler itself: what it acks and retries, and the WebSub ping for what changed (none
// for a page that did not).
it("the queue handler acks stored pages, retries failed ones, and pings the hub only when a page changed", async () => {
  const site = newSite();
  const good = await putPage(site, "news/a-story-for-the-hub-ping.html", { body: article("Pinged", "A story whose storing the hub hears about, once.") });
  const flaky = await putPage(site, "news/a-story-that-fails-first.html", { failTimes: 1, failStatus: 502, body: article("Later", "A story served on the second try.") });
  const feed = await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: good, title: "Pinged" }, { link: flaky, title: "Later" }]) });
  const { id } = (await (await request("/api/sources", { method: "POST", headers: AUTH, body: JSON.stringify({ url: feed }) })).json()) as { id: string };
  // Polled with a recording queue: the Miniflare queue's own consumer must not race the test's batches.
  await pollSource(testDeps(new RecordingQueue()), (await createD1SourceStore(env.DB).get(id))!);
  const channel = crypto.randomUUID();
  const hubEnv = { ...env, WEBSUB_HUB_URL: `${inject("stubBaseUrl")}/hub/${channel}` };
  const deliver = async () => {
    const batch = createMessageBatch("wirefeed-pages", [good, flaky].map((url, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body: { sourceId: id, url } })));
    const ctx = createExecutionContext();
    await worker.queue(batch, hubEnv, ctx);
    return getQueueResult(batch, ctx);
  };
  const hubLog = async () => (await (await fetch(`${inject("stubBaseUrl")}/hub/${channel}/log`)).json()) as unknown[];

  const first = await deliver();
  expect(first.explicitAcks).toEqual(["m0"]);
  expect(first.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["m1"]); // (its delay: pull.test.ts)
  expect(await hubLog()).toHaveLength(1);

  const second = await deliver(); // m0 unchanged, m1 now served
  expect(second.explicitAcks.sort()).toEqual(["m0", "m1"]);
  expect(await hubLog(), "one more ping, for the page that changed only").toHaveLength(2);
  const third = await deliver(); // nothing changed
  expect(third.explicitAcks.sort()).toEqual(["m0", "m1"]);
  expect(await hubLog()).toHaveLength(2);
}, 30_000);
