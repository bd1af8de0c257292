import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { shouldUpdate } from "../tools/golden.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { ArticleSchema } from "../../src/model/index.ts";

/**
 * One test per file in articles/: its Article must equal the committed
 * tests/fixtures/articles/<stem>/expected.json. Regenerate deliberately with
 *   UPDATE_EXPECTED=1 npx vitest run --project unit tests/extract/fixtures.test.ts
 * then read the diff; CI never rewrites golden files.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const ARTICLES = join(ROOT, "articles");
const FIXTURES = join(ROOT, "tests", "fixtures", "articles");
const OPTIONS = { now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" } as const;
const CONTENT_TYPES: Record<string, "text/html" | "text/markdown"> = { ".html": "text/html", ".txt": "text/markdown", ".md": "text/markdown" };

const update = shouldUpdate("UPDATE_EXPECTED");

const files = readdirSync(ARTICLES).filter((name) => extname(name) in CONTENT_TYPES).sort();

describe("articles/ fixtures", () => {
  it("has at least the JoongAng sample and three HTML samples", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    const stem = file.slice(0, -extname(file).length);
    it(`${stem} matches expected.json`, () => {
      const result = extractArticle(readFileSync(join(ARTICLES, file)), {
        ...OPTIONS,
        id: stem,
        contentType: CONTENT_TYPES[extname(file)]!,
      });
      expect(result.ok, JSON.stringify(result.ok ? "" : result.issues)).toBe(true);
      if (!result.ok) return;
      const expectedPath = join(FIXTURES, stem, "expected.json");
      if (update) {
        mkdirSync(join(FIXTURES, stem), { recursive: true });
        writeFileSync(expectedPath, `${JSON.stringify(result.article, null, 2)}\n`);
      }
      expect(existsSync(expectedPath), `missing ${expectedPath}; run with UPDATE_EXPECTED=1 and review it`).toBe(true);
      const expected = ArticleSchema.parse(JSON.parse(readFileSync(expectedPath, "utf8")));
      expect(result.article).toEqual(expected);
    });
  }
});
