export type {
  ArticleStore,
  StoredArticle,
  ArticleOrigin,
  ArticleStatus,
  FeedCursor,
  FeedPage,
  FeedPageQuery,
  RenderedFeed,
  ScopeSummary,
  Upsert,
  UpsertOutcome,
} from "./article-store.ts";
export { StoreUnavailableError, UrlConflictError } from "./article-store.ts";
export { createD1Store } from "./d1-store.ts";
export { createMemoryStore, type MemoryStoreOptions } from "./memory-store.ts";
export { SizedCache } from "./sized-cache.ts";
export { createSitemapStore, type SitemapEntry, type SitemapMonth, type SitemapStore } from "./sitemap-store.ts";
export { createAudienceStore, DIRECT, type AudienceCount, type AudienceStore, type ClientSighting, type DailyAudience, type PartnerFetch } from "./audience-store.ts";
