import { describe, expect, it } from "vitest";
import { ArticleSchema, formatIssues, MAX_AUTHORS, MAX_TAGS } from "../../src/model/index.ts";
import { SAMPLE_ARTICLES } from "../fixtures/render/articles.ts";

const base = SAMPLE_ARTICLES[0]!;
const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag ${i}`);
const authors = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Reporter ${i}` }));

describe("the Article schema caps its lists", () => {
  it(`takes ${MAX_TAGS} tags and ${MAX_AUTHORS} authors, and refuses one more of either`, () => {
    expect(MAX_TAGS).toBe(100);
    expect(ArticleSchema.safeParse({ ...base, tags: tags(MAX_TAGS), authors: authors(MAX_AUTHORS) }).success).toBe(true);
    const tooMany = ArticleSchema.safeParse({ ...base, tags: tags(MAX_TAGS + 1), authors: authors(MAX_AUTHORS + 1) });
    expect(tooMany.success).toBe(false);
    expect(formatIssues(tooMany.error!.issues)).toEqual([
      { path: "authors", message: `must have at most ${MAX_AUTHORS} item(s)` },
      { path: "tags", message: `must have at most ${MAX_TAGS} item(s)` },
    ]);
  });
});
