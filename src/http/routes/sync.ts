import { Hono } from "hono";
import * as z from "zod/mini";
import { permalinkBase } from "../../config.ts";
import { syncFiles } from "../../ingest/index.ts";
import { announceChange, imageMeasurer } from "../after-change.ts";
import { requireIngestToken } from "../auth.ts";
import { readJsonBody } from "../body.ts";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "../problems.ts";
import { isoNow } from "../now.ts";

/** Cap on one sync request: the whole articles/ folder travels in it. */
export const SYNC_MAX_BYTES = 20 * 1024 * 1024;

const SyncRequestSchema = z.object({
  files: z.array(z.object({ name: z.string().check(z.minLength(1)), content: z.string() })),
});

export const syncRoutes = new Hono<AppEnv>();

/**
 * POST /api/sync: `{ files: [{ name, content }] }`, the whole articles/ folder. Used by `npm start`
 * (scripts/sync-articles.mjs) and documented for deployments. Answers with what changed.
 */
syncRoutes.post("/api/sync", requireIngestToken, async (c) => {
  if (!/^application\/json\b/i.test(c.req.header("Content-Type") ?? "")) {
    throw new ProblemError({ status: 415, title: "Unsupported Media Type", detail: "Send the files as application/json." });
  }
  const { files } = await readJsonBody(c.req.raw, SYNC_MAX_BYTES, SyncRequestSchema, "The body must be { files: [{ name, content }] }.");
  const { report, changed } = await syncFiles(c.var.store, files, {
    now: isoNow(),
    permalinkBase: permalinkBase(c.var.config),
    measure: imageMeasurer(c.var.config),
  });
  announceChange(c, changed);
  return c.json(report, 200);
});
