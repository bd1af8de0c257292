import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle, type ExtractOptions } from "../../src/extract/index.ts";
import { samePhoto } from "../../src/extract/same-photo.ts";

/**
 * One test per folder of tests/fixtures/extract-cases/: each is a defect seen on real publisher pages
 * (issue 14), written as a small page of our own (`source.html`), the expectation (`expected.json`)
 * and, when the page needs them, extraction options (`options.json`: url, now, lastModified…).
 *
 * `expected.json` names only the fields the defect is about: each listed field must equal the
 * Article's; `contentHtml` and `contentText` take `{ contains: [...], excludes: [...] }`. Every case
 * also checks what holds for every Article: one Image per photo, and every image URL a valid absolute
 * http(s) URL with its entities decoded, shown in contentHtml unless it is a lead photo the body lacks.
 */
const CASES = join(import.meta.dirname, "..", "fixtures", "extract-cases");
const DEFAULTS = { id: "case", url: "https://news.example/story", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" };
type TextCheck = { contains?: string[]; excludes?: string[] };

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

describe("extraction cases (tests/fixtures/extract-cases/<case>/)", () => {
  const cases = readdirSync(CASES).filter((name) => existsSync(join(CASES, name, "source.html"))).sort();
  it("exist", () => expect(cases.length).toBeGreaterThan(0));

  for (const name of cases) {
    it(name, () => {
      const dir = join(CASES, name);
      const options = { ...DEFAULTS, ...(existsSync(join(dir, "options.json")) ? readJson(join(dir, "options.json")) : {}) } as ExtractOptions;
      const result = extractArticle(readFileSync(join(dir, "source.html")), options);
      expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
      if (!result.ok) return;
      const article = result.article as Record<string, unknown>;
      const expected = readJson(join(dir, "expected.json"));
      for (const [field, want] of Object.entries(expected)) {
        if (field === "sources") {
          for (const [key, source] of Object.entries(want as Record<string, string>)) expect(result.sources[key], `sources.${key}`).toBe(source);
        } else if ((field === "contentHtml" || field === "contentText") && typeof want === "object" && want !== null && !Array.isArray(want)) {
          const text = article[field] as string;
          for (const needle of (want as TextCheck).contains ?? []) expect(text, `${field} contains`).toContain(needle);
          for (const needle of (want as TextCheck).excludes ?? []) expect(text, `${field} excludes`).not.toContain(needle);
        } else {
          expect(article[field], field).toEqual(want);
        }
      }
      const images = result.article.images;
      images.forEach((image, i) => {
        expect(new URL(image.url).href, "a valid absolute URL").toBe(image.url);
        expect(image.url, "entities decoded").not.toMatch(/&(?:amp|lt|gt|quot|#\d+);/);
        if (i > 0) expect(result.article.contentHtml, "a body photo is shown with its Image's URL").toContain(`src="${image.url.replace(/&/g, "&amp;")}"`);
        for (const other of images.slice(i + 1)) expect(samePhoto(image.url, other.url), `${image.url} and ${other.url} are one photo`).toBe(false);
      });
    });
  }
});
