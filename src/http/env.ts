import type { Config } from "../config.ts";
import type { RateLimiter } from "./auth-failures.ts";
import type { ArticleStore } from "../store/index.ts";

/** The Worker's bindings: [vars] and [[d1_databases]] in wrangler.toml, secrets from .dev.vars or `wrangler secret put`. */
export type Bindings = {
  DB: D1Database;
  INGEST_TOKEN?: string;
  SITE_TITLE?: string;
  SITE_DESCRIPTION?: string;
  SITE_URL?: string;
  SITE_LANGUAGE?: string;
  SITE_LOGO_URL?: string;
  WEBSUB_HUB_URL?: string;
  MEASURE_IMAGES?: string;
  SITEMAP_EXCLUDE?: string;
  OUTBOUND_ALLOW_PRIVATE?: string;
  AUDIENCE_COUNTING?: string;
  /** Optional Workers Analytics Engine dataset: each counted feed fetch is also written there. */
  AUDIENCE_ANALYTICS?: AnalyticsEngineDataset;
  /** Pull mode: pages to fetch (wrangler.toml [[queues.producers]]; README, Pull mode). */
  PULL_QUEUE?: Queue<import("../sources/index.ts").PullMessage>;
  /** Pull mode: raw pages kept for re-extraction (optional R2 bucket; without it, D1 keeps them). */
  RAW_PAGES?: R2Bucket;
  PUBLISHER_HOSTS?: string;
  /** Workers Rate Limiting binding counting failed logins ([[ratelimits]]; http/auth-failures.ts). */
  AUTH_FAILURES?: RateLimiter;
};

export type AppEnv = { Bindings: Bindings; Variables: { config: Config; store: ArticleStore } };
