import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      INGEST_TOKEN: string;
      TEST_MIGRATIONS: D1Migration[];
      PULL_QUEUE: Queue<{ sourceId: string; url: string }>;
      RAW_PAGES: R2Bucket;
    }
  }
}
