export { ArticleSchema, ArticleIdSchema, AuthorSchema, DATE_SOURCES, MAX_AUTHORS, MAX_TAGS, type Article, type Author, type DateSource } from "./article.ts";
export { ImageSchema, IMAGE_MIME_TYPES, type Image, type ImageMimeType } from "./image.ts";
export { FeedMetaSchema, FEED_FILES, FEED_FORMATS, newestUpdate, type FeedMeta, type FeedFormat, type FeedUrls } from "./feed.ts";
export { formatIssues, type Issue } from "./issues.ts";
export { scopeKey, scopeId, scopePath, scopesOf, SITE_SCOPE, type FeedScope, type NamedScope, type ScopeKind } from "./scope.ts";
export { isoSeconds } from "./time.ts";
export { concatBytes } from "./bytes.ts";
