/**
 * The D1 store against the shared ArticleStore contract (tests/store/contract.ts), inside workerd
 * with a local D1, as in production. Every test starts from the empty store the migrations leave.
 */
import { env } from "cloudflare:workers";
import { createD1Store } from "../../src/store/index.ts";
import { storeContract } from "../store/contract.ts";

storeContract("D1", async () => {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM feed_entries"),
    env.DB.prepare("DELETE FROM articles"),
    // Migration 0002 creates the site feed's scope with the schema.
    env.DB.prepare("DELETE FROM feed_scopes WHERE scope != 'all'"),
    env.DB.prepare("DELETE FROM rendered_feeds"),
    env.DB.prepare("DELETE FROM job_state"),
    env.DB.prepare("UPDATE store_state SET version = 0, changed_at = NULL"),
  ]);
  return createD1Store(env.DB);
});
