import { describe, expect, it } from "vitest";
import { request } from "./helpers.ts";
import { newSite, putPage, rss, SITE } from "./pull-helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "application/json" };
const post = (body: unknown) => request("/api/sources", { method: "POST", headers: AUTH, body: JSON.stringify(body) });

describe("/api/sources", () => {
  it("needs the ingest token", async () => {
    expect((await request("/api/sources")).status).toBe(401);
    expect((await request("/api/sources", { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("POST answers 201 with the source and its id; the same URL again is a 409", async () => {
    const url = `https://news.example.com/${newSite()}/feed.xml`;
    const response = await post({ url, everyMinutes: 15 });
    expect(response.status).toBe(201);
    const source = (await response.json()) as { id: string; url: string; everyMinutes: number; kind: unknown; nextPollAt: string; lastPoll: unknown };
    expect(source).toMatchObject({ url, everyMinutes: 15, kind: null, lastPoll: null });
    expect(source.id).toMatch(/^news-example-com-[0-9a-f]{8}$/);
    expect(response.headers.get("Location")).toBe(`/api/sources/${source.id}`);
    const again = await post({ url });
    expect(again.status).toBe(409);
    expect(again.headers.get("Location")).toBe(`/api/sources/${source.id}`);
  });

  it("a bad URL is a 400 problem; bad settings a 422 naming the field", async () => {
    // A private target is refused by the outbound policy (only OUTBOUND_ALLOW_PRIVATE's are allowed).
    for (const url of ["not a url", "ftp://example.com/feed", "javascript:alert(1)", "https://user:pw@example.com/feed", "http://10.0.0.7/feed.xml", "http://localhost:8080/feed", "http://169.254.169.254/latest"]) {
      const response = await post({ url });
      expect(response.status, url).toBe(400);
      expect(response.headers.get("Content-Type")).toContain("application/problem+json");
      const problem = (await response.json()) as { errors: { path: string }[] };
      expect(problem.errors[0]!.path).toBe("url");
    }
    const tooOften = await post({ url: "https://example.com/feed", everyMinutes: 1 });
    expect(tooOften.status).toBe(422);
    expect(((await tooOften.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("everyMinutes");
    expect((await post({ url: "https://example.com/feed", kind: "podcast" })).status).toBe(422);
    expect((await request("/api/sources", { method: "POST", headers: AUTH, body: "{nope" })).status).toBe(400);
  });

  it("GET lists, GET one shows items, PATCH changes settings, DELETE stops following", async () => {
    const url = `https://news.example.com/${newSite()}/sitemap.xml`;
    const { id } = (await (await post({ url })).json()) as { id: string };
    const list = (await (await request("/api/sources", { headers: AUTH })).json()) as { sources: { id: string; items: Record<string, number> }[] };
    const listed = list.sources.find((s) => s.id === id);
    expect(listed?.items).toEqual({ found: 0, ingested: 0, teaserOnly: 0, queued: 0, held: 0, dead: 0, removed: 0 });

    const patched = await request(`/api/sources/${id}`, { method: "PATCH", headers: AUTH, body: JSON.stringify({ everyMinutes: 60, kind: "sitemap", retractRemoved: true }) });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id, everyMinutes: 60, kind: "sitemap", retractRemoved: true });
    expect((await request(`/api/sources/${id}`, { method: "PATCH", headers: AUTH, body: JSON.stringify({ url: "https://elsewhere.example/" }) })).status).toBe(422);

    const one = (await (await request(`/api/sources/${id}`, { headers: AUTH })).json()) as { itemList: unknown[] };
    expect(one.itemList).toEqual([]);
    expect((await request(`/api/sources/${id}`, { method: "DELETE", headers: AUTH })).status).toBe(204);
    expect((await request(`/api/sources/${id}`, { headers: AUTH })).status).toBe(404);
    expect((await request(`/api/sources/nope`, { method: "DELETE", headers: AUTH })).status).toBe(404);
  });

  it("POST …/poll polls now and reports what it found and queued", async () => {
    const site = newSite();
    const feed = await putPage(site, "feed.xml", {
      contentType: "application/rss+xml",
      body: rss([{ link: `${SITE}/${site}/a-story-about-the-harbour.html`, title: "A story" }]),
    });
    const { id } = (await (await post({ url: feed })).json()) as { id: string };
    const response = await request(`/api/sources/${id}/poll`, { method: "POST", headers: AUTH });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { poll: Record<string, unknown>; source: { kind: string; lastPoll: { status: string } } };
    expect(body.poll).toMatchObject({ status: "ok", kind: "feed", found: 1, queued: 1 });
    expect(body.source).toMatchObject({ kind: "feed", lastPoll: { status: "ok" } });
  });
});
