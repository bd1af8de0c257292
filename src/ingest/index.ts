export { syncFiles, fileArticleId, type SourceFile, type SyncReport, type MeasureImages } from "./sync-files.ts";
export { ingestArticle, type IngestSource, type IngestResult, type IngestOptions } from "./ingest-article.ts";
export { measureImages, type MeasureOptions } from "./measure-images.ts";
export { publishToHub, type PublishResult } from "./websub.ts";
export { sha256Hex } from "./hash.ts";
