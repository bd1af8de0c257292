/**
 * Failed-login limiting (issue 13, item 9): a client that keeps presenting wrong ingest tokens or
 * partner keys is answered 429 with Retry-After instead of being allowed ~500 guesses a second.
 *
 * Counting is the Workers Rate Limiting binding AUTH_FAILURES (`[[ratelimits]]` in wrangler.toml: 20
 * failures a minute per client address, counted per Cloudflare location). It is asked only when a
 * credential was wrong, so an operator's own traffic never spends it. The binding can only count, not
 * be asked "is this client over?", so once it says no, this isolate remembers the client as blocked
 * for the binding's period and refuses its requests before checking any credential: a right guess
 * made while blocked is refused too. Without the binding (an older wrangler.toml, a test that leaves
 * it out), a counter of the same shape in the isolate's memory does the counting: weaker (per
 * isolate), documented in SECURITY.md.
 */
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";
import { ProblemError } from "./problems.ts";

/** The Workers Rate Limiting binding's interface (https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/). */
export type RateLimiter = { limit(options: { key: string }): Promise<{ success: boolean }> };

/** The binding's window, and how long a client over it is refused (wrangler.toml simple.period). */
export const AUTH_FAILURE_PERIOD_S = 60;
/** Failures a client may make per window where the binding is missing (wrangler.toml simple.limit). */
export const AUTH_FAILURE_LIMIT = 20;
/** Clients remembered per isolate, blocked or counted; beyond it the oldest half is forgotten. */
const MAX_CLIENTS = 10_000;

const blockedUntil = new Map<string, number>();
const fallbackCounts = new Map<string, { window: number; count: number }>();

/** The client: its address as Cloudflare saw it (set by the platform, and by wrangler dev). */
const clientKey = (c: Context<AppEnv>): string => c.req.header("CF-Connecting-IP") ?? "unknown";

const tooMany = (retryAfterS: number) =>
  new ProblemError(
    { status: 429, title: "Too Many Requests", detail: `Too many failed logins from this address; try again in ${retryAfterS} s.` },
    { "Retry-After": String(retryAfterS) },
  );

/** 429 when this client is blocked for its failed logins. Called before any credential is checked. */
export function refuseBlockedClient(c: Context<AppEnv>): void {
  const until = blockedUntil.get(clientKey(c));
  if (until === undefined) return;
  const left = Math.ceil((until - Date.now()) / 1000);
  if (left > 0) throw tooMany(left);
  blockedUntil.delete(clientKey(c));
}

/**
 * Counts a wrong credential. Returns when the client may still try; throws the 429 (and blocks the
 * client in this isolate) once it is over the limit.
 */
export async function noteFailedLogin(c: Context<AppEnv>): Promise<void> {
  const key = clientKey(c);
  const limiter = c.env.AUTH_FAILURES;
  const allowed = limiter ? (await limiter.limit({ key })).success : countInIsolate(key);
  if (allowed) return;
  remember(blockedUntil, key, Date.now() + AUTH_FAILURE_PERIOD_S * 1000);
  throw tooMany(AUTH_FAILURE_PERIOD_S);
}

function countInIsolate(key: string): boolean {
  const window = Math.floor(Date.now() / (AUTH_FAILURE_PERIOD_S * 1000));
  const entry = fallbackCounts.get(key);
  const count = entry?.window === window ? entry.count + 1 : 1;
  remember(fallbackCounts, key, { window, count });
  return count <= AUTH_FAILURE_LIMIT;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_CLIENTS && !map.has(key)) {
    let drop = map.size / 2;
    for (const old of map.keys()) {
      if (drop-- <= 0) break;
      map.delete(old);
    }
  }
  map.set(key, value);
}
