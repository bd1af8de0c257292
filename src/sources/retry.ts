/** A page is tried this many times (the first fetch and four retries) before it is a dead letter. */
export const MAX_ATTEMPTS = 5;
/** Cloudflare Queues accept a retry delay of at most 12 hours. */
export const MAX_DELAY_SECONDS = 12 * 60 * 60;
const BASE_DELAY_SECONDS = 60;

/**
 * The delay before attempt `attempts + 1`: exponential (1, 2, 4, 8 minutes...), never shorter than
 * the server's Retry-After (RFC 9110 §10.2.3), never longer than the queue allows.
 */
export function retryDelaySeconds(attempts: number, retryAfterSeconds: number | undefined): number {
  const backoff = BASE_DELAY_SECONDS * 2 ** Math.max(0, attempts - 1);
  return Math.min(MAX_DELAY_SECONDS, Math.max(backoff, retryAfterSeconds ?? 0));
}

/** Retry-After as seconds from `now`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: string): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_DELAY_SECONDS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - Date.parse(now)) / 1000));
}
