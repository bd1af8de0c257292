import type { Article, FeedScope, ScopeKind } from "../model/index.ts";

export type ArticleOrigin = "file" | "api" | "pull";
export type ArticleStatus = "published" | "retracted";

export type StoredArticle = {
  article: Article;
  origin: ArticleOrigin;
  status: ArticleStatus;
  /** Identifies the extracted content (see ingest): an equal hash means nothing changed. */
  contentHash: string;
  firstIngestedAt: string;
};

/** The database failed or could not be reached: a 503 with Retry-After, never a 500 with internals. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the article store is unavailable", { cause });
    this.name = "StoreUnavailableError";
  }
}

/** Another article already has this canonical URL (the UNIQUE constraint, e.g. two racing ingests). */
export class UrlConflictError extends Error {
  constructor(readonly url: string) {
    super(`another article already has the URL ${url}`);
    this.name = "UrlConflictError";
  }
}

/**
 * A write of one article. `republish` lets it bring a retracted article back (the articles/ sync).
 * `replace: false` writes it only where its id holds nothing or this same content: a version of the
 * article that is already there is kept (an untrusted canonical URL must not replace an article).
 */
export type Upsert = StoredArticle & { republish?: boolean; replace?: boolean };

/**
 * What one upsert did, decided inside the write's transaction (so two racing writers of the same
 * new article get one "created" and one "unchanged" or "updated"):
 * - `created`: the id held nothing; `updated`: another version was replaced;
 * - `unchanged`: the same content is already published under the id (nothing written);
 * - `retracted`: the id is retracted and the upsert did not say `republish` (nothing written);
 * - `kept`: another version is there and the upsert said `replace: false` (nothing written).
 */
export type UpsertOutcome = "created" | "updated" | "unchanged" | "retracted" | "kept";

/** Keyset position in a feed: items strictly after (older than) this one. */
export type FeedCursor = { publishedAt: string; id: string };

export type FeedPageQuery = { limit: number; before?: FeedCursor; now: string };

/**
 * One page of a feed as of one state of the store, tagged with that state's version: read in one
 * transaction, or its rows' text checked against keys that were (d1-store.ts, readFeedPage).
 */
export type FeedPage = {
  version: number;
  /** When the store last changed (any write), if it ever did. */
  changedAt: string | undefined;
  /** Display name of the scope, undefined when the scope has never had an article. */
  name: string | undefined;
  articles: Article[];
  /**
   * The page before this one (RFC 5005 "previous"), when this page was asked for with a cursor:
   * `cursor` undefined means the previous page is the first page.
   */
  previous: { cursor: FeedCursor | undefined } | undefined;
  /** Where the next (older) page starts, when there is one. */
  next: FeedCursor | undefined;
  /** When the next embargoed article of this scope goes live: the page is stale from then on. */
  expiresAt: string | undefined;
};

export type ScopeSummary = { kind: ScopeKind; key: string; name: string; count: number };

export type RenderedFeed = { version: number; etag: string; lastModified: string; body: string; expiresAt: string | undefined };

/**
 * What the app needs from storage. The D1 implementation is the only one in production; the
 * in-memory one (memory-store.ts) serves Node tests and the bench. Both pass one contract suite
 * (tests/store/contract.ts), the D1 store inside workerd against a local D1.
 */
export interface ArticleStore {
  /** Bumped by every write; rendered feeds carry the version they were rendered from. */
  version(): Promise<number>;
  get(id: string): Promise<StoredArticle | undefined>;
  findIdByUrl(url: string): Promise<string | undefined>;
  /** Ids of published articles of one origin (the articles/ sync retracts the ones whose file is gone). */
  listPublishedIds(origin: ArticleOrigin): Promise<string[]>;
  /**
   * Ids of published articles whose page gave no date (publishedAtSource "first-seen"), for the
   * operator. A scan of the article JSON: an operator's question, never on a feed's path.
   */
  listUndatedIds(): Promise<string[]>;
  feedPage(scope: FeedScope, query: FeedPageQuery): Promise<FeedPage>;
  /** Sections, tags and authors with at least one live article, most used first. */
  listScopes(now: string): Promise<ScopeSummary[]>;
  /**
   * Writes every upsert and retraction in one transaction, and bumps the version once. An upsert
   * never brings back an article retracted meanwhile unless it says `republish` (a retraction racing
   * an update leaves the article retracted). Throws UrlConflictError when a URL is taken. Answers
   * what each upsert did, in the order given.
   */
  write(change: { upserts: Upsert[]; retractions: string[] }): Promise<UpsertOutcome[]>;
  /** Published articles whose publishedAt lies in (after, until]: those an embargo released then. */
  wentLive(after: string, until: string): Promise<Article[]>;
  /** How far a scheduled job has covered, and moving it on. */
  jobCoveredUntil(name: string): Promise<string | undefined>;
  setJobCoveredUntil(name: string, until: string): Promise<void>;
  /** The render stored for this key at exactly this store version, if any (an older one is not read). */
  getRendered(cacheKey: string, version: number): Promise<RenderedFeed | undefined>;
  putRendered(cacheKey: string, feed: RenderedFeed): Promise<void>;
}
