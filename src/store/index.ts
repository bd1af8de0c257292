export type { ArticleStore, StoredArticle, ArticleOrigin, ArticleStatus, FeedSnapshot, RenderedFeed } from "./article-store.ts";
export { createD1Store } from "./d1-store.ts";
