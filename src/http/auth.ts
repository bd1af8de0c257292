import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "hono/utils/buffer";
import { noteFailedLogin, refuseBlockedClient } from "./auth-failures.ts";
import type { AppEnv } from "./env.ts";
import { ProblemError } from "./problems.ts";

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), if that is what it holds.
 * The one parser of it: the ingest token and partner keys both come through here.
 */
export const bearerToken = (authorization: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];

/** A partner key: from `Authorization: Bearer <key>`, else from `?key=` (for readers that cannot set headers). */
export const presentedPartnerKey = (c: Context): string | undefined => bearerToken(c.req.header("Authorization")) ?? c.req.query("key") ?? undefined;

/**
 * Whether `token` is the INGEST_TOKEN secret. The comparison is constant-time (hono's timingSafeEqual
 * hashes both sides first), so response timing does not reveal how much of a guess was right.
 */
const isIngestToken = async (token: string | undefined, expected: string | undefined): Promise<boolean> =>
  Boolean(expected && token && (await timingSafeEqual(token, expected)));

/**
 * Whether the request carries the valid ingest token (for optional privileges on public routes). A
 * wrong one counts as a failed login too: it would otherwise be a way to guess without a limit.
 */
export async function hasIngestToken(c: Context<AppEnv>): Promise<boolean> {
  const token = bearerToken(c.req.header("Authorization"));
  if (!token) return false;
  refuseBlockedClient(c);
  if (await isIngestToken(token, c.env.INGEST_TOKEN)) return true;
  await noteFailedLogin(c);
  return false;
}

/**
 * Guards the write API with the INGEST_TOKEN secret (RFC 6750 bearer token). A client that keeps
 * presenting wrong tokens is answered 429 (auth-failures.ts).
 */
export const requireIngestToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.INGEST_TOKEN;
  if (!expected) {
    throw new ProblemError({
      status: 503,
      title: "Service Unavailable",
      detail: "The write API is disabled: the INGEST_TOKEN secret is not set (see README, Settings).",
    });
  }
  refuseBlockedClient(c);
  const token = bearerToken(c.req.header("Authorization"));
  if (!(await isIngestToken(token, expected))) {
    if (token) await noteFailedLogin(c);
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
