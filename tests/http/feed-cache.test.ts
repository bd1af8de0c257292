/**
 * The isolate layer of src/http/feed-cache.ts with an in-memory store: how often a feed is rendered
 * while the isolate trusts the store version it last read (VERSION_TRUST_MS).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FeedRequest } from "../../src/http/feed-request.ts";
import { SITE_SCOPE } from "../../src/model/index.ts";
import { createMemoryStore, type ArticleStore } from "../../src/store/index.ts";
import { SAMPLE_ARTICLES } from "../fixtures/render/articles.ts";
import { defaultConfig } from "../tools/site-config.ts";

const config = defaultConfig();
const NOW = "2026-04-02T00:00:00Z";

/**
 * The in-memory store, counting the feed pages read. `otherIsolateWrites` writes to it directly, not
 * through invalidatingWrites: the version moves as it does when another isolate writes.
 */
async function externalStore() {
  const memory = createMemoryStore();
  const otherIsolateWrites = () =>
    memory.write({ upserts: SAMPLE_ARTICLES.map((article) => ({ article, origin: "api", status: "published", contentHash: `h-${article.id}`, firstIngestedAt: article.publishedAt })), retractions: [] });
  await otherIsolateWrites();
  const state = { pagesRead: 0 };
  const store: ArticleStore = { ...memory, feedPage: (scope, query) => (state.pagesRead++, memory.feedPage(scope, query)) };
  return { store, state, otherIsolateWrites };
}

const request = (format: FeedRequest["format"]): FeedRequest => ({ scope: SITE_SCOPE, format, limit: 17, before: undefined });

describe("feed cache and the trusted store version", () => {
  // The isolate's caches are module state: every test gets a fresh module, as a fresh isolate would.
  let loadFeed: typeof import("../../src/http/feed-cache.ts").loadFeed;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-04-02T00:00:00Z"));
    vi.resetModules();
    ({ loadFeed } = await import("../../src/http/feed-cache.ts"));
  });
  afterEach(() => vi.useRealTimers());

  it("renders a feed once after another isolate's write, not on every request while the old version is trusted", async () => {
    const { store, state, otherIsolateWrites } = await externalStore();
    await loadFeed(store, request("rss"), config, NOW, undefined); // reads and trusts version 1
    await otherIsolateWrites(); // version 2
    const reads = state.pagesRead;
    const first = await loadFeed(store, request("atom"), config, NOW, undefined); // a miss: rendered at version 2
    for (let i = 0; i < 3; i++) expect(await loadFeed(store, request("atom"), config, NOW, undefined)).toBe(first);
    expect(state.pagesRead - reads).toBe(1);
    expect(first?.version).toBe(2);
  });

  it("sees another isolate's write once the trust has run out", async () => {
    const { store, otherIsolateWrites } = await externalStore();
    const before = await loadFeed(store, request("json"), config, NOW, undefined);
    await otherIsolateWrites(); // version 2
    expect(await loadFeed(store, request("json"), config, NOW, undefined)).toBe(before); // trusted: same bytes
    vi.setSystemTime(new Date(Date.now() + 2_001));
    const after = await loadFeed(store, request("json"), config, NOW, undefined);
    expect(after?.version).toBe(2);
  });
});
