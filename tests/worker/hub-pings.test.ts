import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { HUB_BATCH_TOPICS } from "../../src/ingest/index.ts";
import type { HubPost } from "../tools/stub-servers.ts";
import { newsPage } from "./helpers.ts";

// Issue 13 items 5 and 11: a ping names only feeds that are live (an embargoed article's section
// and tags stay secret until the release job announces them), and many topics go out in batches.
const STUB = inject("stubBaseUrl");
const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };

async function put(id: string, body: string, hub: string) {
  const ctx = createExecutionContext();
  const response = await createApp().fetch(new Request(`http://localhost:8787/api/articles/${id}`, { method: "PUT", headers: AUTH, body }), { ...env, WEBSUB_HUB_URL: hub }, ctx);
  await waitOnExecutionContext(ctx); // the ping runs after the response, in waitUntil
  expect(response.status).toBeLessThan(300);
}
const hubTopics = async (channel: string) => {
  const posts = (await (await fetch(`${STUB}/hub/${channel}/log`)).json()) as HubPost[];
  return posts.map((post) => post.form.filter(([key]) => key === "hub.url").map(([, url]) => url));
};
const future = () => new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");

describe("WebSub pings at ingest", () => {
  it("never name the section or tags of an embargoed article", async () => {
    const channel = crypto.randomUUID();
    const hub = `${STUB}/hub/${channel}`;
    const page = newsPage({ title: "Merger secret", url: "https://n.example/merger", date: future(), section: "Takeover Desk", tags: ["Acme Merger"] });
    await put("embargoed-merger", page, hub);
    expect(await hubTopics(channel), "nothing live changed: no ping at all").toEqual([]);
  }, 20_000);

  it("name the feeds a live article leaves, but not those of its embargoed new version", async () => {
    const channel = crypto.randomUUID();
    const hub = `${STUB}/hub/${channel}`;
    await put("re-embargoed", newsPage({ title: "Live first", url: "https://n.example/re-embargoed", date: "2025-05-01T00:00:00Z", section: "Open Desk" }), hub);
    await put("re-embargoed", newsPage({ title: "Now embargoed", url: "https://n.example/re-embargoed", date: future(), section: "Hidden Desk", tags: ["Hidden Tag"] }), hub);
    const [first, second] = await hubTopics(channel);
    expect(first).toContain("http://localhost:8787/sections/open-desk/feed.xml");
    expect(second).toContain("http://localhost:8787/sections/open-desk/atom.xml"); // it left that feed
    expect(second).toContain("http://localhost:8787/feed.json");
    expect(second!.join(" ")).not.toMatch(/hidden/);
  }, 20_000);

  it(`split many topics into POSTs of at most ${HUB_BATCH_TOPICS} URLs`, async () => {
    const channel = crypto.randomUUID();
    const tags = Array.from({ length: 40 }, (_, i) => `Topic ${i}`);
    await put("many-tags", newsPage({ title: "Many tags", url: "https://n.example/many-tags", date: "2025-05-02T00:00:00Z", section: "Wide", tags }), `${STUB}/hub/${channel}`);
    const batches = await hubTopics(channel);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((batch) => batch.length <= HUB_BATCH_TOPICS)).toBe(true);
    const all = batches.flat();
    expect(new Set(all).size).toBe(all.length);
    for (let i = 0; i < 40; i++) expect(all).toContain(`http://localhost:8787/tags/topic-${i}/feed.json`);
  }, 20_000);
});
