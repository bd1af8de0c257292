import type { Article } from "../model/index.ts";

export type ArticleOrigin = "file" | "api";
export type ArticleStatus = "published" | "retracted";

export type StoredArticle = {
  article: Article;
  origin: ArticleOrigin;
  status: ArticleStatus;
  contentHash: string;
  firstIngestedAt: string;
};

export type RenderedFeed = { version: number; etag: string; lastModified: string; body: string };

/** A consistent view of the published articles, tagged with the store version it was read at. */
export type FeedSnapshot = { version: number; articles: Article[] };

/**
 * What the app needs from storage. The D1 implementation is the only one in production; tests use
 * the same one against a local D1 inside workerd.
 */
export interface ArticleStore {
  /** Bumped by every write; rendered feeds carry the version they were rendered from. */
  version(): Promise<number>;
  get(id: string): Promise<StoredArticle | undefined>;
  findIdByUrl(url: string): Promise<string | undefined>;
  /** Ids of published articles of one origin (the articles/ sync retracts the ones whose file is gone). */
  listPublishedIds(origin: ArticleOrigin): Promise<string[]>;
  latest(limit: number): Promise<FeedSnapshot>;
  /** Writes every upsert and retraction in one transaction, and bumps the version once. */
  write(change: { upserts: StoredArticle[]; retractions: string[] }): Promise<void>;
  getRendered(cacheKey: string): Promise<RenderedFeed | undefined>;
  putRendered(cacheKey: string, feed: RenderedFeed): Promise<void>;
}
