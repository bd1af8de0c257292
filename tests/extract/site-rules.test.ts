import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shouldUpdate } from "../tools/golden.ts";
import { dateFromUrlPath, sectionFromUrlPath } from "../../src/extract/dates.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { SITE_RULES } from "../../src/extract/rules/registry.ts";
import { RuleSchema, type Rule } from "../../src/extract/rules/schema.ts";
import { ArticleSchema } from "../../src/model/index.ts";

/**
 * Site rules, Postlight style: every folder src/extract/rules/sites/<host>/ holds the rule
 * (rule.ts: data only, passes RuleSchema, names its host, registered), a saved page of the site
 * (source.html, written for the repository, with the page's canonical URL) and the Article expected
 * from it (expected.json). One test per folder. Regenerate an expectation deliberately with
 *   UPDATE_EXPECTED=1 npx vitest run --project unit tests/extract/site-rules.test.ts
 * and read the diff; CI never rewrites it.
 */
const SITES_DIR = join(import.meta.dirname, "..", "..", "src", "extract", "rules", "sites");
const OPTIONS = { id: "site", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" } as const;
const update = shouldUpdate("UPDATE_EXPECTED");
const hosts = readdirSync(SITES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("site rule folders", () => {
  it("exist, and every file of rules/sites/ is in a host folder", () => {
    expect(hosts.length).toBeGreaterThan(0);
    expect(readdirSync(SITES_DIR).filter((name) => !hosts.includes(name))).toEqual([]);
  });

  for (const host of hosts) {
    describe(host, () => {
      const dir = join(SITES_DIR, host);
      it("rule.ts: valid, data only, named after its host, registered", async () => {
        const module = (await import(join(dir, "rule.ts"))) as Record<string, unknown>;
        const rules = Object.values(module);
        expect(rules.length, "exports at least one rule").toBeGreaterThan(0);
        for (const rule of rules) {
          const parsed = RuleSchema.safeParse(rule);
          expect(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues)).toBe(true);
          // Data only: JSON round-trip keeps it whole (a function or a RegExp would be lost).
          expect(JSON.parse(JSON.stringify(rule))).toEqual(rule);
          expect((rule as Rule).hosts).toContain(host);
          expect(SITE_RULES).toContain(rule);
        }
      });

      it("source.html gives expected.json", () => {
        expect(existsSync(join(dir, "source.html")), "a saved page").toBe(true);
        const result = extractArticle(readFileSync(join(dir, "source.html")), { ...OPTIONS, id: host.replace(/\./g, "-") });
        expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
        if (!result.ok) return;
        const expectedPath = join(dir, "expected.json");
        if (update) writeFileSync(expectedPath, `${JSON.stringify(result.article, null, 2)}\n`);
        expect(existsSync(expectedPath), `missing ${expectedPath}; run with UPDATE_EXPECTED=1 and review it`).toBe(true);
        expect(result.article).toEqual(ArticleSchema.parse(JSON.parse(readFileSync(expectedPath, "utf8"))));
        // The page is the site's: its rule is the one that applied.
        expect(new URL(result.article.url).hostname.replace(/^www\./, "")).toBe(host);
      });
    });
  }

  it("registers no rule without a folder", () => {
    expect(SITE_RULES.length).toBe(hosts.length);
  });
});

describe("date-shaped URL paths", () => {
  it.each([
    ["https://koreajoongangdaily.joins.com/news/2026-04-22/sports/Baseball/Slug/2573432", "2026-04-22T00:00:00Z", "Sports"],
    ["https://koreajoongangdaily.joins.com/2021/12/02/national/Slug/20211202152524782.html", "2021-12-02T00:00:00Z", "National"],
    ["https://example.com/2021/12-02/mixed", undefined, undefined],
    ["https://example.com/2021-13-02/bad-month", undefined, undefined],
  ])("%s", (url, date, section) => {
    expect(dateFromUrlPath(url)).toBe(date);
    expect(sectionFromUrlPath(url)).toBe(section);
  });
});
