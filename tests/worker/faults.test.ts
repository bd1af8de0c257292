import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { readBodyBytes } from "../../src/http/body.ts";
import { ingestArticle } from "../../src/ingest/index.ts";
import { createD1Store } from "../../src/store/index.ts";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const fail = () => Promise.reject(new Error("D1_ERROR: internal error; reference = secret-internals-42"));

/** A D1 that is down: every statement fails. */
const DOWN = {
  prepare: () => ({ bind: () => DOWN.prepare(""), first: fail, all: fail, run: fail, raw: fail }),
  batch: fail,
  exec: fail,
} as unknown as D1Database;
/** A D1 that reads but fails every write (a failing transaction). */
const READ_ONLY = { prepare: (sql: string) => env.DB.prepare(sql), batch: fail, exec: fail } as unknown as D1Database;

const app = createApp();
const call = (path: string, init: RequestInit = {}, db: D1Database = env.DB) => app.request(path, init, { ...env, DB: db });

describe("database faults", () => {
  it("serves the last good feed bytes while the database is down, else 503 with Retry-After and no internals", async () => {
    await request("/api/articles/fault-1", { method: "PUT", headers: AUTH, body: newsPage({ title: "Before the outage", url: "https://n.example/f1", section: "Power" }) });
    const good = await call("/feed.xml");
    const goodBody = await good.text();
    // Within the isolate's 2 s version trust the hot copy is served without asking the database at
    // all; past it, the version query fails and the last good bytes are served as stale.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const stale = await call("/feed.xml", {}, DOWN);
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(goodBody);
    expect(stale.headers.get("ETag")).toBe(good.headers.get("ETag"));
    expect(stale.headers.get("Cache-Control")).toBe("public, max-age=30");

    for (const path of ["/sections/power/atom.xml", "/api/articles/fault-1", "/"]) {
      const down = await call(path, {}, DOWN);
      expect(down.status, path).toBe(503);
      expect(down.headers.get("Retry-After")).toBe("30");
      const text = await down.text();
      expect(text).toContain("cannot be reached");
      expect(text).not.toMatch(/D1_ERROR|secret-internals|stack/);
    }
  });

  it("answers an ingest 503 when the write fails, and stores nothing of it", async () => {
    const response = await call("/api/articles", { method: "POST", headers: AUTH, body: newsPage({ title: "Lost write", url: "https://n.example/lost" }) }, READ_ONLY);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("30");
    const feed = await (await request("/feed.json")).text();
    expect(feed).not.toContain("Lost write");
    expect(await createD1Store(env.DB).findIdByUrl("https://n.example/lost")).toBeUndefined();
  });
});

describe("concurrency", () => {
  it("two ingests of the same URL at once leave one article", async () => {
    const url = "https://n.example/same";
    const [a, b] = await Promise.all([
      request("/api/articles", { method: "POST", headers: AUTH, body: newsPage({ title: "Version A", url, date: "2025-05-07T00:00:00Z" }) }),
      request("/api/articles", { method: "POST", headers: AUTH, body: newsPage({ title: "Version B", url, date: "2025-05-07T00:00:00Z" }) }),
    ]);
    // Both may have read "no such article" before either wrote (then both say 201); either way they
    // converge on one id, and the later write is the one stored.
    expect([200, 201]).toContain(a.status);
    expect([200, 201]).toContain(b.status);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { id: string }[];
    expect(ja!.id).toBe(jb!.id);
    const feed = (await (await request("/feed.json")).json()) as { items: { url: string; title: string }[] };
    const copies = feed.items.filter((i) => i.url === url);
    expect(copies).toHaveLength(1);
    expect(["Version A", "Version B"]).toContain(copies[0]!.title);
  });

  it("two ids racing for one URL: one wins, the other is 409", async () => {
    const url = "https://n.example/contested";
    const responses = await Promise.all(
      ["contest-a", "contest-b"].map((id) => request(`/api/articles/${id}`, { method: "PUT", headers: AUTH, body: newsPage({ title: id, url }) })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("a retraction racing an update leaves the article retracted", async () => {
    await request("/api/articles/racing", { method: "PUT", headers: AUTH, body: newsPage({ title: "Racing", url: "https://n.example/racing" }) });
    const store = createD1Store(env.DB);
    // The update reads the published article, then a DELETE lands, then the update writes.
    const racing = { ...store, write: async (change: Parameters<typeof store.write>[0]) => {
      await store.write({ upserts: [], retractions: ["racing"] });
      return store.write(change);
    } };
    const result = await ingestArticle(racing, { body: newsPage({ title: "Racing, updated", url: "https://n.example/racing" }), contentType: "text/html" }, "racing", {
      now: "2026-01-01T00:00:00Z",
      permalinkBase: "http://localhost:8787/articles",
      measure: undefined,
    });
    // The write itself finds the retraction, writes nothing and says so.
    expect(result).toMatchObject({ ok: false, reason: "retracted" });
    expect((await request("/api/articles/racing")).status).toBe(410);
    expect(await (await request("/feed.json")).text()).not.toContain("Racing");
  });

  it("an ordinary ingest never republishes a retracted article; ?republish=true does", async () => {
    const put = (query = "") => request(`/api/articles/comeback${query}`, { method: "PUT", headers: AUTH, body: newsPage({ title: "Comeback", url: "https://n.example/comeback" }) });
    await put();
    await request("/api/articles/comeback", { method: "DELETE", headers: AUTH });
    const refused = await put();
    expect(refused.status).toBe(410);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/republish=true/);
    expect((await put("?republish=true")).status).toBe(200);
    expect((await request("/api/articles/comeback")).status).toBe(200);
  });
});

describe("limits", () => {
  it("drops a client whose body stalls with 408", async () => {
    const stalled = new Request("http://localhost/", { method: "POST", body: new ReadableStream({ start() {} }), duplex: "half" } as RequestInit);
    await expect(readBodyBytes(stalled, 1024, 200)).rejects.toMatchObject({ problem: { status: 408 } });
  });
});
