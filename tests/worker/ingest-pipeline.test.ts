/**
 * The one ingest pipeline (src/ingest/pipeline.ts): created-or-updated decided inside the D1 write,
 * and a folder sync that reports a bad file and syncs the rest.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { syncFiles } from "../../src/ingest/index.ts";
import { createD1Store } from "../../src/store/index.ts";
import { newsPage, request, syncOk } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };

describe("created or updated is decided inside the D1 write", () => {
  it("racing identical POSTs: one 201, the others 200", async () => {
    const body = newsPage({ title: "Racing identical posts", url: "https://news.example.com/2025/07/01/racing", date: "2025-07-01T08:00:00Z" });
    const responses = await Promise.all(Array.from({ length: 5 }, () => request("/api/articles", { method: "POST", headers: AUTH, body })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
  });

  it("racing identical PUTs of a new id: one 201, the others 200", async () => {
    const body = newsPage({ title: "Racing identical puts", url: "https://news.example.com/2025/07/02/racing-put", date: "2025-07-02T08:00:00Z" });
    const responses = await Promise.all(Array.from({ length: 4 }, () => request("/api/articles/racing-put", { method: "PUT", headers: AUTH, body })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
  });
});

describe("the folder sync guards each file", () => {
  // The 100,000-level page is slow to refuse on a loaded machine (3 to 5 s here): a generous bound.
  it("a file whose extraction throws is reported, and the good files are synced", { timeout: 30_000 }, async () => {
    // 100,000 nested Markdown quotes made marked throw RangeError (issue 13, finding 4).
    const deep = { name: "deep-quotes.md", content: `${">".repeat(100_000)} too deep\n` };
    const good = { name: "good-file.html", content: newsPage({ title: "A good file", date: "2025-07-03T08:00:00Z" }) };
    const report = await syncOk([deep, good]);
    expect(report.created).toContain("good-file");
    // Reported as failed (or, once extraction flattens such input, stored): never the whole sync lost.
    expect(report.failed.some((f) => f.name === deep.name) || report.created.includes("deep-quotes")).toBe(true);
    expect((await request("/api/articles/good-file")).status).toBe(200);
  });

  it("a file whose photos cannot be measured (the measurer throws) is reported; the rest is written", async () => {
    const store = createD1Store(env.DB);
    const withPhoto = (title: string, photo: string) => newsPage({ title, date: "2025-07-04T08:00:00Z", text: `The photo below shows the harbour at dawn. <img src="${photo}" width="800" height="600" alt="Harbour">` });
    const { report } = await syncFiles(
      store,
      [
        { name: "cursed-photo.html", content: withPhoto("Cursed photo", "https://img.example.com/cursed.jpg") },
        { name: "fine-photo.html", content: withPhoto("Fine photo", "https://img.example.com/fine.jpg") },
      ],
      {
        now: "2026-01-01T00:00:00Z",
        permalinkBase: "http://localhost:8787/articles",
        measure: async (images) => {
          if (images.some((image) => image.url.includes("cursed"))) throw new RangeError("Maximum call stack size exceeded");
          return [...images];
        },
      },
    );
    expect(report.created).toEqual(["fine-photo"]);
    expect(report.failed).toEqual([{ name: "cursed-photo.html", issues: [{ path: "file", message: "could not be read: Maximum call stack size exceeded" }] }]);
    expect((await request("/api/articles/fine-photo")).status).toBe(200);
    expect((await request("/api/articles/cursed-photo")).status).toBe(404);
  });
});
