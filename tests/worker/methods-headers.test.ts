/** Headers and methods (issue 13, item 13): nosniff on every answer; 405 with Allow; OPTIONS names the methods. */
import { describe, expect, it } from "vitest";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token" };

describe("X-Content-Type-Options: nosniff everywhere", () => {
  it("on feeds, JSON, problems and 404s", async () => {
    await request("/api/articles/nosniff", { method: "PUT", headers: { ...AUTH, "Content-Type": "text/html" }, body: newsPage({ title: "No sniffing" }) });
    for (const [path, init] of [
      ["/feed.xml", {}],
      ["/atom.xml", {}],
      ["/feed.json", {}],
      ["/api/articles/nosniff", {}],
      ["/api/articles/nope", {}],
      ["/feed.xml?limit=0", {}],
      ["/no/such/thing", {}],
      ["/api/sync", { method: "POST" }],
      ["/feed.xml", { method: "POST" }],
    ] as const) {
      const response = await request(path, init);
      await response.body?.cancel();
      expect(response.headers.get("X-Content-Type-Options"), `${path} ${response.status}`).toBe("nosniff");
    }
  });
});

describe("405 with Allow", () => {
  it("POST, PUT and DELETE on a feed are 405 naming GET, HEAD, OPTIONS", async () => {
    for (const path of ["/feed.xml", "/sections/politics/atom.xml", "/tags/x/feed.json", "/partners/alpha/feed.xml"]) {
      for (const method of ["POST", "PUT", "DELETE"]) {
        const response = await request(path, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
        expect(response.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
      }
    }
  });

  it("OPTIONS answers 204 with Allow (RFC 9110 §9.3.7); an unknown path stays 404", async () => {
    const options = await request("/feed.xml", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    const api = await request("/api/articles/some-id", { method: "OPTIONS" });
    expect(api.headers.get("Allow")).toBe("GET, HEAD, PUT, DELETE, OPTIONS");
    expect((await request("/api/sync", { method: "GET" })).headers.get("Allow")).toBe("POST, OPTIONS");
    expect((await request("/nothing/here.xml", { method: "POST" })).status).toBe(404);
  });
});
