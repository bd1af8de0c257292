import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import worker from "../../src/index.ts";
import type { HubPost } from "../tools/stub-servers.ts";
import { newsPage, request } from "./helpers.ts";

const STUB = inject("stubBaseUrl");
const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };

async function tick(vars: Record<string, string>) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), { ...env, ...vars } as never, ctx);
  await waitOnExecutionContext(ctx);
}
const hubLog = async (channel: string) => (await (await fetch(`${STUB}/hub/${channel}/log`)).json()) as HubPost[];

describe("the cron trigger announces lifted embargoes to the WebSub hub", () => {
  it("pings the feeds of an article once its publishedAt has passed, once, and retries a failing hub", async () => {
    const channel = crypto.randomUUID();
    const hub = { WEBSUB_HUB_URL: `${STUB}/hub/${channel}` };
    await tick(hub); // first run: starts covering from now
    const soon = new Date(Date.now() + 2000).toISOString().replace(/\.\d+Z$/, "Z");
    await request("/api/articles/embargoed-release", { method: "PUT", headers: AUTH, body: newsPage({ title: "Released", url: "https://n.example/released", date: soon, section: "Launches" }) });
    await tick(hub);
    expect(await hubLog(channel)).toEqual([]); // not live yet: nothing to announce

    await new Promise((resolve) => setTimeout(resolve, 3100));
    await tick({ WEBSUB_HUB_URL: `${STUB}/hub/${channel}?status=500` }); // the hub fails: retried next tick
    await tick(hub);
    const posts = await hubLog(channel);
    const accepted = posts.at(-1)!;
    expect(accepted.form).toContainEqual(["hub.url", "http://localhost:8787/sections/launches/feed.xml"]);
    expect(accepted.form).toContainEqual(["hub.url", "http://localhost:8787/feed.json"]);
    await tick(hub);
    expect(await hubLog(channel)).toHaveLength(posts.length); // announced once
    expect(await (await request("/feed.json")).text()).toContain("embargoed-release");
  }, 20_000);
});
