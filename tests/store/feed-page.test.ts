/**
 * The D1 store's two-phase feed page (keys, then the text of rows this isolate has not parsed),
 * against a small in-memory stand-in for D1 that answers the store's statements, so the cases that
 * matter can be staged exactly: a full parse cache, and a row that changes between the two reads.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/model/index.ts";
import type { ArticleStore } from "../../src/store/index.ts";
import { SAMPLE_ARTICLES } from "../fixtures/render/articles.ts";

type Row = { id: string; revision: number; content_hash: string; updated_at: string; published_at: string; status: string; article_json: string };
const NOW = "2030-01-01T00:00:00Z";
const ALL = { kind: "all" } as const;

function fakeD1(rows: Map<string, Row>, beforeTextRead: { hook?: () => void }) {
  const run = (sql: string, args: unknown[]): unknown[] => {
    if (sql.includes("FROM store_state")) return [{ version: 7, changed_at: null }];
    if (sql.startsWith("SELECT a.id, a.revision")) {
      const [, now, beforeAt, beforeId, limit] = args as [string, string, string | null, string | null, number];
      return [...rows.values()]
        .filter((r) => r.status === "published" && r.published_at <= now)
        .sort((a, b) => (a.published_at === b.published_at ? b.id.localeCompare(a.id) : b.published_at.localeCompare(a.published_at)))
        .filter((r) => beforeAt === null || r.published_at < beforeAt || (r.published_at === beforeAt && r.id < beforeId!))
        .slice(0, limit)
        .map(({ id, revision, content_hash, updated_at, published_at, article_json }) =>
          sql.includes("a.article_json") ? { id, revision, content_hash, updated_at, published_at, article_json } : { id, revision, content_hash, updated_at, published_at });
    }
    if (sql.includes("FROM feed_scopes")) return [{ name: "All articles" }];
    if (sql.includes("MIN(published_at)")) return [{ at: null }];
    if (sql.startsWith("SELECT published_at, article_id FROM feed_entries")) return []; // the previous-page cursor
    if (sql.includes("json_each")) {
      beforeTextRead.hook?.();
      beforeTextRead.hook = undefined;
      const ids = JSON.parse(args[0] as string) as string[];
      return [...rows.values()].filter((r) => ids.includes(r.id) && r.status === "published");
    }
    throw new Error(`the stand-in does not know: ${sql}`);
  };
  const statement = (sql: string, args: unknown[] = []): unknown => ({
    sql, args,
    bind: (...values: unknown[]) => statement(sql, values),
    all: async () => ({ results: run(sql, args) }),
    first: async () => run(sql, args)[0],
  });
  return {
    prepare: (sql: string) => statement(sql),
    batch: async (statements: { sql: string; args: unknown[] }[]) => statements.map((s) => ({ results: run(s.sql, s.args) })),
  } as unknown as D1Database;
}

describe("D1 feed pages read keys first, then only the text this isolate lacks", () => {
  const rows = new Map<string, Row>();
  const put = (i: number, title: string, publishedAt?: string, extraHtml = "") => {
    const id = `a${String(i).padStart(4, "0")}`;
    const at = publishedAt ?? new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString().replace(".000", "");
    const base = SAMPLE_ARTICLES[0]!;
    const article: Article = { ...base, id, url: `https://n.example/${id}`, title, publishedAt: at, updatedAt: at, contentHtml: base.contentHtml + extraHtml };
    const revision = (rows.get(id)?.revision ?? 0) + 1;
    rows.set(id, { id, revision, content_hash: `h-${title}`, updated_at: at, published_at: at, status: "published", article_json: JSON.stringify(article) });
  };
  const hook: { hook?: () => void } = {};
  let store: ArticleStore;

  beforeEach(async () => {
    rows.clear();
    // Enough text to overflow the isolate's parse cache (4M code units) when every page is read.
    const count = Math.ceil((4.5 * 1024 * 1024) / JSON.stringify(SAMPLE_ARTICLES[0]).length) + 50;
    for (let i = 0; i < count; i++) put(i, `Title ${i}`);
    vi.resetModules(); // a fresh isolate: the parse cache is module state
    const { createD1Store } = await import("../../src/store/d1-store.ts");
    store = createD1Store(fakeD1(rows, hook));
  });

  it("keeps every article and the next link of a page when the parse cache overflows while it is read", async () => {
    // The first page is parsed first, so its articles are the oldest entries; then more pages, up to
    // just under the cache's bound (4M code units of JSON), so nothing has been dropped yet.
    const first = await store.feedPage(ALL, { limit: 50, now: NOW });
    const size = (page: { articles: Article[] }) => page.articles.reduce((n, a) => n + (rows.get(a.id)?.article_json.length ?? 0), 0);
    let kept = size(first);
    let cursor = first.next;
    while (cursor) {
      const page = await store.feedPage(ALL, { limit: 50, now: NOW, before: cursor });
      if (kept + size(page) * 2 > 4 * 1024 * 1024) break; // the next page would overflow: stop short
      kept += size(page);
      cursor = page.next;
    }
    // A first-page article grows by 1M code units: parsing it overflows the cache, which drops its
    // oldest entries (first-page articles that this read had already found in it).
    const edited = rows.size - 1;
    put(edited, "Edited title", undefined, `<p>${"x".repeat(1024 * 1024)}</p>`);
    const again = await store.feedPage(ALL, { limit: 50, now: NOW });
    expect(again.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
    expect(again.articles[0]?.title).toBe("Edited title");
    expect(again.next).toEqual(first.next);
  });

  it("reads the page again in one transaction when a row changes between the two reads", async () => {
    await store.feedPage(ALL, { limit: 50, now: NOW });
    const last = rows.size - 50; // the last article of the first page
    put(last, "Revised"); // a new revision this isolate has not parsed: its text is fetched...
    const id = `a${String(last).padStart(4, "0")}`;
    hook.hook = () => put(last, "Embargoed again", "2031-01-01T00:00:00Z"); // ...and it moves into the future meanwhile
    const page = await store.feedPage(ALL, { limit: 50, now: NOW });
    expect(page.articles.map((a) => a.title)).not.toContain("Embargoed again");
    expect(page.articles.map((a) => a.id)).not.toContain(id);
    expect(page.articles).toHaveLength(50);
    expect(page.articles.map((a) => a.publishedAt)).toEqual([...page.articles.map((a) => a.publishedAt)].sort().reverse());
    expect(page.next).toEqual({ publishedAt: page.articles[49]!.publishedAt, id: page.articles[49]!.id });
  });
});
