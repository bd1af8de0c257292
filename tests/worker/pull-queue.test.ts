import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import worker from "../../src/index.ts";
import { request } from "./helpers.ts";
import { article, newSite, putPage, rss } from "./pull-helpers.ts";

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
