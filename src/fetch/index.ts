import type { Config } from "../config.ts";
import { createOutbound, type Outbound } from "./outbound.ts";

export { createOutbound, MAX_REDIRECTS, type Outbound, type OutboundOptions, type OutboundRequest, type OutboundResult, type OutboundFailureReason } from "./outbound.ts";
export { checkUrl, blockedHost, parseAllowPrivate, type AllowedTarget, type UrlCheck } from "./url-policy.ts";

/** Every request names the service and where to find it (RFC 9110 §10.1.5), so a site owner can tell who calls. */
export function userAgent(config: Config): string {
  return `Wirefeed/1.0 (+${config.baseUrl})`;
}

/**
 * The deployment's outbound fetch: its User-Agent and its OUTBOUND_ALLOW_PRIVATE targets. Make one
 * per piece of work (an ingest, a cron run): its per-host limit counts that work's requests.
 */
export function outboundFor(config: Config, fetcher?: (request: Request) => Promise<Response>): Outbound {
  return createOutbound({ userAgent: userAgent(config), allowPrivate: config.allowPrivate, ...(fetcher ? { fetcher } : {}) });
}
