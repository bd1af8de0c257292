export { ArticleSchema, ArticleIdSchema, AuthorSchema, type Article, type Author } from "./article.ts";
export { ImageSchema, IMAGE_MIME_TYPES, type Image, type ImageMimeType } from "./image.ts";
export { FeedMetaSchema, FEED_FORMATS, type FeedMeta, type FeedFormat } from "./feed.ts";
export { formatIssues, type Issue } from "./issues.ts";
