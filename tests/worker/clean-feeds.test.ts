/**
 * Clean feeds from real content (issue 15). Every page of ../shared/corpus/readability (40 real
 * article pages, read from the Node side by tests/tools/corpus-server.ts) and every file of
 * articles/ go into a local D1 through the API; then every feed kind (site, page 2, every section,
 * tag and author, every partner) is fetched in all three formats and checked:
 *   - XML well-formed by a strict parser, JSON Feed valid by the 1.1 rules (tests/tools/feed-checks.ts);
 *   - no relative reference, control character or lone surrogate; every URI valid; bodies that parse
 *     back to the same tree; titles without markup;
 *   - python3-feedparser reads every XML feed with bozo false and agrees with the stored Article
 *     field by field (title, link, authors in order, dates, enclosures, media, language).
 * FEEDS_OUT=/some/dir keeps every XML feed there (for running the W3C validator by hand).
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { scopeKey } from "../../src/model/index.ts";
import { authorLine, feedText, rssName } from "../../src/render/fields.ts";
import { htmlProblems, jsonFeedProblems, xmlFeedProblems } from "../tools/feed-checks.ts";
import { ARTICLE_FILES, BASE, request, syncOk } from "./helpers.ts";

const TOKEN = { Authorization: "Bearer test-ingest-token" };
const PARTNERS = [
  ["alpha", "alpha-key-1", ["feed.xml", "atom.xml", "feed.json"]],
  ["beta", "beta-key", ["feed.xml", "feed.json"]],
  ["gamma", "gamma-key", ["feed.xml", "atom.xml", "feed.json"]],
] as const;
const FILES = ["feed.xml", "atom.xml", "feed.json"] as const;

type Feed = { name: string; path: string; body: string; partner: boolean };
type Entry = {
  title: string; link: string; id: string; published: string; updated: string | null; language: string | null;
  authors: { name?: string; email?: string; href?: string }[];
  links: { rel: string; href: string; type?: string; length?: string; title?: string }[];
  enclosures: { href: string; type: string; length: string | null }[];
  media_content: Record<string, string>[]; media_credit: { content?: string }[];
};
type Read = { version: string; bozo: boolean; bozo_exception: string | null; feed: { title: string; language: string | null }; entries: Entry[] };

const corpusUrl = inject("corpusBaseUrl");

/** Problems without their feed path, each once: an article is in many feeds, and says it in each. */
function expectNone(problems: string[]): void {
  const distinct = [...new Set(problems.map((p) => p.replace(/^\/\S*\s/, "")))];
  if (distinct.length > 0) console.log(distinct.join("\n"));
  expect(distinct.slice(0, 60), `${problems.length} problems, ${distinct.length} distinct`).toEqual([]);
}
const models = new Map<string, Article>();
const feeds: Feed[] = [];
const ingestFailures: string[] = [];
let corpusMissing: string | undefined;

async function fetchFeed(path: string, partner = false, headers: Record<string, string> = {}): Promise<void> {
  const response = await request(path, { headers: { Accept: "*/*", ...headers } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  feeds.push({ name: path.replace(/^\//, "").replace(/[^\w.-]/g, "~"), path, body, partner });
}

beforeAll(async () => {
  const corpus = (await (await fetch(`${corpusUrl}/corpus`)).json()) as { names: string[]; missing?: string };
  corpusMissing = corpus.missing;
  for (const name of corpus.names) {
    const html = await (await fetch(`${corpusUrl}/corpus/${name}`)).arrayBuffer();
    // Readability's tests load every page from http://fakehost/test/page.html; here one path per page
    // (pages without a canonical link stay separate articles), on a host with a domain, as every
    // real page has (the W3C validator refuses an enclosure on a dotless host as not a full URL).
    const response = await request(`/api/articles?url=${encodeURIComponent(`http://fakehost.example/test/${name}/page.html`)}`, {
      method: "POST",
      headers: { ...TOKEN, "Content-Type": "text/html" },
      body: html,
    });
    if (response.status !== 201 && response.status !== 200) ingestFailures.push(`${name}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  const report = await syncOk(ARTICLE_FILES);
  for (const failed of report.failed) ingestFailures.push(`articles/${failed.name}: ${JSON.stringify(failed.issues)}`);

  // The whole site in one page gives every Article (the API is the model of record).
  await fetchFeed("/feed.json?limit=100");
  const site = JSON.parse(feeds[0]!.body) as { items: { id: string }[] };
  for (const item of site.items) {
    const id = item.id.slice(`${BASE}/articles/`.length);
    const response = await request(`/api/articles/${id}`, { headers: TOKEN });
    models.set(item.id, (await response.json()) as Article);
  }
  for (const file of FILES.slice(0, 2)) await fetchFeed(`/${file}?limit=100`);
  // Page 2 of a 10-item site feed, in every format (the cursor of JSON Feed's next_url).
  const first = (await (await request("/feed.json?limit=10")).json()) as { next_url?: string };
  const next = new URL(first.next_url!);
  for (const file of FILES) await fetchFeed(`/${file}${next.search}`);
  // Every section, tag and author feed.
  const keys = { sections: new Set<string>(), tags: new Set<string>(), authors: new Set<string>() };
  for (const article of models.values()) {
    if (article.section) keys.sections.add(scopeKey(article.section));
    for (const tag of article.tags) keys.tags.add(scopeKey(tag));
    for (const author of article.authors) keys.authors.add(scopeKey(author.name));
  }
  for (const [segment, set] of Object.entries(keys)) {
    for (const key of [...set].filter(Boolean).sort()) for (const file of FILES) await fetchFeed(`/${segment}/${encodeURIComponent(key)}/${file}`);
  }
  for (const [id, key, files] of PARTNERS) for (const file of files) await fetchFeed(`/partners/${id}/${file}`, true, { Authorization: `Bearer ${key}` });
}, 600_000);

describe("clean feeds from the Readability corpus and articles/", () => {
  it("the corpus is there (required when CI is set) and every page is ingested", (context) => {
    if (corpusMissing !== undefined) {
      if (import.meta.env["CI"] ?? globalThis.process?.env?.["CI"]) throw new Error(corpusMissing);
      context.skip(`corpus missing: ${corpusMissing}`);
    }
    expect(ingestFailures).toEqual([]);
    expect(models.size).toBeGreaterThanOrEqual(40);
  });

  it("every feed kind is there in every format", () => {
    for (const kind of ["feed", "atom", "sections", "tags", "authors", "partners"]) {
      expect(feeds.filter((f) => f.path.startsWith(`/${kind}`)).length, kind).toBeGreaterThan(0);
    }
    expect(feeds.filter((f) => f.path.includes("before=")).length).toBe(3);
  });

  it("XML feeds are well-formed, JSON feeds valid JSON Feed 1.1; no relative reference, control char or lone surrogate; every URI valid; titles plain", () => {
    const problems = feeds.flatMap((feed) => (feed.path.includes(".json") ? jsonFeedProblems(feed.body, feed.path) : xmlFeedProblems(feed.body, feed.path)));
    expectNone(problems);
  }, 120_000);

  it("every stored body is well-formed HTML with absolute references", () => {
    const problems = [...models.values()].flatMap((a) => htmlProblems(a.contentHtml, `article ${a.id}`));
    expectNone(problems);
  }, 120_000);

  it("JSON Feed items agree with the Article: title, url, authors in order, dates, image, attachments, language", () => {
    const problems: string[] = [];
    for (const feed of feeds.filter((f) => f.path.includes(".json"))) {
      const doc = JSON.parse(feed.body) as { language?: string; items: Record<string, unknown>[] };
      for (const item of doc.items) {
        const a = models.get(item["id"] as string);
        if (!a) continue; // an article of another test file
        const where = `${feed.path} ${a.id}`;
        const same = (field: string, got: unknown, want: unknown) => {
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where} ${field}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        };
        same("url", item["url"], a.url);
        same("title", item["title"], feedText(a.title));
        same("authors", ((item["authors"] as { name: string }[] | undefined) ?? []).map((x) => x.name), a.authors.map((x) => x.name));
        same("date_published", item["date_published"], a.publishedAt);
        same("date_modified", item["date_modified"], a.updatedAt);
        same("language", item["language"] ?? doc.language, a.language ?? doc.language);
        if (!feed.partner) {
          same("image", item["image"], a.images[0]?.url);
          same("attachments", ((item["attachments"] as { url: string }[] | undefined) ?? []).map((x) => x.url), a.images.map((i) => i.url));
        }
      }
    }
    expectNone(problems);
  }, 120_000);

  it("python3-feedparser reads every XML feed with bozo false and agrees with the Article field by field", async (context) => {
    const xml = feeds.filter((f) => !f.path.includes(".json"));
    const response = await fetch(`${corpusUrl}/feedparser`, { method: "POST", body: JSON.stringify({ feeds: xml.map((f) => ({ name: f.name + (f.path.includes("atom.xml") ? ".atom" : ".rss"), body: f.body })) }) });
    const reads = (await response.json()) as Read[] | null;
    if (reads === null) {
      if (globalThis.process?.env?.["CI"]) throw new Error("python3-feedparser is missing");
      return context.skip("python3-feedparser is not installed");
    }
    const problems: string[] = [];
    xml.forEach((feed, i) => {
      const read = reads[i]!;
      const isAtom = feed.path.includes("atom.xml");
      if (read.bozo) problems.push(`${feed.path}: bozo ${read.bozo_exception}`);
      for (const entry of read.entries) {
        const a = models.get(entry.id);
        if (!a) continue;
        const where = `${feed.path} ${a.id}`;
        const same = (field: string, got: unknown, want: unknown) => {
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where} ${field}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        };
        same("title", entry.title, feedText(a.title));
        same("link", entry.link, a.url);
        // One author element, every name in order (README "What the feeds carry"); RSS names with
        // brackets or @ in the forms every reader shows as a name.
        const line = authorLine(isAtom ? a.authors : a.authors.map((x) => ({ name: rssName(x.name) })));
        same("authors", entry.authors.map((x) => x.name ?? null), line === "" ? [] : [line]);
        // Atom keeps the one author's email and URI; RSS carries names only.
        const email = isAtom && a.authors.length === 1 ? a.authors[0]!.email : undefined;
        same("author email", entry.authors[0]?.email, email);
        if (isAtom) {
          same("published", Date.parse(entry.published), Date.parse(a.publishedAt));
          // Entries that share an updatedAt are told apart below the second (see render/atom.ts).
          same("updated (to the second)", Math.floor(Date.parse(entry.updated ?? "") / 1000), Math.floor(Date.parse(a.updatedAt) / 1000));
          same("language", entry.language, a.language ?? read.feed.language);
        } else {
          same("published", entry.published, new Date(a.publishedAt).toUTCString());
        }
        const imageUrls = a.images.map((x) => x.url);
        if (isAtom) {
          const enclosures = entry.links.filter((l) => l.rel === "enclosure");
          if (feed.partner) same("enclosures within the photos", enclosures.every((l) => imageUrls.includes(l.href)), true);
          else {
            same("enclosures", enclosures.map((l) => [l.href, l.type, l.title ?? null]), a.images.map((x) => [x.url, x.mimeType, x.caption ?? null]));
          }
        } else if (feed.partner) {
          same("enclosure within the photos", entry.enclosures.every((e) => imageUrls.includes(e.href)), true);
          same("media within the photos", entry.media_content.every((m) => imageUrls.includes(m["url"]!)), true);
        } else {
          same("enclosure", entry.enclosures.map((e) => [e.href, e.type, e.length]), a.images.slice(0, 1).map((x) => [x.url, x.mimeType, String(x.byteLength ?? 0)]));
          same("media:content", entry.media_content.map((m) => m["url"]), imageUrls);
          same("media:credit", entry.media_credit.map((c) => c.content), a.images.filter((x) => x.credit).map((x) => x.credit));
        }
      }
    });
    expectNone(problems);
  }, 300_000);
});
