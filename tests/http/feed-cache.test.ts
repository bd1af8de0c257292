/**
 * The isolate layer of src/http/feed-cache.ts with an in-memory store: how often a feed is rendered
 * while the isolate trusts the store version it last read (VERSION_TRUST_MS).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FeedRequest } from "../../src/http/feed-request.ts";
import { SITE_SCOPE } from "../../src/model/index.ts";
import type { ArticleStore, FeedPage, RenderedFeed } from "../../src/store/index.ts";
import { SAMPLE_ARTICLES } from "../fixtures/render/articles.ts";
import { defaultConfig } from "../tools/site-config.ts";

const config = defaultConfig();
const NOW = "2026-04-02T00:00:00Z";

/** A store whose version another isolate moves (no write goes through this one). */
function externalStore() {
  const state = { version: 1, pagesRead: 0 };
  const rendered = new Map<string, RenderedFeed>();
  const store = {
    version: async () => state.version,
    feedPage: async (): Promise<FeedPage> => {
      state.pagesRead++;
      return { version: state.version, name: "All articles", articles: [...SAMPLE_ARTICLES], previous: undefined, next: undefined, expiresAt: undefined, changedAt: undefined };
    },
    getRendered: async (key: string, version: number) => (rendered.get(key)?.version === version ? rendered.get(key) : undefined),
    putRendered: async (key: string, feed: RenderedFeed) => void rendered.set(key, feed),
  } as unknown as ArticleStore;
  return { store, state };
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
    const { store, state } = externalStore();
    await loadFeed(store, request("rss"), config, NOW, undefined); // reads and trusts version 1
    state.version = 2; // a write through another isolate
    const reads = state.pagesRead;
    const first = await loadFeed(store, request("atom"), config, NOW, undefined); // a miss: rendered at version 2
    for (let i = 0; i < 3; i++) expect(await loadFeed(store, request("atom"), config, NOW, undefined)).toBe(first);
    expect(state.pagesRead - reads).toBe(1);
    expect(first?.version).toBe(2);
  });

  it("sees another isolate's write once the trust has run out", async () => {
    const { store, state } = externalStore();
    const before = await loadFeed(store, request("json"), config, NOW, undefined);
    state.version = 3;
    expect(await loadFeed(store, request("json"), config, NOW, undefined)).toBe(before); // trusted: same bytes
    vi.setSystemTime(new Date(Date.now() + 2_001));
    const after = await loadFeed(store, request("json"), config, NOW, undefined);
    expect(after?.version).toBe(3);
  });
});
