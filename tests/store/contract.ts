/**
 * The ArticleStore contract, written once and run against every implementation, as Hono runs one
 * router suite against each of its routers: the D1 store inside workerd
 * (tests/worker/store-contract.test.ts) and the in-memory store in Node
 * (tests/store/memory-store.test.ts). `makeStore` answers a fresh, empty store for every test.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { UrlConflictError, type ArticleStore, type FeedCursor, type Upsert } from "../../src/store/index.ts";

const NOW = "2026-03-01T12:00:00Z";
const ALL = { kind: "all" } as const;
const RFC3339_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** A valid Article published `minutes` after 2026-03-01T00:00:00Z (negative: before). */
export function storyAt(id: string, minutes: number, o: Partial<Article> = {}): Article {
  const at = new Date(Date.UTC(2026, 2, 1) + minutes * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
  return {
    id, url: `https://news.example/${id}`, title: `Story ${id}`, summary: "", authors: [], publishedAt: at, updatedAt: at,
    tags: [], images: [], contentHtml: "<p>Text.</p>", contentText: "Text.", wordCount: 1, ...o,
  };
}

/**
 * The hash names the content (as ingest's does), so two tests never store different text under one
 * (id, revision, hash, updatedAt): the D1 store's parse cache outlives a test's tables.
 */
function hashOf(article: Article): string {
  let h = 0x811c9dc5;
  for (const c of JSON.stringify(article)) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `h${h.toString(16)}`;
}

export const upsert = (article: Article, o: Partial<Upsert> = {}): Upsert =>
  ({ article, origin: "api", status: "published", contentHash: hashOf(article), firstIngestedAt: article.publishedAt, ...o });

export function storeContract(name: string, makeStore: () => Promise<ArticleStore> | ArticleStore): void {
  describe(`ArticleStore contract: ${name}`, () => {
    let store: ArticleStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    const put = (...upserts: Upsert[]) => store.write({ upserts, retractions: [] });
    const retract = (...ids: string[]) => store.write({ upserts: [], retractions: ids });
    const ids = async (scope: Parameters<ArticleStore["feedPage"]>[0] = ALL, now = NOW, limit = 100, before?: FeedCursor) =>
      (await store.feedPage(scope, { limit, now, before })).articles.map((a) => a.id);

    describe("an empty store", () => {
      it("holds nothing, at version 0, and has the site feed's name", async () => {
        expect(await store.version()).toBe(0);
        expect(await store.get("a")).toBeUndefined();
        expect(await store.findIdByUrl("https://news.example/a")).toBeUndefined();
        expect(await store.listPublishedIds("api")).toEqual([]);
        expect(await store.listScopes(NOW)).toEqual([]);
        expect(await store.wentLive("2000-01-01T00:00:00Z", NOW)).toEqual([]);
        expect(await store.jobCoveredUntil("job")).toBeUndefined();
        expect(await store.getRendered("rss", 0)).toBeUndefined();
        expect(await store.feedPage(ALL, { limit: 10, now: NOW })).toEqual({
          version: 0, changedAt: undefined, name: "All articles", articles: [], previous: undefined, next: undefined, expiresAt: undefined,
        });
      });

      it("answers an empty write with no outcomes and no new version", async () => {
        expect(await store.write({ upserts: [], retractions: [] })).toEqual([]);
        expect(await store.version()).toBe(0);
      });
    });

    describe("writes", () => {
      it("creates an article and reads it back as written", async () => {
        const a = storyAt("a", 1, { section: "Harbour", tags: ["Ferries"], authors: [{ name: "Han Jee-hye" }] });
        expect(await put(upsert(a, { origin: "file", firstIngestedAt: "2026-02-01T00:00:00Z" }))).toEqual(["created"]);
        expect(await store.get("a")).toEqual({ article: a, origin: "file", status: "published", contentHash: hashOf(a), firstIngestedAt: "2026-02-01T00:00:00Z" });
        expect(await store.findIdByUrl(a.url)).toBe("a");
        expect(await store.version()).toBe(1);
        expect((await store.feedPage(ALL, { limit: 10, now: NOW })).changedAt).toMatch(RFC3339_SECONDS);
      });

      it("keeps what was written, not the caller's object", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a));
        a.title = "Changed after the write";
        expect((await store.get("a"))?.article.title).toBe("Story a");
        expect((await store.feedPage(ALL, { limit: 10, now: NOW })).articles[0]?.title).toBe("Story a");
      });

      it("bumps the version once per write, whatever it holds", async () => {
        await put(upsert(storyAt("a", 1)), upsert(storyAt("b", 2)));
        expect(await store.version()).toBe(1);
        await put(upsert(storyAt("a", 1)));
        expect(await store.version()).toBe(2);
        expect((await store.feedPage(ALL, { limit: 10, now: NOW })).version).toBe(2);
      });

      it("answers what each upsert did, in order, decided by what the id holds", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a));
        const edited = { ...a, title: "Story a, edited" };
        expect(await put(upsert(storyAt("b", 2)), upsert(a), upsert(edited))).toEqual(["created", "unchanged", "updated"]);
        expect((await store.get("a"))?.article.title).toBe("Story a, edited");
      });

      it("treats the same content hash as unchanged and writes nothing", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a));
        expect(await put(upsert({ ...a, title: "Another title" }, { contentHash: hashOf(a) }))).toEqual(["unchanged"]);
        expect((await store.get("a"))?.article.title).toBe("Story a");
      });

      it("keeps the first ingest time and takes the rest of an update", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a, { firstIngestedAt: "2026-01-01T00:00:00Z", origin: "file" }));
        const b = { ...a, title: "New title", section: "Harbour" };
        expect(await put(upsert(b, { firstIngestedAt: "2026-02-02T00:00:00Z", origin: "api" }))).toEqual(["updated"]);
        expect(await store.get("a")).toEqual({ article: b, origin: "api", status: "published", contentHash: hashOf(b), firstIngestedAt: "2026-01-01T00:00:00Z" });
      });

      it("with replace: false, creates or finds the same content but keeps another version", async () => {
        const a = storyAt("a", 1);
        expect(await put(upsert(a, { replace: false }))).toEqual(["created"]);
        expect(await put(upsert(a, { replace: false }))).toEqual(["unchanged"]);
        expect(await put(upsert({ ...a, title: "Other" }, { replace: false }))).toEqual(["kept"]);
        expect((await store.get("a"))?.article.title).toBe("Story a");
      });
    });

    describe("retraction", () => {
      it("takes the article out of every feed and releases its URL, keeping its row", async () => {
        const a = storyAt("a", 1, { section: "Harbour" });
        await put(upsert(a), upsert(storyAt("b", 2)));
        await retract("a");
        expect(await store.get("a")).toMatchObject({ status: "retracted", article: a });
        expect(await ids()).toEqual(["b"]);
        expect(await ids({ kind: "section", key: "harbour" })).toEqual([]);
        expect(await store.findIdByUrl(a.url)).toBeUndefined();
        expect(await store.listPublishedIds("api")).toEqual(["b"]);
        expect(await store.listScopes(NOW)).toEqual([]);
        expect(await put(upsert(storyAt("c", 3, { url: a.url })))).toEqual(["created"]);
        expect(await store.findIdByUrl(a.url)).toBe("c");
      });

      it("is not undone by an update; a republish brings the article back", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a));
        await retract("a");
        const edited = { ...a, title: "Edited" };
        expect(await put(upsert(edited))).toEqual(["retracted"]);
        expect(await put(upsert(a))).toEqual(["retracted"]);
        expect(await store.get("a")).toMatchObject({ status: "retracted", article: a });
        expect(await ids()).toEqual([]);
        expect(await put(upsert(a, { republish: true }))).toEqual(["updated"]);
        expect(await store.get("a")).toMatchObject({ status: "published", article: a });
        expect(await ids()).toEqual(["a"]);
      });

      it("runs before the upserts of the same write, so a renamed article takes its old URL", async () => {
        const old = storyAt("old", 1);
        await put(upsert(old));
        const renamed = storyAt("new", 1, { url: old.url });
        expect(await store.write({ upserts: [upsert(renamed)], retractions: ["old"] })).toEqual(["created"]);
        expect(await store.findIdByUrl(old.url)).toBe("new");
        expect(await ids()).toEqual(["new"]);
      });

      it("of an unknown id writes nothing", async () => {
        await retract("nobody");
        expect(await store.get("nobody")).toBeUndefined();
      });
    });

    describe("URL conflicts", () => {
      it("throws UrlConflictError when another published article holds the URL, and writes nothing of the change", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a));
        const version = await store.version();
        const b = storyAt("b", 2);
        const thief = storyAt("c", 3, { url: a.url });
        const error = await store.write({ upserts: [upsert(b), upsert(thief)], retractions: [] }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UrlConflictError);
        expect((error as UrlConflictError).url).toMatch(/^https:\/\/news\.example\/[abc]$/);
        expect(await store.version()).toBe(version);
        expect(await store.get("b")).toBeUndefined();
        expect(await store.get("c")).toBeUndefined();
        expect(await ids()).toEqual(["a"]);
      });

      it("lets an article keep its own URL and move to a free one", async () => {
        const a = storyAt("a", 1);
        await put(upsert(a));
        const moved = { ...a, url: "https://news.example/a-moved" };
        expect(await put(upsert(moved))).toEqual(["updated"]);
        expect(await store.findIdByUrl(a.url)).toBeUndefined();
        expect(await store.findIdByUrl(moved.url)).toBe("a");
      });
    });

    it("lists the published ids of one origin, sorted", async () => {
      await put(upsert(storyAt("f2", 1), { origin: "file" }), upsert(storyAt("f1", 2), { origin: "file" }), upsert(storyAt("api", 3)), upsert(storyAt("f3", 4), { origin: "file" }));
      await retract("f3");
      expect(await store.listPublishedIds("file")).toEqual(["f1", "f2"]);
      expect(await store.listPublishedIds("api")).toEqual(["api"]);
    });

    it("lists the published articles whose page gave no date, sorted", async () => {
      const undated = (id: string, minutes: number) => storyAt(id, minutes, { publishedAtSource: "first-seen" });
      await put(...[undated("u2", 1), undated("u1", 2), storyAt("dated", 3, { publishedAtSource: "metadata" }), storyAt("plain", 4), undated("gone", 5)].map((a) => upsert(a)));
      await retract("gone");
      expect(await store.listUndatedIds()).toEqual(["u1", "u2"]);
    });

    describe("feed pages", () => {
      it("are newest first, ties by the greater id, and page by cursor with no gap or repeat", async () => {
        // c, a and e share a minute; then b..g a minute apart, in another order than their ids.
        await put(...["c", "a", "e", "b", "d", "g", "f"].map((id, i) => upsert(storyAt(id, i < 3 ? 10 : i))));
        const whole = await ids();
        expect(whole).toEqual(["e", "c", "a", "f", "g", "d", "b"]);

        const seen: string[] = [];
        const pages = [];
        let before: FeedCursor | undefined;
        do {
          const page = await store.feedPage(ALL, { limit: 3, now: NOW, before });
          pages.push(page);
          seen.push(...page.articles.map((a) => a.id));
          before = page.next;
        } while (before);
        expect(seen).toEqual(whole);
        expect(pages.map((p) => p.articles.length)).toEqual([3, 3, 1]);
        expect(pages[0]!.next).toEqual({ id: "a", publishedAt: storyAt("a", 10).publishedAt });
        expect(pages[2]!.next).toBeUndefined();
        // RFC 5005 "previous": none on the first page; the first page (no cursor) from the second;
        // the cursor that led to the second page from the third.
        expect(pages[0]!.previous).toBeUndefined();
        expect(pages[1]!.previous).toEqual({ cursor: undefined });
        expect(pages[2]!.previous).toEqual({ cursor: pages[0]!.next });
      });

      it("end exactly at the last article: no next page", async () => {
        await put(upsert(storyAt("a", 1)), upsert(storyAt("b", 2)));
        expect((await store.feedPage(ALL, { limit: 2, now: NOW })).next).toBeUndefined();
        expect((await store.feedPage(ALL, { limit: 1, now: NOW })).next).toEqual({ id: "b", publishedAt: storyAt("b", 2).publishedAt });
      });

      it("follow an article's edits: a new date moves it, a new section moves it between feeds", async () => {
        const a = storyAt("a", 1, { section: "Harbour" });
        await put(upsert(a), upsert(storyAt("b", 2)));
        expect(await ids()).toEqual(["b", "a"]);
        const moved = storyAt("a", 3, { section: "Weather" });
        await put(upsert(moved));
        expect(await ids()).toEqual(["a", "b"]);
        expect(await ids({ kind: "section", key: "harbour" })).toEqual([]);
        expect(await ids({ kind: "section", key: "weather" })).toEqual(["a"]);
        // A scope that had articles keeps its name; one that never had any has none.
        expect((await store.feedPage({ kind: "section", key: "harbour" }, { limit: 5, now: NOW })).name).toBe("Harbour");
        expect((await store.feedPage({ kind: "section", key: "sports" }, { limit: 5, now: NOW })).name).toBeUndefined();
      });
    });

    describe("scopes", () => {
      it("give each section, tag and author a feed under its key, with its display name", async () => {
        await put(
          upsert(storyAt("a", 1, { section: "North Korea", tags: ["Kursk", "봄꽃"], authors: [{ name: "Han Jee-hye" }] })),
          upsert(storyAt("b", 2, { section: "North Korea", tags: ["Kursk"] })),
          upsert(storyAt("c", 3, { tags: ["Ferries"] })),
        );
        expect(await ids({ kind: "section", key: "north-korea" })).toEqual(["b", "a"]);
        expect(await ids({ kind: "tag", key: "kursk" })).toEqual(["b", "a"]);
        expect(await ids({ kind: "tag", key: "봄꽃" })).toEqual(["a"]);
        expect(await ids({ kind: "author", key: "han-jee-hye" })).toEqual(["a"]);
        expect((await store.feedPage({ kind: "author", key: "han-jee-hye" }, { limit: 5, now: NOW })).name).toBe("Han Jee-hye");
        // Most used first, then by name.
        expect(await store.listScopes(NOW)).toEqual([
          { kind: "tag", key: "kursk", name: "Kursk", count: 2 },
          { kind: "section", key: "north-korea", name: "North Korea", count: 2 },
          { kind: "tag", key: "ferries", name: "Ferries", count: 1 },
          { kind: "author", key: "han-jee-hye", name: "Han Jee-hye", count: 1 },
          { kind: "tag", key: "봄꽃", name: "봄꽃", count: 1 },
        ]);
      });

      it("take the display name last written for their key", async () => {
        await put(upsert(storyAt("a", 1, { section: "north korea" })));
        await put(upsert(storyAt("b", 2, { section: "North Korea" })));
        expect((await store.feedPage({ kind: "section", key: "north-korea" }, { limit: 5, now: NOW })).name).toBe("North Korea");
      });
    });

    describe("embargo", () => {
      it("keeps an article out of feeds and scope lists until its time, and tells when that is", async () => {
        const later = storyAt("later", 13 * 60, { section: "Secret" }); // 13:00, an hour after NOW
        const latest = storyAt("latest", 14 * 60, { section: "Secret" });
        await put(upsert(storyAt("a", 1)), upsert(latest), upsert(later));
        const page = await store.feedPage(ALL, { limit: 10, now: NOW });
        expect(page.articles.map((a) => a.id)).toEqual(["a"]);
        expect(page.expiresAt).toBe(later.publishedAt);
        // A scope whose only articles are embargoed does not exist yet: its name would reveal them.
        expect(await store.feedPage({ kind: "section", key: "secret" }, { limit: 10, now: NOW })).toMatchObject({ name: undefined, articles: [], expiresAt: later.publishedAt });
        expect(await store.listScopes(NOW)).toEqual([]);

        expect(await ids(ALL, later.publishedAt)).toEqual(["later", "a"]);
        const secret = await store.feedPage({ kind: "section", key: "secret" }, { limit: 10, now: later.publishedAt });
        expect(secret).toMatchObject({ name: "Secret", expiresAt: latest.publishedAt });
        expect(await store.listScopes(latest.publishedAt)).toEqual([{ kind: "section", key: "secret", name: "Secret", count: 2 }]);
      });

      it("wentLive answers the published articles whose time lies in (after, until], oldest first", async () => {
        await put(...[1, 2, 3, 4].map((m) => upsert(storyAt(`m${m}`, m))));
        await retract("m3");
        const at = (m: number) => storyAt("x", m).publishedAt;
        expect((await store.wentLive(at(1), at(4))).map((a) => a.id)).toEqual(["m2", "m4"]);
        expect((await store.wentLive(at(0), at(2))).map((a) => a.id)).toEqual(["m1", "m2"]);
        expect(await store.wentLive(at(4), at(9))).toEqual([]);
        expect((await store.wentLive(at(1), at(2)))[0]).toEqual(storyAt("m2", 2));
      });
    });

    it("keeps how far each job has covered", async () => {
      await store.setJobCoveredUntil("a", "2026-01-01T00:00:00Z");
      await store.setJobCoveredUntil("b", "2026-01-02T00:00:00Z");
      await store.setJobCoveredUntil("a", "2026-01-03T00:00:00Z");
      expect(await store.jobCoveredUntil("a")).toBe("2026-01-03T00:00:00Z");
      expect(await store.jobCoveredUntil("b")).toBe("2026-01-02T00:00:00Z");
    });

    describe("rendered feeds", () => {
      const feed = (version: number, expiresAt?: string) => ({ version, etag: `"v${version}"`, lastModified: "Sun, 01 Mar 2026 00:00:00 GMT", body: `<rss>${version}</rss>`, expiresAt });

      it("are read only at the exact version they were rendered from", async () => {
        await store.putRendered("rss", feed(3, "2026-03-02T00:00:00Z"));
        expect(await store.getRendered("rss", 3)).toEqual(feed(3, "2026-03-02T00:00:00Z"));
        expect(await store.getRendered("rss", 2)).toBeUndefined();
        expect(await store.getRendered("rss", 4)).toBeUndefined();
        expect(await store.getRendered("atom", 3)).toBeUndefined();
      });

      it("are replaced by a newer render, never by an older one", async () => {
        await store.putRendered("rss", feed(3));
        await store.putRendered("rss", feed(5));
        await store.putRendered("rss", feed(4));
        expect(await store.getRendered("rss", 5)).toEqual(feed(5));
        expect(await store.getRendered("rss", 4)).toBeUndefined();
      });
    });
  });
}
