/**
 * Canonical takeover (issue 13, item 6): a page's canonical URL names an existing article only on a
 * publisher host the operator lists (PUBLISHER_HOSTS; the tests list news.example.com and n.example).
 */
import { describe, expect, it } from "vitest";
import { ARTICLE_FILES, newsPage, request, syncOk } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const post = (body: string, query = "") => request(`/api/articles${query}`, { method: "POST", headers: AUTH, body });
const titleOf = async (id: string) => ((await (await request(`/api/articles/${id}`)).json()) as { title: string }).title;

describe("a canonical URL on an untrusted host cannot replace an article", () => {
  it("POST without url naming an existing article's canonical URL: 409 saying why; the article is unchanged", async () => {
    const url = "https://elsewhere.example/2025/09/01/original";
    const created = await post(newsPage({ title: "The original", url, date: "2025-09-01T08:00:00Z" }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // The same page again is no replacement: 200, unchanged.
    expect((await post(newsPage({ title: "The original", url, date: "2025-09-01T08:00:00Z" }))).status).toBe(200);

    const takeover = await post(newsPage({ title: "Hijacked", url, date: "2025-09-01T08:00:00Z" }));
    expect(takeover.status).toBe(409);
    expect(takeover.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(((await takeover.json()) as { detail: string }).detail).toMatch(/PUBLISHER_HOSTS/);
    expect(await titleOf(id)).toBe("The original");

    // The operator vouches for it by sending the URL (or by PUT to the id): then it is an update.
    expect((await post(newsPage({ title: "Updated on purpose", url, date: "2025-09-01T08:00:00Z" }), `?url=${encodeURIComponent(url)}`)).status).toBe(200);
    expect(await titleOf(id)).toBe("Updated on purpose");
  });

  it("a file article cannot be taken over by a POSTed page naming its canonical URL", async () => {
    const sample = ARTICLE_FILES.find((f) => f.name === "000_4c4acd25798775f3.txt")!;
    await syncOk([sample]);
    const before = await titleOf("000_4c4acd25798775f3");
    const stored = (await (await request("/api/articles/000_4c4acd25798775f3")).json()) as { url: string };
    const takeover = await post(newsPage({ title: "Not the JoongAng story", url: stored.url, date: "2025-04-30T00:00:00Z" }));
    expect(takeover.status).toBe(409);
    expect(await titleOf("000_4c4acd25798775f3")).toBe(before);
  });

  it("on a listed publisher host, the canonical URL decides as before: the same URL updates", async () => {
    const url = "https://news.example.com/2025/09/02/trusted";
    expect((await post(newsPage({ title: "Trusted first", url, date: "2025-09-02T08:00:00Z" }))).status).toBe(201);
    const again = await post(newsPage({ title: "Trusted second", url, date: "2025-09-02T08:00:00Z" }));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { title: string }).title).toBe("Trusted second");
  });
});
