import { sha256Hex, type MeasureImages } from "../ingest/index.ts";
import type { Article } from "../model/index.ts";
import type { ArticleStore } from "../store/index.ts";
import type { SourceStore } from "../store/source-store.ts";
import { ingestPulledPage, ingestTeaser } from "./ingest-pulled.ts";
import type { Outbound } from "./outbound.ts";
import { MAX_ATTEMPTS, parseRetryAfter, retryDelaySeconds } from "./retry.ts";
import type { PullMessage } from "./schema.ts";
import { robotsVerdict } from "./site-access.ts";
import type { ItemState, PulledPage, SourceItem } from "./types.ts";

/** A page larger than this is refused (and never read whole: the outbound module stops at the cap). */
export const PAGE_MAX_BYTES = 2 * 1024 * 1024;
/** A page that does not answer within this is retried later; other hosts are not kept waiting. */
export const PAGE_TIMEOUT_MS = 10_000;

export type PullDeps = {
  articles: ArticleStore;
  sources: SourceStore;
  outbound: Outbound;
  now: string;
  permalinkBase: string;
  measure: MeasureImages;
};

export type PullOutcome = { action: "ack"; changed: Article[] } | { action: "retry"; delaySeconds: number };

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * The consumer's work for one queued page: robots.txt, a conditional GET through the outbound
 * module, extraction with the site rules, and the pipeline. Expected failures become the item's
 * state and reason; transient ones are retried with backoff until MAX_ATTEMPTS, then the item is a
 * dead letter (state `dead`, shown by GET /api/sources/:id).
 */
export async function pullPage(deps: PullDeps, message: PullMessage, attempts: number): Promise<PullOutcome> {
  const source = await deps.sources.get(message.sourceId);
  const item = source ? await deps.sources.item(source.id, message.url) : undefined;
  if (!source || !item || item.state === "removed") return { action: "ack", changed: [] }; // deleted meanwhile
  const settle = async (state: ItemState, reason: string | undefined, articleId = item.articleId): Promise<PullOutcome> => {
    await deps.sources.putItems([{ ...item, state, reason, attempts, articleId, lastSeenAt: item.lastSeenAt }]);
    return { action: "ack", changed: [] };
  };
  const transient = async (detail: string, retryAfter?: number): Promise<PullOutcome> => {
    if (attempts >= MAX_ATTEMPTS) return settle("dead", `gave up after ${attempts} attempts: ${detail}`);
    await deps.sources.putItems([{ ...item, state: "queued", reason: `attempt ${attempts} failed: ${detail}`, attempts }]);
    return { action: "retry", delaySeconds: retryDelaySeconds(attempts, retryAfter) };
  };

  const robots = await robotsVerdict(deps, message.url);
  if (!robots.ok) return transient(robots.detail);
  if (!robots.allowed) return settle("held", "robots.txt disallows this page");

  const previous = await deps.sources.page(message.url);
  const current = previous?.articleId ? await deps.articles.get(previous.articleId) : undefined;
  const hasArticle = current?.status === "published";
  const hasFullText = hasArticle && previous?.content === "full";
  const headers: Record<string, string> = { Accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" };
  if (hasFullText && previous?.etag) headers["If-None-Match"] = previous.etag;
  if (hasFullText && previous?.lastModified) headers["If-Modified-Since"] = previous.lastModified;

  const answer = await deps.outbound.fetch({ url: message.url, headers, timeoutMs: PAGE_TIMEOUT_MS, maxBytes: PAGE_MAX_BYTES, maxRedirects: 5 });
  const fallBack = (reason: string) => keepTeaser(deps, item, attempts, reason, hasFullText);
  if (!answer.ok) {
    if (answer.reason === "timeout" || answer.reason === "network") return transient(answer.detail);
    if (answer.reason === "too-large") return fallBack(`the page is larger than ${PAGE_MAX_BYTES} bytes`);
    return fallBack(`refused: ${answer.detail}`);
  }
  if (answer.status === 304 && hasFullText) return item.state === "ingested" ? { action: "ack", changed: [] } : settle("ingested", undefined);
  if (answer.status === 429 || answer.status >= 500) return transient(`the page answered ${answer.status}`, parseRetryAfter(answer.headers.get("Retry-After"), deps.now));
  if (answer.status < 200 || answer.status > 299) return fallBack(`the page answered ${answer.status}`);
  const contentType = answer.headers.get("Content-Type") ?? undefined;
  if (!HTML_TYPES.test(contentType ?? "")) return fallBack(`not an HTML page (${contentType ?? "no Content-Type"})`);

  const bodySha256 = await sha256Hex(answer.body);
  if (hasFullText && previous?.bodySha256 === bodySha256) {
    // The same bytes as last time: nothing to extract, nothing to write, nothing to announce.
    return item.state === "ingested" && item.articleId === previous.articleId ? { action: "ack", changed: [] } : settle("ingested", undefined, previous.articleId);
  }
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1];
  const result = await ingestPulledPage(
    deps.articles,
    { url: message.url, finalUrl: answer.url, sourceHost: new URL(source.url).host, body: answer.body, charset, lastModified: answer.headers.get("Last-Modified") ?? undefined },
    { now: deps.now, permalinkBase: deps.permalinkBase, measure: deps.measure },
  );
  if (!result.ok && result.reason === "invalid") return fallBack(`no article could be extracted: ${result.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  if (!result.ok) return settle("held", result.detail);
  const page: PulledPage = {
    url: message.url,
    fetchedAt: deps.now,
    etag: answer.headers.get("ETag") ?? undefined,
    lastModified: answer.headers.get("Last-Modified") ?? undefined,
    contentType,
    bodySha256,
    body: answer.body, // kept for re-extraction (the store decides where: R2 or D1)
    articleId: result.article.id,
    content: "full",
  };
  await deps.sources.putPage(page);
  await settle("ingested", undefined, result.article.id);
  if (result.change === "unchanged") return { action: "ack", changed: [] };
  return { action: "ack", changed: result.previous ? [result.previous, result.article] : [result.article] };
}

/**
 * A page that cannot give a full text keeps what the feed said of it (state `teaser`, with the
 * reason); a full text extracted before is never replaced by a teaser; without a teaser the item
 * is held with the reason.
 */
async function keepTeaser(deps: PullDeps, item: SourceItem, attempts: number, reason: string, hasFullText: boolean): Promise<PullOutcome> {
  const put = (state: ItemState, why: string, articleId = item.articleId) => deps.sources.putItems([{ ...item, state, reason: why, attempts, articleId }]);
  if (hasFullText) {
    await put("held", `${reason}; the full text extracted before is kept`);
    return { action: "ack", changed: [] };
  }
  if (!item.teaser || (!item.teaser.title && !item.teaser.summary && !item.teaser.html)) {
    await put("held", reason);
    return { action: "ack", changed: [] };
  }
  const result = await ingestTeaser(deps.articles, item.url, item.teaser, { now: deps.now, permalinkBase: deps.permalinkBase, measure: deps.measure });
  if (!result.ok) {
    await put("held", `${reason}; ${result.detail}`);
    return { action: "ack", changed: [] };
  }
  await deps.sources.putPage({ url: item.url, fetchedAt: deps.now, etag: undefined, lastModified: undefined, contentType: undefined, bodySha256: "", body: undefined, articleId: result.article.id, content: "teaser" });
  await put("teaser", `only the feed's teaser: ${reason}`, result.article.id);
  if (result.change === "unchanged") return { action: "ack", changed: [] };
  return { action: "ack", changed: result.previous ? [result.previous, result.article] : [result.article] };
}
