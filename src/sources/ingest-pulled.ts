import { extractArticle } from "../extract/index.ts";
import { ingestCandidate, planWrite, sha256Hex, type Candidate, type IngestOutcome, type MeasureImages, type PipelineOptions } from "../ingest/index.ts";
import { ArticleSchema, type Article, type Issue } from "../model/index.ts";
import type { ArticleStore } from "../store/index.ts";
import type { Teaser } from "./schema.ts";

export type PulledPageInput = {
  /** The URL the page was fetched from: the article's identity. */
  url: string;
  /** The URL the answer came from after redirects: relative links resolve against it. */
  finalUrl: string;
  /** The source's host: a canonical link is trusted only on it. */
  sourceHost: string;
  body: Uint8Array | string;
  charset: string | undefined;
  /** The answer's Last-Modified (RFC 9110 §8.8.2): a date signal after every one in the page. */
  lastModified?: string | undefined;
};

export type PulledIngest =
  | { ok: true; change: "created" | "updated" | "unchanged"; article: Article; previous?: Article }
  | { ok: false; reason: "invalid" | "conflict"; detail: string; issues: Issue[] };

export type PullIngestOptions = { now: string; permalinkBase: string; measure: MeasureImages; dryRun?: boolean };

/**
 * The article id of a pulled page: a slug of its URL's last segment and a hash of the whole URL. It
 * depends only on the URL it was fetched from, so every source listing that URL names one article.
 */
export async function pulledArticleId(url: string): Promise<string> {
  const hash = (await sha256Hex(url)).slice(0, 10);
  const segment = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
  const slug = segment.replace(/\.[a-z0-9]{2,5}$/i, "").normalize("NFKD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 60).replace(/-+$/, "");
  return slug ? `${slug}-${hash}` : `page-${hash}`;
}

/**
 * Extracts a fetched page and stores it as the article of its URL. The page's canonical link is
 * used as the article's URL only on the source's own host: a page elsewhere cannot claim (or move)
 * an article by declaring someone else's canonical URL. An unchanged article writes nothing.
 */
export async function ingestPulledPage(store: ArticleStore, page: PulledPageInput, options: PullIngestOptions): Promise<PulledIngest> {
  const id = await pulledArticleId(page.url);
  const result = extractArticle(page.body, {
    id,
    url: page.finalUrl,
    contentType: "text/html",
    now: options.now,
    permalinkBase: options.permalinkBase,
    ...(page.charset ? { charset: page.charset } : {}),
    ...(page.lastModified ? { lastModified: page.lastModified } : {}),
  });
  if (!result.ok) return { ok: false, reason: "invalid", detail: "No article could be extracted from the page.", issues: result.issues };
  const canonical = result.sources.url !== "permalink" ? result.article.url : undefined;
  const url = canonical && new URL(canonical).host === page.sourceHost ? canonical : page.url;
  return storePulled(store, ArticleSchema.parse({ ...result.article, id, url }), result.sources.publishedAt === "ingest-time", options);
}

/**
 * A feed item's teaser as the article of its URL, for a page that cannot be extracted: what the feed
 * said (title, summary or content, date, author), through the same extraction and sanitizer.
 */
export async function ingestTeaser(store: ArticleStore, url: string, teaser: Teaser, options: PullIngestOptions): Promise<PulledIngest> {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const html = `<!doctype html><html><head><title>${escape(teaser.title ?? "")}</title>
${teaser.summary ? `<meta name="description" content="${escape(teaser.summary)}">` : ""}
${teaser.publishedAt ? `<meta property="article:published_time" content="${escape(teaser.publishedAt)}">` : ""}
${teaser.author ? `<meta name="author" content="${escape(teaser.author)}">` : ""}
</head><body><article>${teaser.title ? `<h1>${escape(teaser.title)}</h1>` : ""}${teaser.html ?? `<p>${escape(teaser.summary ?? "")}</p>`}</article></body></html>`;
  const id = await pulledArticleId(url);
  const result = extractArticle(html, { id, url, contentType: "text/html", now: options.now, permalinkBase: options.permalinkBase });
  if (!result.ok) return { ok: false, reason: "invalid", detail: "The feed's teaser holds no article either.", issues: result.issues };
  return storePulled(store, ArticleSchema.parse({ ...result.article, id, url }), result.sources.publishedAt === "ingest-time", options);
}

/** Through the one ingest pipeline (src/ingest/pipeline.ts), as the API and the folder sync. */
async function storePulled(store: ArticleStore, article: Article, datedByIngest: boolean, options: PullIngestOptions): Promise<PulledIngest> {
  const owner = await store.findIdByUrl(article.url);
  if (owner && owner !== article.id) {
    return { ok: false, reason: "conflict", detail: `The URL ${article.url} belongs to article "${owner}".`, issues: [{ path: "url", message: `already the URL of article "${owner}"` }] };
  }
  const candidate = { article, datedByIngest };
  const pipeline = { origin: "pull" as const, now: options.now, measure: options.dryRun ? undefined : options.measure, republish: false };
  const outcome = options.dryRun ? await dryRun(store, candidate, pipeline) : await ingestCandidate(store, candidate, pipeline);
  if (!outcome.ok) return { ok: false, reason: outcome.reason === "invalid" ? "invalid" : "conflict", detail: outcome.detail, issues: outcome.issues };
  return { ok: true, change: outcome.reason, article: outcome.article, ...(outcome.previous ? { previous: outcome.previous } : {}) };
}

/** What the pipeline would do, without measuring or writing. */
async function dryRun(store: ArticleStore, candidate: Candidate, options: PipelineOptions): Promise<IngestOutcome> {
  const existing = await store.get(candidate.article.id);
  const plan = await planWrite(candidate, existing, options);
  if (!plan.ok || !("upsert" in plan)) return plan;
  return { ok: true, reason: plan.reason, article: plan.upsert.article, ...(existing ? { previous: existing.article } : {}) };
}
