import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Runs before each test file, inside workerd: the local D1 gets the same schema as production.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
