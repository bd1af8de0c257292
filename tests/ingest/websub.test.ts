import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutbound } from "../../src/fetch/index.ts";
import { HUB_BATCH_TOPICS, publishToHub } from "../../src/ingest/websub.ts";
import { startStubServers, type StubServers } from "../tools/stub-servers.ts";

let stubs: StubServers;
beforeAll(async () => {
  stubs = await startStubServers();
});
afterAll(() => stubs.close());

// The hub URL is the operator's (trusted): it needs no OUTBOUND_ALLOW_PRIVATE entry.
const via = (fetcher?: (request: Request) => Promise<Response>) => ({ outbound: createOutbound({ userAgent: "Wirefeed/1.0 (+https://wire.example)", allowPrivate: [], ...(fetcher ? { fetcher } : {}) }) });
const TOPICS = ["https://news.example/feed.xml", "https://news.example/sections/world/feed.json?limit=30&page=2"];

describe("publishToHub", () => {
  it("POSTs hub.mode=publish with one hub.url per topic, form-encoded, and succeeds on 2xx", async () => {
    const channel = crypto.randomUUID();
    expect(await publishToHub(`${stubs.baseUrl}/hub/${channel}`, TOPICS, via())).toEqual({ ok: true, status: 204 });
    expect(stubs.hubPosts(channel)).toEqual([
      {
        method: "POST",
        contentType: "application/x-www-form-urlencoded",
        form: [["hub.mode", "publish"], ["hub.url", TOPICS[0]], ["hub.url", TOPICS[1]]],
      },
    ]);
  });

  it("reports a failing hub as a value", async () => {
    const channel = crypto.randomUUID();
    const result = await publishToHub(`${stubs.baseUrl}/hub/${channel}?status=500`, TOPICS, via());
    expect(result).toMatchObject({ ok: false, status: 500 });
    expect(result.error).toMatch(/500/);
    expect(stubs.hubPosts(channel)).toHaveLength(1);
  });

  it("gives up on a hub that never answers, within its timeout", async () => {
    const channel = crypto.randomUUID();
    const result = await publishToHub(`${stubs.baseUrl}/hub-hang/${channel}`, TOPICS, { ...via(), timeoutMs: 200 });
    expect(result).toEqual({ ok: false, error: "hub did not answer in time" });
  });

  it("reports a hub that refuses connections", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await publishToHub(`http://127.0.0.1:${port}/hub`, TOPICS, { ...via(), timeoutMs: 2000 });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^hub unreachable/);
  });

  it("does not follow a redirect that would turn the POST into a GET", async () => {
    const result = await publishToHub(`${stubs.baseUrl}/redirect/photo.png`, TOPICS, via());
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.error).toMatch(/redirected to \/range\/photo\.png/);
  });

  it("refuses a hub URL that is not http(s), and sends nothing for no topics", async () => {
    const requested: string[] = [];
    const spy = async (request: Request) => {
      requested.push(request.url);
      return new Response(null, { status: 204 });
    };
    expect(await publishToHub("ftp://hub.example/", TOPICS, via(spy))).toMatchObject({ ok: false });
    expect(await publishToHub("not a url", TOPICS, via(spy))).toMatchObject({ ok: false });
    expect(await publishToHub("https://hub.example/", [], via(spy))).toEqual({ ok: true });
    expect(requested).toEqual([]);
  });

  it("never throws, even when fetch does synchronously", async () => {
    const throwing = (): Promise<Response> => {
      throw new Error("boom");
    };
    expect(await publishToHub("https://hub.example/", TOPICS, via(throwing))).toEqual({ ok: false, error: "hub unreachable: boom" });
  });

  it(`splits many topics into POSTs of at most ${HUB_BATCH_TOPICS}, and stops at the first the hub refuses`, async () => {
    const channel = crypto.randomUUID();
    const topics = Array.from({ length: 2 * HUB_BATCH_TOPICS + 50 }, (_, i) => `https://news.example/tags/t${i}/feed.xml`);
    expect(await publishToHub(`${stubs.baseUrl}/hub/${channel}`, topics, via())).toEqual({ ok: true, status: 204 });
    const posts = stubs.hubPosts(channel);
    expect(posts.map((post) => post.form.filter(([key]) => key === "hub.url").length)).toEqual([HUB_BATCH_TOPICS, HUB_BATCH_TOPICS, 50]);
    expect(posts.flatMap((post) => post.form.filter(([key]) => key === "hub.url").map(([, url]) => url))).toEqual(topics);
    expect(posts.every((post) => post.form[0]![0] === "hub.mode")).toBe(true);

    const failing = crypto.randomUUID();
    expect(await publishToHub(`${stubs.baseUrl}/hub/${failing}?status=503`, topics, via())).toMatchObject({ ok: false, status: 503 });
    expect(stubs.hubPosts(failing)).toHaveLength(1);
  });
});
