import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { addConfiguredSources, pollSource, type Source } from "../../src/sources/index.ts";
import { createD1SourceStore } from "../../src/store/source-store.ts";
import { request } from "./helpers.ts";
import { article, deliver, drain, hitsOf, newSite, putPage, RecordingQueue, rss, SITE, SITE2, testDeps } from "./pull-helpers.ts";

// Pull mode inside workerd against the loopback stand-in sites (tests/tools/stub-site.ts): a poll
// queues pages, and the test delivers the queue's messages to the consumer as the platform would.
const sources = () => createD1SourceStore(env.DB);
const INTERNAL = inject("internalBaseUrl");

async function follow(url: string, extra: Record<string, unknown> = {}): Promise<Source> {
  await addConfiguredSources(sources(), [{ url, ...extra }], "2025-01-01T00:00:00Z");
  return (await sources().list()).find((s) => s.url === url)!;
}

async function poll(source: Source, queue: RecordingQueue) {
  return pollSource(testDeps(queue), (await sources().get(source.id))!);
}

const storeVersion = async () => (await env.DB.prepare("SELECT version FROM store_state").first<{ version: number }>())!.version;
const itemOf = (source: Source, url: string) => sources().item(source.id, url);

async function feedItems(): Promise<{ url: string; title: string; content_html?: string }[]> {
  return ((await (await request("/feed.json?limit=100")).json()) as { items: { url: string; title: string; content_html?: string }[] }).items;
}

describe("pull mode: kinds of listings", () => {
  it("a site of 10 pages behind a partial RSS feed is in the feeds with full text after one poll and one drain", async () => {
    const site = newSite();
    const links: string[] = [];
    for (let n = 1; n <= 10; n++) {
      links.push(await putPage(site, `news/2025/05/06/harbour-story-number-${n}.html`, { body: article(`Harbour story ${n}`, `Full text of story ${n}: the ferry timetable changes in June and the council will publish the new prices.`) }));
    }
    const feed = await putPage(site, "feed.xml", {
      contentType: "application/rss+xml; charset=utf-8",
      body: rss(links.map((link, i) => ({ link, title: `Harbour story ${i + 1}`, description: "Only a teaser.", pubDate: "Tue, 06 May 2025 08:00:00 GMT" }))),
    });
    const source = await follow(feed);
    const queue = new RecordingQueue();
    expect(await poll(source, queue)).toMatchObject({ status: "ok", kind: "feed", found: 10, queued: 10 });
    const deliveries = await drain(queue);
    expect(deliveries.map((d) => d.outcome)).toEqual(new Array(10).fill("ack"));

    const items = await feedItems();
    for (let n = 1; n <= 10; n++) {
      const item = items.find((i) => i.url === links[n - 1]);
      expect(item?.title).toBe(`Harbour story ${n}`);
      expect(item?.content_html).toContain(`Full text of story ${n}`);
    }
    expect((await sources().counts(source.id)).ingested).toBe(10);
  }, 30_000);

  it("reads a sitemap, a Google News sitemap, a sitemap index and a section page", async () => {
    const site = newSite();
    const page = (name: string) => putPage(site, `news/${name}.html`, { body: article(name, `The text of ${name}, long enough to be a real story about the harbour.`) });
    const [a, b, c, d] = [await page("first-story-in-sitemap"), await page("second-story-in-news"), await page("third-story-from-index"), await page("fourth-story-on-section")];
    const sitemap = await putPage(site, "sitemap.xml", { contentType: "application/xml", body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${a}</loc><lastmod>2025-05-06</lastmod></url></urlset>` });
    const news = await putPage(site, "news-sitemap.xml", {
      contentType: "text/xml",
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${b}</loc><news:news><news:publication><news:name>Stub</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-05-06T08:00:00Z</news:publication_date><news:title>Second story</news:title></news:news></url></urlset>`,
    });
    const child = await putPage(site, "sitemap-1.xml", { contentType: "application/xml", body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${c}</loc></url></urlset>` });
    const index = await putPage(site, "sitemap-index.xml", { contentType: "application/xml", body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${child}</loc><lastmod>2025-05-06</lastmod></sitemap></sitemapindex>` });
    const section = await putPage(site, "section/harbour", {
      body: `<!doctype html><html><body><header><a href="/${site}/about/the-team-behind-us">About the team behind us</a></header><main><h2><a href="${d}">Fourth story</a></h2><a href="/${site}/tag/harbour">Harbour</a></main><footer><a href="/${site}/news/privacy-policy-of-this-site">Privacy</a></footer></body></html>`,
    });
    const expected: [string, string, string][] = [[sitemap, "sitemap", a], [news, "news-sitemap", b], [index, "sitemap-index", c], [section, "section", d]];
    for (const [url, kind, page] of expected) {
      const source = await follow(url);
      const queue = new RecordingQueue();
      expect(await poll(source, queue), kind).toMatchObject({ status: "ok", kind, found: 1, queued: 1 });
      expect(queue.sent.map((m) => m.url)).toEqual([page]);
      const [delivery] = await drain(queue);
      expect(delivery!.outcome).toBe("ack");
      expect((await itemOf(source, page))?.state, kind).toBe("ingested");
    }
    // The news sitemap's title and date are its teaser.
    const newsSource = (await sources().list()).find((s) => s.url === news)!;
    expect((await itemOf(newsSource, b))?.teaser).toEqual({ title: "Second story", publishedAt: "2025-05-06T08:00:00Z" });
  }, 30_000);
});

describe("pull mode: politeness and caching", () => {
  it("obeys robots.txt: a disallowed page is held and never fetched", async () => {
    const site = newSite();
    const allowed = await putPage(site, "news/an-allowed-harbour-story.html", { body: article("Allowed", "This page may be fetched by the service and is a proper story.") });
    const banned = await putPage(site, "private/a-disallowed-harbour-story.html", { body: article("Banned", "This page must never be fetched by the service at all.") });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: allowed, title: "A" }, { link: banned, title: "B" }]) }));
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    expect(await itemOf(source, allowed)).toMatchObject({ state: "ingested" });
    expect(await itemOf(source, banned)).toMatchObject({ state: "held", reason: "robots.txt disallows this page" });
    expect((await hitsOf(site)).map((h) => h.path)).not.toContain(`/${site}/private/a-disallowed-harbour-story.html`);
  });

  it("the second poll is a conditional GET answered 304; unchanged pages are not fetched again and write nothing", async () => {
    const site = newSite();
    const one = await putPage(site, "news/first-harbour-story-here.html", { body: article("One", "The first story of this site, with enough words to be read.") });
    const feedBody = rss([{ link: one, title: "One", pubDate: "Tue, 06 May 2025 08:00:00 GMT" }]);
    const feed = await putPage(site, "feed.xml", { contentType: "application/rss+xml", etag: '"v1"', lastModified: "Tue, 06 May 2025 08:00:00 GMT", body: feedBody });
    const source = await follow(feed);
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);

    expect(await poll(source, queue)).toMatchObject({ status: "not-modified", queued: 0 });
    const feedHits = (await hitsOf(site)).filter((h) => h.path.endsWith("feed.xml"));
    expect(feedHits.at(-1)).toMatchObject({ status: 304, ifNoneMatch: '"v1"', ifModifiedSince: "Tue, 06 May 2025 08:00:00 GMT" });
    expect((await sources().get(source.id))?.lastStatus).toBe("not-modified");

    // The feed changes (a second item); the first item's page is not fetched again.
    const two = await putPage(site, "news/second-harbour-story-here.html", { body: article("Two", "The second story of this site, also with enough words to be read.") });
    await putPage(site, "feed.xml", { contentType: "application/rss+xml", etag: '"v2"', body: rss([{ link: one, title: "One", pubDate: "Tue, 06 May 2025 08:00:00 GMT" }, { link: two, title: "Two" }]) });
    expect(await poll(source, queue)).toMatchObject({ status: "ok", found: 2, queued: 1 });
    expect(queue.sent.map((m) => m.url)).toEqual([two]);
    await drain(queue);
    expect((await hitsOf(site)).filter((h) => h.path.endsWith("first-harbour-story-here.html"))).toHaveLength(1);

    // A page delivered again with the same bytes writes nothing (the store version stays).
    const before = await storeVersion();
    const [again] = await deliver([{ body: { sourceId: source.id, url: one } }]);
    expect(again!.outcome).toBe("ack");
    expect(await storeVersion()).toBe(before);
  });

  it("a changed page is updated on the next poll (its marker moved), fetched with its validators", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-that-changes-later.html", { etag: '"p1"', body: article("Before", "The first version of this story, as it was published in the morning.") });
    const feedAt = (date: string) => putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "S", pubDate: date }]) });
    await feedAt("Tue, 06 May 2025 08:00:00 GMT");
    const source = await follow(`${SITE}/${site}/feed.xml`);
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    const id = (await itemOf(source, url))!.articleId!;

    await putPage(site, "news/a-story-that-changes-later.html", { etag: '"p2"', body: article("After", "The second version of this story, corrected in the afternoon.") });
    await feedAt("Tue, 06 May 2025 15:00:00 GMT");
    const second = await poll(source, queue);
    expect(second).toMatchObject({ queued: 1 });
    await drain(queue);
    const pageHits = (await hitsOf(site)).filter((h) => h.path.endsWith("changes-later.html"));
    expect(pageHits.at(-1)).toMatchObject({ ifNoneMatch: '"p1"', status: 200 });
    const stored = (await (await request(`/api/articles/${id}`)).json()) as { title: string; contentText: string };
    expect(stored.title).toBe("After");
    expect(stored.contentText).toContain("second version");
  });

  it("a page with no date in it is dated by its Last-Modified, and decoded by the transport's charset", async () => {
    const site = newSite();
    const html = article("Café sans date", "Une histoire sans date dans la page, mais le serveur dit quand elle a changé.").replace(/<meta property="article:published_time"[^>]*>/, "");
    // ISO-8859-1 bytes (é is one byte, 0xE9), declared only by the Content-Type.
    const latin1 = btoa(String.fromCharCode(...[...html].map((c) => c.charCodeAt(0))));
    const url = await putPage(site, "news/une-histoire-sans-date-ici.html", { lastModified: "Tue, 06 May 2025 09:30:00 GMT", contentType: "text/html; charset=iso-8859-1", bodyBase64: latin1 });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "Sans date" }]) }));
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    const stored = (await (await request(`/api/articles/${(await itemOf(source, url))!.articleId}`)).json()) as { publishedAt: string; title: string };
    expect(stored).toMatchObject({ publishedAt: "2025-05-06T09:30:00Z", title: "Café sans date" });
  });

  it("the same page in two sources is one article", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-listed-twice-over.html", { body: article("Listed twice", "One story that both the feed and the sitemap of the site list.") });
    const feed = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "Listed twice" }]) }));
    const map = await follow(await putPage(site, "sitemap.xml", { contentType: "application/xml", body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${url}</loc></url></urlset>` }));
    const queue = new RecordingQueue();
    await poll(feed, queue);
    await poll(map, queue);
    expect(queue.sent).toHaveLength(2);
    await drain(queue);
    const [a, b] = [await itemOf(feed, url), await itemOf(map, url)];
    expect(a?.state).toBe("ingested");
    expect(b?.state).toBe("ingested");
    expect(a?.articleId).toBe(b?.articleId);
    expect((await feedItems()).filter((i) => i.url === url)).toHaveLength(1);
  });
});

describe("pull mode: failures", () => {
  it("a 500 is retried with backoff, and the retry succeeds", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-behind-a-500.html", { failTimes: 1, failStatus: 500, body: article("Flaky", "A story served after the server recovered from its error.") });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "Flaky" }]) }));
    const queue = new RecordingQueue();
    await poll(source, queue);
    const [first] = await drain(queue);
    expect(first).toMatchObject({ outcome: "retry", delaySeconds: 60 });
    expect(await itemOf(source, url)).toMatchObject({ state: "queued", reason: "attempt 1 failed: the page answered 500" });
    const [second] = await deliver([{ body: first!.body, attempts: 2 }]);
    expect(second!.outcome).toBe("ack");
    expect(await itemOf(source, url)).toMatchObject({ state: "ingested" });
  });

  it("honours Retry-After, and after the last attempt the page is a dead letter in the operator view", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-that-is-rate-limited.html", { failTimes: 99, failStatus: 503, retryAfter: "900", body: "never" });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "Busy" }]) }));
    const queue = new RecordingQueue();
    await poll(source, queue);
    const [first] = await drain(queue);
    expect(first).toMatchObject({ outcome: "retry", delaySeconds: 900 }); // Retry-After beats the 60 s backoff
    const [last] = await deliver([{ body: first!.body, attempts: 5 }]);
    expect(last!.outcome).toBe("ack");
    const view = (await (await request(`/api/sources/${source.id}`, { headers: { Authorization: "Bearer test-ingest-token" } })).json()) as {
      items: { dead: number };
      itemList: { url: string; state: string; reason: string }[];
    };
    expect(view.items.dead).toBe(1);
    expect(view.itemList.find((i) => i.url === url)).toMatchObject({ state: "dead", reason: "gave up after 5 attempts: the page answered 503" });
    const list = (await (await request("/api/sources", { headers: { Authorization: "Bearer test-ingest-token" } })).json()) as { sources: { id: string; why: unknown[] }[] };
    expect(list.sources.find((s) => s.id === source.id)?.why).toEqual([{ url, state: "dead", reason: "gave up after 5 attempts: the page answered 503" }]);
  });

  it("a slow host does not block the pages of other hosts", async () => {
    const [slowSite, fastSite] = [newSite(), newSite()];
    const slow = await putPage(slowSite, "news/a-very-slow-harbour-story.html", { hang: true, body: article("Slow", "A story from a host that takes its time.") }, SITE2);
    const fast = await putPage(fastSite, "news/a-quick-harbour-story-here.html", { body: article("Fast", "A story from a host that answers at once.") });
    const slowSource = await follow(await putPage(slowSite, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: slow, title: "Slow" }]) }, SITE2));
    const fastSource = await follow(await putPage(fastSite, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: fast, title: "Fast" }]) }));
    const queue = new RecordingQueue();
    await poll(slowSource, queue);
    await poll(fastSource, queue);
    // One batch, the slow host's page first.
    const batch = deliver(queue.take().map((body) => ({ body })));
    // The fast page is stored while the slow host still holds its answer.
    let fastState: string | undefined;
    for (let i = 0; i < 200 && fastState !== "ingested"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      fastState = (await itemOf(fastSource, fast))?.state;
    }
    expect(fastState).toBe("ingested");
    expect((await hitsOf(slowSite, SITE2)).find((h) => h.path.endsWith("slow-harbour-story.html"))?.status).toBe(-1); // still held
    await fetch(`${SITE2}/_release/${slowSite}`, { method: "POST" });
    const deliveries = await batch;
    expect(deliveries.map((d) => d.outcome)).toEqual(["ack", "ack"]);
  }, 30_000);

  it("a page over the size cap and a non-HTML answer keep the feed's teaser, with the reason", async () => {
    const site = newSite();
    const huge = await putPage(site, "news/an-enormous-harbour-page.html", { hugeBytes: 8 * 1024 * 1024 });
    const pdf = await putPage(site, "news/a-harbour-report-as-pdf.html", { contentType: "application/pdf", body: "%PDF-1.7 not html" });
    const source = await follow(
      await putPage(site, "feed.xml", {
        contentType: "application/rss+xml",
        body: rss([
          { link: huge, title: "Enormous page", description: "The teaser of the enormous page, which is all we keep." },
          { link: pdf, title: "Report as PDF", description: "The teaser of the report, which is all we keep." },
        ]),
      }),
    );
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    expect(await itemOf(source, huge)).toMatchObject({ state: "teaser", reason: expect.stringContaining("larger than 2097152 bytes") });
    expect(await itemOf(source, pdf)).toMatchObject({ state: "teaser", reason: expect.stringContaining("not an HTML page (application/pdf)") });
    const item = (await feedItems()).find((i) => i.url === pdf);
    expect(item?.title).toBe("Report as PDF");
  }, 30_000);

  it("a redirect to a private address is refused, and the private host is never reached", async () => {
    const site = newSite();
    const stats = crypto.randomUUID();
    const url = await putPage(site, "news/a-story-that-redirects-inside.html", { status: 302, headers: { Location: `${INTERNAL}/huge/${stats}/junk` } });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "Redirected" }]) }));
    const queue = new RecordingQueue();
    await poll(source, queue);
    const [delivery] = await drain(queue);
    expect(delivery!.outcome).toBe("ack");
    expect(await itemOf(source, url)).toMatchObject({ state: "held", reason: expect.stringMatching(/^refused: 127\.0\.0\.1:\d+ is .*loopback/) });
    expect(((await (await fetch(`${INTERNAL}/stats/${stats}`)).json()) as { bytesServed: number }).bytesServed).toBe(0);
  });

  it("a teaser never replaces a full text that was extracted", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-that-breaks-later.html", { body: article("Whole", "The whole story, extracted in full from the page itself.") });
    const feedAt = (date: string) => putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "Teaser title", description: "Teaser text.", pubDate: date }]) });
    await feedAt("Tue, 06 May 2025 08:00:00 GMT");
    const source = await follow(`${SITE}/${site}/feed.xml`);
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    await putPage(site, "news/a-story-that-breaks-later.html", { contentType: "application/octet-stream", body: "garbage" });
    await feedAt("Tue, 06 May 2025 09:00:00 GMT");
    await poll(source, queue);
    await drain(queue);
    const item = await itemOf(source, url);
    expect(item).toMatchObject({ state: "held", reason: expect.stringContaining("the full text extracted before is kept") });
    const stored = (await (await request(`/api/articles/${item!.articleId}`)).json()) as { title: string; contentText: string };
    expect(stored.title).toBe("Whole");
    expect(stored.contentText).toContain("extracted in full");
  });
});

describe("pull mode: raw pages kept", () => {
  it("reextract applies extraction again to the kept page, with a dry run that shows the differences", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-to-extract-again.html", { body: article("Extracted now", "The story whose stored version came from an older site rule.") });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "T" }]) }));
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    const id = (await itemOf(source, url))!.articleId!;
    // Stand-in for an article extracted by an older rule: another title, another content hash.
    const row = (await env.DB.prepare("SELECT article_json FROM articles WHERE id = ?").bind(id).first<{ article_json: string }>())!;
    await env.DB.prepare("UPDATE articles SET article_json = ?, content_hash = 'older-rule' WHERE id = ?").bind(JSON.stringify({ ...JSON.parse(row.article_json), title: "Older rule's title" }), id).run();
    const hitsBefore = (await hitsOf(site)).length;

    const auth = { Authorization: "Bearer test-ingest-token" };
    const dry = await request(`/api/sources/${source.id}/reextract?dryRun=true`, { method: "POST", headers: auth });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      checked: 1,
      changed: 1,
      articles: [{ url, articleId: id, change: "updated", differences: [{ field: "title", before: "Older rule's title", after: "Extracted now" }] }],
    });
    expect(((await (await request(`/api/articles/${id}`)).json()) as { title: string }).title).toBe("Older rule's title");

    const real = await request(`/api/sources/${source.id}/reextract`, { method: "POST", headers: auth });
    expect(await real.json()).toMatchObject({ dryRun: false, changed: 1 });
    expect(((await (await request(`/api/articles/${id}`)).json()) as { title: string }).title).toBe("Extracted now");
    expect(await (await request(`/api/sources/${source.id}/reextract`, { method: "POST", headers: auth })).json()).toMatchObject({ changed: 0, unchanged: 1 });
    expect((await hitsOf(site)).length, "nothing fetched again").toBe(hitsBefore);
  });

  it("raw pages live in R2 when RAW_PAGES is bound, else in D1", async () => {
    const page = { url: `https://news.example.com/${newSite()}`, fetchedAt: "2025-05-06T08:00:00Z", etag: undefined, lastModified: undefined, contentType: "text/html", bodySha256: "x", articleId: "a", content: "full" as const };
    const body = new TextEncoder().encode("<p>raw page</p>");
    await createD1SourceStore(env.DB, env.RAW_PAGES).putPage({ ...page, body });
    const row = await env.DB.prepare("SELECT body, body_key FROM pulled_pages WHERE url = ?").bind(page.url).first<{ body: unknown; body_key: string }>();
    expect(row).toMatchObject({ body: null, body_key: expect.stringMatching(/^pages\/[0-9a-f]{64}$/) });
    expect(await (await env.RAW_PAGES.get(row!.body_key))!.text()).toBe("<p>raw page</p>");
    expect((await createD1SourceStore(env.DB, env.RAW_PAGES).page(page.url))?.body).toEqual(body);

    const inD1 = { ...page, url: `${page.url}/d1` };
    await createD1SourceStore(env.DB).putPage({ ...inD1, body });
    expect((await env.DB.prepare("SELECT body_key FROM pulled_pages WHERE url = ?").bind(inD1.url).first<{ body_key: unknown }>())?.body_key).toBeNull();
    expect((await createD1SourceStore(env.DB).page(inD1.url))?.body).toEqual(body);
  });

  it("an item gone from the listing is kept, unless the source says retractRemoved", async () => {
    const site = newSite();
    const url = await putPage(site, "news/a-story-that-leaves-the-feed.html", { body: article("Leaving", "A story the feed will stop listing after a while.") });
    const source = await follow(await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "T" }]) }), { retractRemoved: false });
    const queue = new RecordingQueue();
    await poll(source, queue);
    await drain(queue);
    const id = (await itemOf(source, url))!.articleId!;
    await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([]) });
    expect(await poll(source, queue)).toMatchObject({ removed: 1, retracted: [] });
    expect((await request(`/api/articles/${id}`)).status).toBe(200);

    await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([{ link: url, title: "T" }]) });
    await sources().save({ ...(await sources().get(source.id))!, retractRemoved: true });
    await poll(source, queue);
    await drain(queue);
    await putPage(site, "feed.xml", { contentType: "application/rss+xml", body: rss([]) });
    expect(await poll(source, queue)).toMatchObject({ removed: 1, retracted: [id] });
    expect((await request(`/api/articles/${id}`)).status).toBe(410);
  });
});
