export { syncFiles, type SourceFile, type SyncReport } from "./sync-files.ts";
export { fileArticleId, fileContentType } from "./article-files.ts";
export { ingestArticle, type IngestSource, type IngestOptions } from "./ingest-article.ts";
export {
  ingestCandidate, planWrite, writePlanned,
  type Accepted, type Candidate, type IngestOutcome, type IngestReason, type MeasureImages, type PipelineOptions, type Plan, type PlannedWrite, type Refused,
} from "./pipeline.ts";
export { measureImages, imageMeasurer, type MeasureOptions } from "./measure-images.ts";
export { publishToHub, HUB_BATCH_TOPICS, type PublishResult } from "./websub.ts";
export { liveTopics } from "./hub-topics.ts";
export { sha256Hex } from "./hash.ts";
