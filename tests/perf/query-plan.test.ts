/**
 * The feed-page SQL of src/store/d1-store.ts must be an index range scan: the feed_entries primary key for the entries, the articles primary
 * key for the join, never a full-table SCAN and never a temp B-tree sort. Runs in a real D1 (workerd
 * via Miniflare) over 2,000 generated articles with the migrations applied. No timing is asserted.
 */
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTICLES_BY_ID, FEED_PAGE, NEWER_ENTRIES } from "../../src/store/d1-store.ts";
import { JOONGANG_ARTICLE } from "../fixtures/render/articles.ts";
import { applyMigrations, generateArchive } from "../tools/d1-archive.ts";

let mf: Miniflare;
let db: D1Database;

beforeAll(async () => {
  mf = new Miniflare({ modules: true, script: "export default { fetch() { return new Response(null) } }", d1Databases: ["DB"] });
  db = (await mf.getD1Database("DB")) as unknown as D1Database;
  await applyMigrations(db);
  await generateArchive(db, 0, 2000, JSON.stringify(JOONGANG_ARTICLE));
}, 60_000);
afterAll(() => mf?.dispose());

const NOW = "2026-04-02T00:00:00Z";
async function plan(sql: string, args: unknown[]): Promise<string[]> {
  const { results } = await db.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...args).all<{ detail: string }>();
  return results.map((r) => r.detail);
}

function expectIndexedPlan(details: string[]): void {
  expect(details.some((d) => /^SEARCH (e|feed_entries) USING PRIMARY KEY \(scope=\? AND published_at[<>]\?/.test(d)), details.join("\n")).toBe(true);
  expect(details.filter((d) => /^SCAN /.test(d)), details.join("\n")).toEqual([]);
  expect(details.filter((d) => /TEMP B-TREE/.test(d)), details.join("\n")).toEqual([]);
}

describe("feed queries use the feed_entries primary key", () => {
  const cases: [string, unknown[]][] = [
    ["site feed, first page", ["all", NOW, null, null, 31]],
    ["section feed, first page", ["section:politics", NOW, null, null, 31]],
    ["section feed, cursor page", ["section:politics", NOW, "2026-03-31T00:00:00Z", "s0001000", 31]],
  ];
  for (const [name, args] of cases) {
    it(`FEED_PAGE: ${name}`, async () => {
      const details = await plan(FEED_PAGE, args);
      expectIndexedPlan(details);
      expect(details).toContain("SEARCH a USING INDEX sqlite_autoindex_articles_1 (id=?)");
    });
  }

  it("ARTICLES_BY_ID (the text of the rows an isolate has not parsed) looks each id up by primary key", async () => {
    const ids = JSON.stringify(["s0000001", "s0000002", "s0001000"]);
    const details = await plan(ARTICLES_BY_ID, [ids]);
    expect(details.some((d) => /^SEARCH articles USING INDEX sqlite_autoindex_articles_1 \(id=\?\)/.test(d)), details.join("\n")).toBe(true);
    expect(details.filter((d) => /^SCAN articles/.test(d)), details.join("\n")).toEqual([]);
    expect(details.filter((d) => /TEMP B-TREE/.test(d)), details.join("\n")).toEqual([]);
  });

  it("NEWER_ENTRIES (the previous-page cursor) is a range scan too", async () => {
    expectIndexedPlan(await plan(NEWER_ENTRIES, ["all", NOW, "2026-03-31T00:00:00Z", "s0001000", 31]));
  });

  it("still indexed after ANALYZE (statistics must not turn it into a scan)", async () => {
    await db.prepare("ANALYZE").run();
    expectIndexedPlan(await plan(FEED_PAGE, ["section:politics", NOW, null, null, 31]));
  });
});
