export { syncFiles, fileArticleId, type SourceFile, type SyncReport } from "./sync-files.ts";
export { sha256Hex } from "./hash.ts";
