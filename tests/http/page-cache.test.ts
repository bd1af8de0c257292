import { describe, expect, it } from "vitest";
import { cachedPage } from "../../src/http/page-cache.ts";
import type { ArticleStore } from "../../src/store/index.ts";

describe("cachedPage (home, indexes, feed previews)", () => {
  it("renders once per store version, not on every browser request, and keeps nothing for unknown pages", async () => {
    const state = { version: 1, renders: 0 };
    const store = { version: async () => state.version } as unknown as ArticleStore;
    const produce = async () => ({ version: state.version, expiresAt: undefined, html: `v${state.version} #${++state.renders}` });
    const now = "2026-01-01T00:00:00Z";
    expect(await cachedPage(store, "test|a", now, produce)).toBe("v1 #1");
    expect(await cachedPage(store, "test|a", now, produce)).toBe("v1 #1");
    expect(state.renders).toBe(1);
    expect(await cachedPage(store, "test|missing", now, async () => undefined)).toBeUndefined();
  });
});
