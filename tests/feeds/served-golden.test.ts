import { describe, expect, it } from "vitest";
import { buildFeedMeta } from "../../src/http/feed-meta.ts";
import { DEFAULT_LIMIT } from "../../src/http/feed-request.ts";
import { SITE_SCOPE, type Article } from "../../src/model/index.ts";
import { renderFeed } from "../tools/render-text.ts";
import { expectedArticles } from "../tools/expected-articles.ts";
import { expectGolden } from "../tools/golden.ts";
import { defaultConfig } from "../tools/site-config.ts";

// The feeds `npm start` serves for articles/, from the committed expected Articles, in the store's
// order (published_at DESC, id DESC). tests/worker/feeds.test.ts checks workerd serves these bytes.
const articles: Article[] = expectedArticles()
  .sort((a, b) => (a.publishedAt === b.publishedAt ? (a.id < b.id ? 1 : -1) : a.publishedAt < b.publishedAt ? 1 : -1));

describe("golden feeds of articles/", () => {
  const page = { version: 0, changedAt: undefined, name: "All articles", articles, next: undefined, previous: undefined, expiresAt: undefined };
  for (const [format, file] of [["rss", "feed.xml"], ["atom", "atom.xml"], ["json", "feed.json"]] as const) {
    it(`${file} is unchanged`, () => {
      const meta = buildFeedMeta(defaultConfig(), { scope: SITE_SCOPE, format, limit: DEFAULT_LIMIT, before: undefined }, page);
      const rendered = renderFeed(format, articles, meta);
      expect(renderFeed(format, articles, meta)).toBe(rendered); // deterministic
      expectGolden(new URL(`../fixtures/feeds/${file}`, import.meta.url).pathname, rendered);
    });
  }
});
