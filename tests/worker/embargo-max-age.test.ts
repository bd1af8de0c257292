import { describe, expect, it } from "vitest";
import { newsPage, request } from "./helpers.ts";

// Issue 13 item 5: a feed's max-age stops at the next embargo in it, but counting down to that exact
// second would publish when a hidden story goes live. It is rounded down to a whole minute.
const AUTH = { Authorization: "Bearer test-ingest-token" };
const post = (body: string) => request("/api/articles", { method: "POST", headers: { ...AUTH, "Content-Type": "text/html" }, body });

describe("an embargo-bound max-age", () => {
  it("is rounded down to a whole minute, so it does not give away the second", async () => {
    const now = Date.now();
    for (const [i, ahead] of [137, 171, 229].entries()) {
      const at = new Date(now + ahead * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
      // A live article gives the section a feed; the embargoed one alone bounds its max-age.
      expect((await post(newsPage({ title: `Live beside embargo ${i}`, url: `https://news.example.com/live-${i}`, date: "2025-05-01T00:00:00Z", section: `Rounding ${i}` }))).status).toBe(201);
      expect((await post(newsPage({ title: `Rounded embargo ${i}`, url: `https://news.example.com/rounded-${i}`, date: at, section: `Rounding ${i}` }))).status).toBe(201);
      const feed = await request(`/sections/rounding-${i}/feed.json`);
      expect(await feed.text()).not.toContain("Rounded embargo");
      const maxAge = Number(/max-age=(\d+)/.exec(feed.headers.get("Cache-Control") ?? "")?.[1]);
      expect(maxAge % 60, `max-age ${maxAge} for an embargo ${ahead} s away`).toBe(0);
      expect(maxAge).toBeLessThanOrEqual(ahead);
      expect(maxAge).toBeGreaterThanOrEqual(ahead - 61);
    }
  });
});
