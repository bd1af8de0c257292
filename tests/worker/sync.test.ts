import { describe, expect, it } from "vitest";
import { ARTICLE_FILES, request, sync, syncOk } from "./helpers.ts";

const SAMPLE = ARTICLE_FILES.find((f) => f.name === "000_4c4acd25798775f3.txt")!;
const undated = (body: string) => ({ name: "undated-note.html", content: `<html lang="en"><body><h1>An undated note</h1><p>${body}</p></body></html>` });

describe("POST /api/sync (articles/ folder sync)", () => {
  it("refuses a missing or wrong token with 401 and WWW-Authenticate, and changes nothing", async () => {
    const missing = await request("/api/sync", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toBe('Bearer realm="wirefeed"');
    const wrong = await sync([SAMPLE], "not-the-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
    expect((await wrong.json()) as object).toMatchObject({ status: 401, detail: "The bearer token is not valid." });
    expect((await request("/api/articles/000_4c4acd25798775f3")).status).toBe(404);
  });

  it("answers malformed JSON with 400 and a wrong shape with 422", async () => {
    const headers = { "Content-Type": "application/json", Authorization: "Bearer test-ingest-token" };
    const bad = await request("/api/sync", { method: "POST", headers, body: "{nope" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/not valid JSON/);
    const shape = await request("/api/sync", { method: "POST", headers, body: JSON.stringify({ files: [{ name: 1 }] }) });
    expect(shape.status).toBe(422);
    expect(((await shape.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain("files.0.name");
  });

  it("creates, leaves unchanged, updates and retracts", async () => {
    expect((await syncOk([SAMPLE])).created).toEqual(["000_4c4acd25798775f3"]);
    expect((await syncOk([SAMPLE])).unchanged).toEqual(["000_4c4acd25798775f3"]);

    const edited = { ...SAMPLE, content: SAMPLE.content.replace("North Korea did not attend the meeting.", "North Korea was absent.") };
    const update = await syncOk([edited]);
    expect(update.updated).toEqual(["000_4c4acd25798775f3"]);
    const article = (await (await request("/api/articles/000_4c4acd25798775f3")).json()) as { updatedAt: string; publishedAt: string };
    expect(article.publishedAt).toBe("2025-04-30T00:00:00Z");
    expect(article.updatedAt > article.publishedAt).toBe(true); // moved because the content changed

    const removal = await syncOk([]);
    expect(removal.retracted).toEqual(["000_4c4acd25798775f3"]);
    expect((await request("/api/articles/000_4c4acd25798775f3")).status).toBe(410);
    expect(await (await request("/feed.json")).text()).not.toContain("000_4c4acd25798775f3");
  });

  it("dates an undated article by its first ingest, stored once", async () => {
    await syncOk([undated("First version of the text, long enough to be an article body.")]);
    const first = (await (await request("/api/articles/undated-note")).json()) as { publishedAt: string };
    await new Promise((r) => setTimeout(r, 1100));
    await syncOk([undated("Second version of the text, long enough to be an article body.")]);
    const second = (await (await request("/api/articles/undated-note")).json()) as { publishedAt: string; updatedAt: string };
    expect(second.publishedAt).toBe(first.publishedAt);
    expect(second.updatedAt > second.publishedAt).toBe(true);
  });

  it("reports a file that yields no article and keeps the others", async () => {
    const report = await syncOk([SAMPLE, { name: "empty.html", content: "" }, { name: "notes.pdf", content: "x" }]);
    expect(report.failed.map((f) => f.name)).toEqual(["empty.html", "notes.pdf"]);
    expect(report.failed[1]!.issues[0]!.message).toMatch(/unsupported file type/);
    expect((await request("/api/articles/000_4c4acd25798775f3")).status).toBe(200);
  });
});
