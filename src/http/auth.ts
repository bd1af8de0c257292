import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "hono/utils/buffer";
import type { AppEnv } from "./env.ts";
import { ProblemError } from "./problems.ts";

/**
 * Guards the write API with the INGEST_TOKEN secret (RFC 6750 bearer token). The comparison is
 * constant-time (hono's timingSafeEqual hashes both sides first), so response timing does not
 * reveal how much of a guess was right.
 */
/** Whether the request carries the valid ingest token (for optional privileges on public routes). */
export async function hasIngestToken(c: Context<AppEnv>): Promise<boolean> {
  const expected = c.env.INGEST_TOKEN;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "");
  return Boolean(expected && match?.[1] && (await timingSafeEqual(match[1], expected)));
}

export const requireIngestToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.INGEST_TOKEN;
  if (!expected) {
    throw new ProblemError({
      status: 503,
      title: "Service Unavailable",
      detail: "The write API is disabled: the INGEST_TOKEN secret is not set (see README, Settings).",
    });
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "");
  if (!match?.[1] || !(await timingSafeEqual(match[1], expected))) {
    throw new ProblemError(
      {
        status: 401,
        title: "Unauthorized",
        detail: match ? "The bearer token is not valid." : "This endpoint needs an Authorization: Bearer <INGEST_TOKEN> header.",
      },
      { "WWW-Authenticate": `Bearer realm="wirefeed"${match ? ', error="invalid_token"' : ""}` },
    );
  }
  await next();
});
