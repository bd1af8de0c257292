/** Caps on an article's lists (model/article.ts): nothing over them is stored, served or pinged. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_AUTHORS, MAX_TAGS } from "../../src/model/index.ts";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const put = (id: string, body: string) => request(`/api/articles/${id}`, { method: "PUT", headers: AUTH, body });

describe("tag and author caps", () => {
  it("an article with 5,000 tags is never stored with more than the cap", async () => {
    const tags = Array.from({ length: 5000 }, (_, i) => `Topic ${i}`);
    const response = await put("many-tags", newsPage({ title: "Many tags", date: "2025-08-01T08:00:00Z", tags }));
    // Extraction may keep the first ones (201) or refuse the page (422); it may not store 5,000.
    expect([201, 422]).toContain(response.status);
    const stored = await request("/api/articles/many-tags");
    if (stored.status === 200) expect(((await stored.json()) as { tags: string[] }).tags.length).toBeLessThanOrEqual(MAX_TAGS);
    else expect(stored.status).toBe(404);
  });

  it("a row stored before the caps is served with its lists cut to them", async () => {
    expect((await put("old-row", newsPage({ title: "An old row", date: "2025-08-02T08:00:00Z" }))).status).toBe(201);
    const row = await env.DB.prepare("SELECT article_json FROM articles WHERE id = 'old-row'").first<{ article_json: string }>();
    const article = JSON.parse(row!.article_json);
    article.tags = Array.from({ length: 5000 }, (_, i) => `Old topic ${i}`);
    article.authors = Array.from({ length: 80 }, (_, i) => ({ name: `Old Reporter ${i}` }));
    await env.DB.prepare("UPDATE articles SET article_json = ? WHERE id = 'old-row'").bind(JSON.stringify(article)).run();

    const served = (await (await request("/api/articles/old-row")).json()) as { tags: string[]; authors: unknown[] };
    expect(served.tags).toHaveLength(MAX_TAGS);
    expect(served.tags[0]).toBe("Old topic 0");
    expect(served.authors).toHaveLength(MAX_AUTHORS);
    const feed = await request("/feed.xml?limit=5");
    expect(feed.status).toBe(200);
    expect((await feed.text()).split("Old topic ").length - 1).toBe(MAX_TAGS);
  });
});
