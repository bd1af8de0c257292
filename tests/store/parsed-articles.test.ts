import { describe, expect, it } from "vitest";
import { knownArticle, parseStoredArticle, type StoredKey } from "../../src/store/parsed-articles.ts";
import { SAMPLE_ARTICLES } from "../fixtures/render/articles.ts";

describe("stored articles parsed once per isolate", () => {
  const article = SAMPLE_ARTICLES[0]!;
  const key: StoredKey = { id: article.id, revision: 3, content_hash: "abc", updated_at: article.updatedAt };

  it("knows a parsed article by its exact key only", () => {
    expect(knownArticle(key)).toBeUndefined();
    const parsed = parseStoredArticle(JSON.stringify(article), key);
    expect(parsed).toEqual(article);
    expect(knownArticle({ ...key })).toBe(parsed);
    // Any part of the key that moves (a new write, new content, a new updatedAt) is another text.
    expect(knownArticle({ ...key, revision: 4 })).toBeUndefined();
    expect(knownArticle({ ...key, content_hash: "abd" })).toBeUndefined();
    expect(knownArticle({ ...key, updated_at: "2030-01-01T00:00:00Z" })).toBeUndefined();
  });

  it("parses without keeping when no key is given, and refuses a row that fails the schema", () => {
    const other = { ...key, id: "not-kept" };
    parseStoredArticle(JSON.stringify({ ...article, id: "not-kept" }));
    expect(knownArticle(other)).toBeUndefined();
    const bad = JSON.stringify({ ...article, url: "ftp://example.com/a" });
    expect(() => parseStoredArticle(bad, { ...key, id: "bad" })).toThrow(/fails the Article schema/);
    expect(knownArticle({ ...key, id: "bad" })).toBeUndefined();
  });
});
