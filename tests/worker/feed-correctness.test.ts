import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newsPage, request, syncOk } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("feed correctness", () => {
  it("an edited article shows its new text in every feed once this isolate has parsed the old one, and a retraction removes it", async () => {
    const put = (title: string) =>
      request("/api/articles/edited-story?url=https://n.example/edited", { method: "PUT", headers: AUTH, body: newsPage({ title, url: "https://n.example/edited", date: "2025-05-09T00:00:00Z" }) });
    const feeds = async () => Promise.all(["/feed.xml", "/atom.xml", "/feed.json", "/feed.json?limit=5"].map(async (path) => (await request(path)).text()));
    expect((await put("Harbour opens")).status).toBe(201);
    for (const body of await feeds()) expect(body).toContain("Harbour opens"); // parsed and kept by this isolate
    expect((await put("Harbour opens late")).status).toBe(200);
    for (const body of await feeds()) {
      expect(body).toContain("Harbour opens late");
      expect(body).not.toMatch(/Harbour opens(?! late)/);
    }
    await request("/api/articles/edited-story", { method: "DELETE", headers: { Authorization: AUTH.Authorization } });
    for (const body of await feeds()) expect(body).not.toContain("Harbour opens");
  });

  it("any write of an article's JSON moves its revision, even one that bypasses the app (migration 0005's trigger)", async () => {
    await request("/api/articles/trigger-story?url=https://n.example/trigger", { method: "PUT", headers: AUTH, body: newsPage({ title: "Trigger story", url: "https://n.example/trigger", date: "2025-05-10T00:00:00Z" }) });
    const revision = async () => (await env.DB.prepare("SELECT revision FROM articles WHERE id = 'trigger-story'").first<{ revision: number }>())?.revision;
    expect(await revision()).toBe(1);
    await request("/api/articles/trigger-story?url=https://n.example/trigger", { method: "PUT", headers: AUTH, body: newsPage({ title: "Trigger story, revised", url: "https://n.example/trigger", date: "2025-05-10T00:00:00Z" }) });
    expect(await revision()).toBe(2); // the app's upsert: one bump, not two
    await env.DB.prepare("UPDATE articles SET article_json = json_set(article_json, '$.title', 'By hand') WHERE id = 'trigger-story'").run();
    expect(await revision()).toBe(3);
  });

  it("a renamed article file keeps its article: the old id is retracted, the new one takes the URL", async () => {
    const content = newsPage({ title: "Renamed story", url: "https://n.example/renamed", date: "2025-05-08T00:00:00Z" });
    expect((await syncOk([{ name: "old-name.html", content }])).created).toEqual(["old-name"]);
    const report = await syncOk([{ name: "new-name.html", content }]);
    expect(report.failed).toEqual([]);
    expect(report.created).toEqual(["new-name"]);
    expect(report.retracted).toEqual(["old-name"]);
    expect((await request("/api/articles/new-name")).status).toBe(200);
    expect((await request("/api/articles/old-name")).status).toBe(410);
    const feed = (await (await request("/feed.json")).json()) as { items: { url: string; id: string }[] };
    expect(feed.items.filter((i) => i.url === "https://n.example/renamed").map((i) => i.id)).toEqual(["http://localhost:8787/articles/new-name"]);
  });

  it("Last-Modified moves when an item leaves the feed, so If-Modified-Since alone sees the change", async () => {
    for (const id of ["lm-1", "lm-2"]) {
      await request(`/api/articles/${id}`, { method: "PUT", headers: AUTH, body: newsPage({ title: id, url: `https://n.example/${id}`, date: "2025-05-09T00:00:00Z" }) });
    }
    const before = (await request("/feed.xml")).headers.get("Last-Modified")!;
    await sleep(1100); // HTTP dates have one-second resolution
    await request("/api/articles/lm-2", { method: "DELETE", headers: { Authorization: AUTH.Authorization } });
    const after = await request("/feed.xml", { headers: { "If-Modified-Since": before } });
    expect(after.status).toBe(200);
    expect(Date.parse(after.headers.get("Last-Modified")!)).toBeGreaterThan(Date.parse(before));
    expect(Date.parse(after.headers.get("Last-Modified")!)).toBeLessThanOrEqual(Date.now());
  });

  it("a tag, section or author whose only articles are embargoed does not exist yet", async () => {
    const future = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
    await request("/api/articles/secret-merger", { method: "PUT", headers: AUTH, body: newsPage({ title: "Merger", url: "https://n.example/merger", date: future, tags: ["Acme Merger"], section: "Deals" }) });
    expect((await request("/tags/acme-merger/feed.xml")).status).toBe(404);
    expect((await request("/sections/deals/atom.xml")).status).toBe(404);
    expect(await (await request("/")).text()).not.toContain("Acme Merger");
  });

  it("keeps only the default page of a feed in D1, so odd limits cannot fill the database", async () => {
    for (const limit of [1, 2, 3]) await (await request(`/feed.xml?limit=${limit}`)).arrayBuffer();
    await (await request("/feed.xml")).arrayBuffer();
    const { results } = await env.DB.prepare("SELECT cache_key FROM rendered_feeds").all<{ cache_key: string }>();
    expect(results.some((r) => r.cache_key.startsWith("rss|all|30|"))).toBe(true);
    expect(results.filter((r) => /^rss\|all\|[123]\|/.test(r.cache_key))).toEqual([]);
  });
});
