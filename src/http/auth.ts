import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "hono/utils/buffer";
import type { AppEnv } from "./env.ts";
import { ProblemError } from "./problems.ts";

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), if that is what it holds. */
const bearerToken = (authorization: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];

/**
 * Whether `token` is the INGEST_TOKEN secret. The comparison is constant-time (hono's timingSafeEqual
 * hashes both sides first), so response timing does not reveal how much of a guess was right.
 */
const isIngestToken = async (token: string | undefined, expected: string | undefined): Promise<boolean> =>
  Boolean(expected && token && (await timingSafeEqual(token, expected)));

/** Whether the request carries the valid ingest token (for optional privileges on public routes). */
export async function hasIngestToken(c: Context<AppEnv>): Promise<boolean> {
  return isIngestToken(bearerToken(c.req.header("Authorization")), c.env.INGEST_TOKEN);
}

/** Guards the write API with the INGEST_TOKEN secret (RFC 6750 bearer token). */
export const requireIngestToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.INGEST_TOKEN;
  if (!expected) {
    throw new ProblemError({
      status: 503,
      title: "Service Unavailable",
      detail: "The write API is disabled: the INGEST_TOKEN secret is not set (see README, Settings).",
    });
  }
  const token = bearerToken(c.req.header("Authorization"));
  if (!(await isIngestToken(token, expected))) {
    throw new ProblemError(
      {
        status: 401,
        title: "Unauthorized",
        detail: token ? "The bearer token is not valid." : "This endpoint needs an Authorization: Bearer <INGEST_TOKEN> header.",
      },
      { "WWW-Authenticate": `Bearer realm="wirefeed"${token ? ', error="invalid_token"' : ""}` },
    );
  }
  await next();
});
