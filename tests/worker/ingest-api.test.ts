import { describe, expect, it } from "vitest";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token" };

const post = (body: string, type = "text/html", query = "", headers: Record<string, string> = AUTH) =>
  request(`/api/articles${query}`, { method: "POST", headers: { ...headers, "Content-Type": type }, body });
const json = async (response: Response) => (await response.json()) as Record<string, any>;
const feedEtag = async () => {
  const response = await request("/feed.json");
  await response.body?.cancel();
  return response.headers.get("ETag");
};

describe("POST /api/articles", () => {
  it("creates (201), matches (200, unchanged), updates (200) by canonical URL", async () => {
    const url = "https://news.example.com/2025/05/02/harbour-budget";
    const created = await post(newsPage({ title: "Harbour budget passes", url, date: "2025-05-02T09:00:00Z" }));
    expect(created.status).toBe(201);
    const article = await json(created);
    expect(article).toMatchObject({ title: "Harbour budget passes", url, publishedAt: "2025-05-02T09:00:00Z" });
    expect(article.id).toMatch(/^harbour-budget-[0-9a-f]{10}$/);
    expect(created.headers.get("Location")).toBe(`/api/articles/${article.id}`);

    const etag = await feedEtag();
    const again = await post(newsPage({ title: "Harbour budget passes", url, date: "2025-05-02T09:00:00Z" }));
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(article.id);
    expect(await feedEtag()).toBe(etag); // nothing changed, nothing re-rendered

    const changed = await post(newsPage({ title: "Harbour budget passes narrowly", url, date: "2025-05-02T09:00:00Z" }));
    expect(changed.status).toBe(200);
    const updated = await json(changed);
    expect(updated).toMatchObject({ id: article.id, title: "Harbour budget passes narrowly" });
    expect(updated.updatedAt > updated.publishedAt).toBe(true);
    expect(await feedEtag()).not.toBe(etag);
    expect(await (await request(`/api/articles/${article.id}`)).json()).toEqual(updated);
  });

  it("takes Markdown and JSON bodies, with the source URL as ?url= or a JSON member", async () => {
    const md = await post("# Ferry timetable changes\n\nThe summer ferry timetable starts on Monday with two extra sailings a day.\n\nBy Ana Lima", "text/markdown", "?url=https://news.example.com/2025/06/01/ferry");
    expect(md.status).toBe(201);
    expect(await json(md)).toMatchObject({ title: "Ferry timetable changes", url: "https://news.example.com/2025/06/01/ferry", authors: [{ name: "Ana Lima" }] });
    const viaJson = await post(JSON.stringify({ html: newsPage({ title: "Library hours extended" }), url: "https://news.example.com/2025/06/02/library" }), "application/json");
    expect(viaJson.status).toBe(201);
    expect((await json(viaJson)).url).toBe("https://news.example.com/2025/06/02/library");
  });

  it("gives an article without any URL the service's permalink, and the same body the same id", async () => {
    const body = newsPage({ title: "No URL here", date: "2025-05-03T08:00:00Z" });
    const first = await json(await post(body));
    expect(first.url).toBe(`http://localhost:8787/articles/${first.id}`);
    const second = await post(body);
    expect(second.status).toBe(200);
    expect((await json(second)).id).toBe(first.id);
  });

  it("refuses bad requests with the right problem and changes nothing", async () => {
    const etag = await feedEtag();
    const cases: [Response, number, RegExp][] = [
      [await post(newsPage({ title: "x" }), "text/html", "", {}), 401, /Authorization: Bearer/],
      [await post(newsPage({ title: "x" }), "text/html", "", { Authorization: "Bearer wrong" }), 401, /not valid/],
      [await post("just text", "text/plain"), 415, /text\/html, text\/markdown or application\/json/],
      [await post("{nope", "application/json"), 400, /not valid JSON/],
      [await post(JSON.stringify({ url: "https://a.example/" }), "application/json"), 422, /html/],
      [await post("<html><body></body></html>"), 422, /No article could be extracted/],
      [await post(newsPage({ title: "x" }), "text/html", "?url=javascript:alert(1)"), 400, /absolute http/],
    ];
    for (const [response, status, detail] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
      const problem = await json(response);
      expect(problem.status).toBe(status);
      expect(problem.detail).toMatch(detail);
    }
    expect(cases[0]![0].headers.get("WWW-Authenticate")).toBe('Bearer realm="wirefeed"');
    expect(await feedEtag()).toBe(etag);
  });

  it("answers 422 with the reasons", async () => {
    const problem = await json(await post("<html><body></body></html>"));
    expect(problem.errors).toEqual([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]);
  });

  it("refuses a body over 5 MiB with 413, by its Content-Length or while streaming it", async () => {
    const big = "x".repeat(5 * 1024 * 1024 + 1);
    expect((await post(big)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(new TextEncoder().encode("y".repeat(1024 * 1024)));
        controller.close();
      },
    });
    const streamed = await request("/api/articles", { method: "POST", headers: { ...AUTH, "Content-Type": "text/html" }, body: stream, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await json(streamed)).detail).toMatch(/larger than 5242880 bytes/);
  });
});

describe("PUT and DELETE /api/articles/:id", () => {
  const put = (id: string, body: string) => request(`/api/articles/${id}`, { method: "PUT", headers: { ...AUTH, "Content-Type": "text/html" }, body });

  it("PUT creates (201) then replaces (200); a URL owned by another id is 409; a bad id 400", async () => {
    expect((await put("city-hall", newsPage({ title: "City hall reopens", url: "https://news.example.com/city-hall" }))).status).toBe(201);
    const replaced = await put("city-hall", newsPage({ title: "City hall reopens after repairs", url: "https://news.example.com/city-hall" }));
    expect(replaced.status).toBe(200);
    expect((await json(replaced)).title).toBe("City hall reopens after repairs");
    const conflict = await put("other-id", newsPage({ title: "Copy", url: "https://news.example.com/city-hall" }));
    expect(conflict.status).toBe(409);
    expect((await json(conflict)).detail).toMatch(/belongs to article "city-hall"/);
    expect((await put("bad%20id!", newsPage({ title: "x" }))).status).toBe(400);
  });

  it("DELETE retracts: 204, then 410 at both article URLs and gone from every feed", async () => {
    await put("to-retract", newsPage({ title: "Retract me", url: "https://news.example.com/retract", section: "Local", date: "2025-05-05T00:00:00Z" }));
    expect(await (await request("/sections/local/feed.json")).text()).toContain("to-retract");
    const deleted = await request("/api/articles/to-retract", { method: "DELETE", headers: AUTH });
    expect(deleted.status).toBe(204);
    expect((await request("/api/articles/to-retract")).status).toBe(410);
    expect((await request("/articles/to-retract")).status).toBe(410);
    expect(await (await request("/feed.json")).text()).not.toContain("to-retract");
    expect((await request("/sections/local/feed.json")).status).toBe(200); // the section existed: an empty feed
    expect(await (await request("/sections/local/feed.json")).text()).not.toContain("to-retract");
    expect((await request("/api/articles/to-retract", { method: "DELETE", headers: AUTH })).status).toBe(204);
    expect((await request("/api/articles/never-was", { method: "DELETE", headers: AUTH })).status).toBe(404);
    expect((await request("/api/articles/to-retract", { method: "DELETE" })).status).toBe(401);
  });
});

describe("embargo", () => {
  it("keeps an article with a future publishedAt out of every feed and public page until then", async () => {
    const future = new Date(Date.now() + 120_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const created = await json(await post(newsPage({ title: "Embargoed story", url: "https://news.example.com/embargoed", date: future, section: "Scoops" })));
    const feed = await request("/feed.json");
    expect(await feed.text()).not.toContain("Embargoed story");
    expect((await request(`/api/articles/${created.id}`)).status).toBe(404);
    expect((await request(`/articles/${created.id}`)).status).toBe(404);
    expect((await request(`/api/articles/${created.id}`, { headers: AUTH })).status).toBe(200);
    const maxAge = Number(/max-age=(\d+)/.exec(feed.headers.get("Cache-Control")!)![1]);
    // Caches must not keep the feed past the moment the story goes live (default max-age is 300).
    expect(maxAge).toBeLessThanOrEqual(120);
  });
});
