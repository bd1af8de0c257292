import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";
import { RuleSchema } from "../../src/extract/rules/schema.ts";
import { GENERIC_RULE } from "../../src/extract/rules/generic.ts";
import { SITE_RULES } from "../../src/extract/rules/registry.ts";

const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" };

describe("unusable input is a value, never a throw", () => {
  it.each([
    ["empty string", ""],
    ["white space", "  \n\t "],
    ["empty bytes", new Uint8Array()],
    ["binary bytes", new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 254])],
    ["markup without text", "<html><body><div><img src='x.gif'></div></body></html>"],
    ["punctuation only", "--- *** ---"],
  ])("%s -> ok: false with a reason", (_, input) => {
    const result = extractArticle(input, OPTIONS);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues[0]!.message.length).toBeGreaterThan(5);
    }
  });

  it("falls back to the ingest time when no date exists", () => {
    const result = extractArticle("# A headline\n\nSome text about the town council and the river.", OPTIONS);
    expect(result.ok && result.article.publishedAt).toBe("2026-01-01T00:00:00Z");
    expect(result.ok && result.sources.publishedAt).toBe("ingest-time");
  });
});

describe("rules", () => {
  it.each([GENERIC_RULE, ...SITE_RULES].map((rule) => [rule.name, rule] as const))("%s is a valid rule", (_, rule) => {
    expect(RuleSchema.safeParse(rule).success).toBe(true);
  });
});

describe("site rule registry", () => {
  it("finds a site rule by host, with or without www. and for subdomains", async () => {
    const { findSiteRule } = await import("../../src/extract/rules/registry.ts");
    expect(findSiteRule("koreajoongangdaily.joins.com")?.name).toBe("Korea JoongAng Daily");
    expect(findSiteRule("www.koreajoongangdaily.joins.com")?.name).toBe("Korea JoongAng Daily");
    expect(findSiteRule("joins.com")).toBeUndefined();
    expect(findSiteRule(undefined)).toBeUndefined();
  });

  it("uses options.url as canonical fallback and reads its date-shaped path", () => {
    const result = extractArticle("Some text about the town council and the river, with enough words to count.", {
      ...OPTIONS,
      url: "https://koreajoongangdaily.joins.com/news/2025/04/29/national/story.html",
    });
    expect(result.ok && result.article.url).toBe("https://koreajoongangdaily.joins.com/news/2025/04/29/national/story.html");
    expect(result.ok && result.article.publishedAt).toBe("2025-04-29T00:00:00Z");
    expect(result.ok && result.sources.publishedAt).toBe("url-path");
  });
});
