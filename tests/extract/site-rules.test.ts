import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dateFromUrlPath } from "../../src/extract/dates.ts";
import { SITE_RULES } from "../../src/extract/rules/registry.ts";
import { RuleSchema, type Rule } from "../../src/extract/rules/schema.ts";

/**
 * Every file in src/extract/rules/sites/ is one site's rule: it is named after its host, exports
 * rules that pass RuleSchema (data only: no functions, known sources), and is registered, so a rule
 * file cannot be added without being checked and used.
 */
const SITES_DIR = join(import.meta.dirname, "..", "..", "src", "extract", "rules", "sites");
const files = readdirSync(SITES_DIR).filter((name) => name.endsWith(".ts")).sort();

describe("site rule files", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file}: valid, named after its host, registered`, async () => {
      const module = (await import(join(SITES_DIR, file))) as Record<string, unknown>;
      const rules = Object.values(module);
      expect(rules.length, "exports at least one rule").toBeGreaterThan(0);
      for (const rule of rules) {
        const parsed = RuleSchema.safeParse(rule);
        expect(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues)).toBe(true);
        // Data only: JSON round-trip keeps it whole (a function or a RegExp would be lost).
        expect(JSON.parse(JSON.stringify(rule))).toEqual(rule);
        expect((rule as Rule).hosts).toContain(file.replace(/\.ts$/, ""));
        expect(SITE_RULES).toContain(rule);
      }
    });
  }

  it("registers no rule without a file", () => {
    expect(SITE_RULES.length).toBe(files.length);
  });
});

describe("date-shaped URL paths", () => {
  it.each([
    ["https://koreajoongangdaily.joins.com/news/2026-04-22/sports/Baseball/Slug/2573432", "2026-04-22T00:00:00Z"],
    ["https://koreajoongangdaily.joins.com/2021/12/02/national/Slug/20211202152524782.html", "2021-12-02T00:00:00Z"],
    ["https://example.com/2021/12-02/mixed", undefined],
    ["https://example.com/2021-13-02/bad-month", undefined],
  ])("%s", (url, expected) => {
    expect(dateFromUrlPath(url)).toBe(expected);
  });
});
