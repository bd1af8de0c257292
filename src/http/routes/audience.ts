/** GET /api/audience (ingest token): subscribers per feed family, now and per day. */
import { Hono } from "hono";
import { audienceReport } from "../../audience/report.ts";
import { FEED_FILES, type FeedScope } from "../../model/index.ts";
import { createAudienceStore } from "../../store/index.ts";
import { requireIngestToken } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { scopePath } from "../feed-request.ts";
import { isoNow } from "../now.ts";

export const audienceRoutes = new Hono<AppEnv>();

/** The scope a family names: "all", "section:<key>", "tag:<key>", "author:<key>" (scopeId's inverse). */
function scopeOfFamily(family: string): FeedScope {
  const [kind, ...key] = family.split(":");
  return kind === "section" || kind === "tag" || kind === "author" ? { kind, key: key.join(":") } : { kind: "all" };
}

audienceRoutes.get("/api/audience", requireIngestToken, async (c) => {
  const rows = await createAudienceStore(c.env.DB).daily();
  const report = audienceReport(rows, isoNow(), (family) => `${scopePath(scopeOfFamily(family))}/${FEED_FILES.rss}`);
  return c.json(report, 200, { "Cache-Control": "no-store" });
});
