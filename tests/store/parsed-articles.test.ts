import { describe, expect, it } from "vitest";
import { parseStoredArticle } from "../../src/store/parsed-articles.ts";
import { SAMPLE_ARTICLES } from "../fixtures/render/articles.ts";

describe("stored articles parsed once per isolate", () => {
  const json = JSON.stringify(SAMPLE_ARTICLES[0]);

  it("returns the same Article for the same JSON, and a new parse for changed JSON", () => {
    const first = parseStoredArticle(json);
    expect(first).toEqual(SAMPLE_ARTICLES[0]);
    expect(parseStoredArticle(json.slice(0))).toBe(first); // equal text from another read
    const edited = parseStoredArticle(JSON.stringify({ ...SAMPLE_ARTICLES[0], title: "Edited" }));
    expect(edited.title).toBe("Edited");
    expect(parseStoredArticle(json)).toBe(first);
  });

  it("still refuses a row that fails the Article schema, every time", () => {
    const bad = JSON.stringify({ ...SAMPLE_ARTICLES[0], url: "ftp://example.com/a" });
    expect(() => parseStoredArticle(bad)).toThrow(/fails the Article schema/);
    expect(() => parseStoredArticle(bad)).toThrow(/fails the Article schema/);
  });
});
