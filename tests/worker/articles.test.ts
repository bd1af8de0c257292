import { beforeAll, describe, expect, it } from "vitest";
import { ARTICLE_FILES, request, stem, syncOk } from "./helpers.ts";

const EXPECTED = import.meta.glob<Record<string, unknown>>("../fixtures/articles/*/expected.json", {
  import: "default",
  eager: true,
});

describe("articles/ through the worker (extraction inside workerd, stored in D1)", () => {
  beforeAll(async () => {
    const report = await syncOk(ARTICLE_FILES);
    expect(report.failed).toEqual([]);
  });

  it("has a committed expectation for every article file", () => {
    expect(ARTICLE_FILES.length).toBeGreaterThanOrEqual(4);
    for (const file of ARTICLE_FILES) {
      expect(EXPECTED[`../fixtures/articles/${stem(file.name)}/expected.json`], file.name).toBeDefined();
    }
  });

  for (const file of ARTICLE_FILES) {
    it(`GET /api/articles/${stem(file.name)} is the expected Article`, async () => {
      const response = await request(`/api/articles/${stem(file.name)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual(EXPECTED[`../fixtures/articles/${stem(file.name)}/expected.json`]);
    });
  }

  it("serves a readable HTML page at each article's permalink", async () => {
    const response = await request("/articles/000_4c4acd25798775f3");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain("Han Jee-hye");
    expect(page.match(/<figure/g)?.length).toBe(5);
  });

  it("answers an unknown id with a 404 problem", async () => {
    for (const path of ["/api/articles/no-such-article", "/api/articles/%3Cscript%3E", "/articles/no-such-article"]) {
      const response = await request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ type: "about:blank", title: "Not Found", status: 404 });
      expect(problem.detail).toMatch(/No article has the id/);
    }
  });

  it("answers an unknown path with a 404 problem", async () => {
    const response = await request("/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, title: "Not Found", detail: "Nothing is served at /nope." });
  });
});
