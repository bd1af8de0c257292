import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ArticleSchema, FeedMetaSchema, FEED_FORMATS, type FeedFormat } from "../../src/model/index.ts";
import { renderFeed } from "../tools/render-text.ts";
import { SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";
import { expectGolden, shouldUpdateGolden } from "../tools/golden.ts";

const GOLDEN_FILES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };
const goldenPath = (format: FeedFormat): string =>
  fileURLToPath(new URL(`../fixtures/render/golden/${GOLDEN_FILES[format]}`, import.meta.url));

describe("render fixtures", () => {
  // Renderers trust their input, so the fixtures must be what the schema would let through.
  it.each(SAMPLE_ARTICLES.map((a) => [a.id, a] as const))("%s is a schema-valid Article", (_id, article) => {
    expect(ArticleSchema.safeParse(article).error?.issues).toBeUndefined();
  });

  it("SAMPLE_META is a schema-valid FeedMeta", () => {
    expect(FeedMetaSchema.safeParse(SAMPLE_META).error?.issues).toBeUndefined();
  });
});

describe.each(FEED_FORMATS)("%s golden file", (format) => {
  it("matches the committed output byte for byte", () => {
    expectGolden(goldenPath(format), renderFeed(format, SAMPLE_ARTICLES, SAMPLE_META));
  });

  it("is deterministic: rendering twice gives identical strings", () => {
    const first = renderFeed(format, SAMPLE_ARTICLES, SAMPLE_META);
    const second = renderFeed(format, structuredClone(SAMPLE_ARTICLES), structuredClone(SAMPLE_META));
    expect(second).toBe(first);
  });
});

describe("golden update guard", () => {
  it("refuses UPDATE_GOLDEN=1 when CI is set", () => {
    expect(() => shouldUpdateGolden({ UPDATE_GOLDEN: "1", CI: "true" })).toThrow(/CI/);
    expect(shouldUpdateGolden({ CI: "true" })).toBe(false);
    expect(shouldUpdateGolden({ UPDATE_GOLDEN: "1" })).toBe(true);
  });
});
