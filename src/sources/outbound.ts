/**
 * Pull mode never calls `fetch` itself: polling and the consumer get an Outbound (src/fetch, the one
 * way out to the network) as a parameter, so its URL policy (no private targets unless
 * OUTBOUND_ALLOW_PRIVATE lists them, every redirect hop checked again), deadline and byte cap apply
 * to every listing, page and robots.txt.
 */
export type { Outbound, OutboundRequest, OutboundResult } from "../fetch/index.ts";

/** The product token robots.txt groups are matched against (RFC 9309 §2.2.1); the User-Agent starts with it. */
export const ROBOTS_TOKEN = "wirefeed";
