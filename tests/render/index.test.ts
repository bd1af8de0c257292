import { describe, expect, it } from "vitest";
import { FEED_FORMATS } from "../../src/model/index.ts";
import { FEED_CONTENT_TYPES, renderAtom, renderFeed, renderJsonFeed, renderRss } from "../../src/render/index.ts";
import { SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";

describe("render facade", () => {
  it("has a content type for every feed format", () => {
    expect(FEED_CONTENT_TYPES).toEqual({
      rss: "application/rss+xml; charset=utf-8",
      atom: "application/atom+xml; charset=utf-8",
      json: "application/feed+json; charset=utf-8",
    });
    expect(Object.keys(FEED_CONTENT_TYPES).sort()).toEqual([...FEED_FORMATS].sort());
  });

  it("dispatches each format to its renderer, as UTF-8 bytes", () => {
    const rss = renderFeed("rss", SAMPLE_ARTICLES, SAMPLE_META);
    expect(rss).toBeInstanceOf(Uint8Array);
    expect(rss).toEqual(renderRss(SAMPLE_ARTICLES, SAMPLE_META));
    expect(renderFeed("atom", SAMPLE_ARTICLES, SAMPLE_META)).toEqual(renderAtom(SAMPLE_ARTICLES, SAMPLE_META));
    expect(renderFeed("json", SAMPLE_ARTICLES, SAMPLE_META)).toEqual(renderJsonFeed(SAMPLE_ARTICLES, SAMPLE_META));
    expect(new TextDecoder().decode(renderFeed("atom", SAMPLE_ARTICLES, SAMPLE_META))).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<feed /);
  });

  it("renders an empty feed in every format", () => {
    for (const format of FEED_FORMATS) expect(renderFeed(format, [], SAMPLE_META).byteLength).toBeGreaterThan(0);
  });
});
