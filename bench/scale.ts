/**
 * Scale: a local D1 (workerd via Miniflare) grown from 1,000 to 100,000 articles (~7.6 KB of Article
 * JSON each, five feed_entries rows each). At each size, interleaved: the latest-30 site feed page
 * and a section feed page as a cold isolate reads them (the exact FEED_PAGE and ARTICLES_BY_ID SQL
 * of src/store/d1-store.ts: keys, then the text of the page's 30 rows), against `SELECT 1`
 * (the cost of a D1 call from Node over loopback). Each D1 call carries 10 copies of the two
 * statements in one batch to amortise that call; the net time per page read is (batch - SELECT 1
 * batch) / 10. A cold isolate makes the two statements two D1 calls, so it also pays one more round
 * trip (the SELECT 1 column); a warm one fetches only the rows it has not parsed.
 */
import { Miniflare } from "miniflare";
import { ARTICLES_BY_ID, FEED_PAGE } from "../src/store/d1-store.ts";
import { applyMigrations, generateArchive } from "../tests/tools/d1-archive.ts";
import { makeArticle } from "./fixtures.ts";
import { compare, fmtMs, fmtX, table, type Goal } from "./lib.ts";

const NOW = "2026-04-02T00:00:00Z";
const PER_BATCH = 10;

export async function benchScale(sizes = [1_000, 100_000], rounds = Number(process.env.BENCH_ROUNDS ?? 15)) {
  const mf = new Miniflare({ modules: true, script: "export default { fetch() { return new Response(null) } }", d1Databases: ["DB"] });
  const db = (await mf.getD1Database("DB")) as unknown as D1Database;
  try {
    await applyMigrations(db);
    type Query = [sql: string, args: unknown[]];
    const batchOf = (...queries: Query[]) => () =>
      db.batch(Array.from({ length: PER_BATCH }, () => queries.map(([sql, args]) => db.prepare(sql).bind(...args))).flat());
    // A feed page as a cold isolate reads it: the keys, then the text of every row (a warm isolate
    // fetches only the rows it has not parsed, so this is the most a page read costs).
    const pageRead = async (scope: string): Promise<Query[]> => {
      const args = [scope, NOW, null, null, 31];
      const { results } = await db.prepare(FEED_PAGE).bind(...args).all<{ id: string }>();
      return [[FEED_PAGE, args], [ARTICLES_BY_ID, [JSON.stringify(results.slice(0, 30).map((r) => r.id))]]]; // the 31st key only tells that a next page exists
    };
    const bySize: Record<string, { latestMs: number; sectionMs: number; latestGrossMs: number; sectionGrossMs: number; baselineMs: number; plan: string[]; generateMs: number }> = {};
    let have = 0;
    for (const size of sizes) {
      const start = performance.now();
      await generateArchive(db, have, size, JSON.stringify(makeArticle(1)));
      const generateMs = performance.now() - start;
      have = size;
      await db.prepare("PRAGMA optimize").run().catch(() => undefined);
      const r = await compare(
        [
          { name: "baseline", run: batchOf(["SELECT 1", []]) },
          { name: "latest", run: batchOf(...(await pageRead("all"))) },
          { name: "section", run: batchOf(...(await pageRead("section:politics"))) },
        ],
        { rounds, batchMs: 100, isAsync: true },
      );
      const [baseline, latest, section] = r;
      const plan = (await db.prepare(`EXPLAIN QUERY PLAN ${FEED_PAGE}`).bind("all", NOW, null, null, 31).all<{ detail: string }>()).results.map((x) => x.detail);
      bySize[size] = {
        baselineMs: baseline!.medianMs / PER_BATCH,
        // Net of the call; floored at 0.01 ms so noise cannot make a ratio infinite.
        latestMs: Math.max(0.01, (latest!.medianMs - baseline!.medianMs) / PER_BATCH),
        sectionMs: Math.max(0.01, (section!.medianMs - baseline!.medianMs) / PER_BATCH),
        latestGrossMs: latest!.medianMs / PER_BATCH,
        sectionGrossMs: section!.medianMs / PER_BATCH,
        plan,
        generateMs,
      };
    }
    const first = bySize[sizes[0]!]!;
    const last = bySize[sizes.at(-1)!]!;
    const growth = { latest: last.latestMs / first.latestMs, section: last.sectionMs / first.sectionMs };
    const rows = sizes.map((s) => {
      const x = bySize[s]!;
      return [s.toLocaleString("en"), fmtMs(x.latestMs), fmtMs(x.sectionMs), `${fmtMs(x.latestGrossMs)} / ${fmtMs(x.sectionGrossMs)}`, fmtMs(x.baselineMs), x.plan.join("; ")];
    });
    rows.push([`growth ${sizes[0]!.toLocaleString("en")} -> ${sizes.at(-1)!.toLocaleString("en")}`, fmtX(growth.latest), fmtX(growth.section), "", "", ""]);
    const goals: Goal[] = [
      { goal: "latest-30 feed page read (keys + all rows' text) flat (within 2x) 1k -> 100k", value: fmtX(growth.latest), met: growth.latest <= 2 },
      { goal: "section feed page read (keys + all rows' text) flat (within 2x) 1k -> 100k", value: fmtX(growth.section), met: growth.section <= 2 },
    ];
    const text = table(["scale: articles", "latest-30 net ms", "section net ms", "gross latest/section", "SELECT 1 ms", "plan"], rows);
    return { text, goals, data: { rounds, perBatch: PER_BATCH, bySize, growth } };
  } finally {
    await mf.dispose();
  }
}
