import { extractArticle, type ExtractOptions } from "../extract/index.ts";
import { ArticleSchema, type Article } from "../model/index.ts";
import type { ArticleStore } from "../store/index.ts";
import { sha256Hex } from "./hash.ts";
import { ingestCandidate, refused, type IngestOutcome, type MeasureImages } from "./pipeline.ts";

export type IngestSource = {
  body: string | Uint8Array;
  contentType: "text/html" | "text/markdown";
  /** Where the page lives (the `url` query parameter or JSON member); its canonical link wins. */
  url?: string;
  /** From the request's Content-Type; wins over a <meta charset> in the page. */
  charset?: string;
  /** The page's HTTP Last-Modified when it was fetched (pull mode): a date signal after the page's own. */
  lastModified?: string;
};

export type IngestOptions = {
  now: string;
  permalinkBase: string;
  measure: MeasureImages;
  /** Bring back a retracted article (retractions are deliberate: an ordinary update never undoes one). */
  republish?: boolean;
  /**
   * Hosts (`host[:port]`, lower case) whose canonical URLs may name an existing article (config
   * PUBLISHER_HOSTS). A page's canonical link is text the page's author wrote: anywhere else it could
   * replace any article, a file article too, by naming its URL (issue 13, item 6).
   */
  publisherHosts?: readonly string[];
};

/** Provisional id while the real one is not known yet (it depends on the canonical URL). */
const PENDING_ID = "pending";

/**
 * One article from the API: extract, decide its id, and hand it to the pipeline. POST gives no id:
 * the canonical URL decides (the same URL is the same article, so a repeated POST is an idempotent
 * update); a page with no URL at all gets an id from its content. PUT names the id.
 */
export async function ingestArticle(store: ArticleStore, source: IngestSource, id: string | undefined, options: IngestOptions): Promise<IngestOutcome> {
  const extractOptions: ExtractOptions = {
    id: id ?? PENDING_ID,
    contentType: source.contentType,
    now: options.now,
    permalinkBase: options.permalinkBase,
    ...(source.url ? { url: source.url } : {}),
    ...(source.charset ? { charset: source.charset } : {}),
    ...(source.lastModified ? { lastModified: source.lastModified } : {}),
  };
  const result = extractArticle(source.body, extractOptions);
  if (!result.ok) return refused("invalid", "No article could be extracted from the body.", result.issues);

  const hasCanonical = result.sources.url !== "permalink";
  const owner = hasCanonical ? await store.findIdByUrl(result.article.url) : undefined;
  if (id && owner && owner !== id) {
    return refused("conflict", `The canonical URL ${result.article.url} belongs to article "${owner}"; update that one instead.`, [
      { path: "url", message: `already the URL of article "${owner}"` },
    ]);
  }
  // Who vouches for the URL that decides the article: the request (PUT names the id, `url` names
  // the page), or a publisher host the operator lists. Otherwise the page may create an article or
  // find it unchanged, never replace one (checked again inside the write, for a racing ingest).
  const vouched = id !== undefined || !hasCanonical || result.article.url === source.url || onPublisherHost(result.article.url, options.publisherHosts ?? []);
  const finalId = id ?? owner ?? (await newArticleId(result.article, hasCanonical, source.body));
  const article = ArticleSchema.parse({
    ...result.article,
    id: finalId,
    url: hasCanonical ? result.article.url : `${options.permalinkBase}/${finalId}`,
  });
  return ingestCandidate(store, { article, datedByIngest: result.sources.publishedAt === "ingest-time" }, {
    origin: "api",
    now: options.now,
    measure: options.measure,
    republish: options.republish ?? false,
    replace: vouched,
  });
}

function onPublisherHost(url: string, hosts: readonly string[]): boolean {
  const { host, hostname } = new URL(url);
  return hosts.includes(host) || hosts.includes(hostname);
}

/**
 * A readable, stable id: a slug of the URL's last path segment (or of the title), and a short hash
 * of the URL (or of the body, for pages with no URL: the same body is the same article).
 */
async function newArticleId(article: Article, hasCanonical: boolean, body: string | Uint8Array): Promise<string> {
  const basis = hasCanonical ? article.url : typeof body === "string" ? body : new TextDecoder().decode(body);
  const hash = (await sha256Hex(basis)).slice(0, 10);
  const segment = hasCanonical ? new URL(article.url).pathname.split("/").filter(Boolean).pop() ?? "" : article.title;
  const slug = segment
    .replace(/\.[a-z0-9]{2,5}$/i, "")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug ? `${slug}-${hash}` : `article-${hash}`;
}
