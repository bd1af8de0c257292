import { HostSlots } from "./host-slots.ts";
import { raceAbort, readCapped } from "./read-capped.ts";
import { checkUrl, type AllowedTarget } from "./url-policy.ts";

/**
 * The one way out to the network (photo measurement, WebSub pings, source polling): every request
 * is checked against the URL policy, redirects are followed by hand with each hop checked again,
 * one deadline covers queueing, every hop and the body, and the body is read up to a byte cap.
 */
export type OutboundOptions = {
  /** The runtime's fetch by default; tests may pass anything answering Requests. */
  fetcher?: (request: Request) => Promise<Response>;
  /** Names the service and where to find it, so a site owner knows who is calling. */
  userAgent: string;
  /** OUTBOUND_ALLOW_PRIVATE: private targets the operator allows on purpose. */
  allowPrivate: readonly AllowedTarget[];
  /** Requests to one host (host:port) at the same time. */
  perHostConcurrency?: number;
};

export type OutboundRequest = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** One deadline for the whole exchange: waiting for a slot, every hop and reading the body. */
  timeoutMs?: number;
  /** The most body bytes read. */
  maxBytes?: number;
  /** 0: a 3xx is returned as it is (ok, with its status and Location). At most MAX_REDIRECTS. */
  maxRedirects?: number;
  /** An operator-configured URL (the hub): its first hop skips the address policy; redirects do not. */
  trusted?: boolean;
  /** Over maxBytes: keep the first maxBytes and say `truncated` instead of failing with "too-large". */
  truncate?: boolean;
  /** Called with the bytes so far after each chunk; true stops reading (the rest is cancelled). */
  enough?: (bytes: Uint8Array) => boolean;
};

export type OutboundFailureReason = "blocked" | "timeout" | "too-large" | "network" | "redirects" | "bad-url";

/** Any HTTP status is ok: true (304, 429, 503 with Retry-After), so callers can revalidate and back off. */
export type OutboundResult =
  | { ok: true; status: number; url: string; headers: Headers; body: Uint8Array; truncated: boolean }
  | { ok: false; reason: OutboundFailureReason; detail: string; url: string };

export type Outbound = { fetch(request: OutboundRequest): Promise<OutboundResult> };

export const MAX_REDIRECTS = 5;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_PER_HOST = 4;
/** Fetch §4.4 "HTTP-redirect fetch": the statuses that carry a Location to follow. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Sent to the first origin only (Fetch §4.4 step 13 removes Authorization on a cross-origin hop). */
const ORIGIN_BOUND_HEADERS = ["authorization", "cookie", "proxy-authorization"];

export function createOutbound(options: OutboundOptions): Outbound {
  const fetcher = options.fetcher ?? ((request: Request) => fetch(request)); // unbound: workerd rejects a foreign `this`
  const slots = new HostSlots(Math.max(1, options.perHostConcurrency ?? DEFAULT_PER_HOST));
  const policy = { allowPrivate: options.allowPrivate };

  return {
    async fetch(request) {
      const signal = AbortSignal.timeout(Math.max(1, request.timeoutMs ?? DEFAULT_TIMEOUT_MS));
      const maxBytes = Math.max(0, request.maxBytes ?? DEFAULT_MAX_BYTES);
      const maxRedirects = Math.min(MAX_REDIRECTS, Math.max(0, request.maxRedirects ?? MAX_REDIRECTS));
      let url = request.url;
      let method = (request.method ?? "GET").toUpperCase();
      let body = request.body;
      const headers = new Headers(request.headers);
      headers.set("User-Agent", options.userAgent);

      for (let hop = 0; ; hop++) {
        const checked = checkUrl(url, policy, { trusted: hop === 0 && request.trusted === true });
        if (!checked.ok) return { ok: false, reason: checked.reason, detail: checked.detail, url };
        let release: (() => void) | undefined;
        try {
          release = await slots.acquire(checked.url.host, signal);
          const response = await raceAbort(fetcher(new Request(checked.url, { method, headers, body: body ?? null, redirect: "manual", signal })), signal);
          const location = response.headers.get("Location");
          if (REDIRECTS.has(response.status) && location !== null && maxRedirects > 0) {
            await response.body?.cancel().catch(() => {});
            if (hop >= maxRedirects) return { ok: false, reason: "redirects", detail: `more than ${maxRedirects} redirects`, url };
            let next: URL;
            try {
              next = new URL(location, checked.url);
            } catch {
              return { ok: false, reason: "bad-url", detail: `redirect to an invalid Location ${JSON.stringify(location)}`, url };
            }
            // Fetch §4.4 step 12: 301/302 turn a POST into a GET, 303 anything but HEAD; the body goes.
            if ((response.status === 303 && method !== "HEAD") || ((response.status === 301 || response.status === 302) && method === "POST")) {
              method = "GET";
              body = undefined;
              headers.delete("Content-Type");
            }
            if (next.origin !== checked.url.origin) for (const name of ORIGIN_BOUND_HEADERS) headers.delete(name);
            url = next.href;
            continue;
          }
          const read = await readCapped(response, { maxBytes, truncate: request.truncate === true, enough: request.enough, signal });
          if (!read.ok) return { ok: false, reason: "too-large", detail: `the body is larger than ${maxBytes} bytes`, url: checked.url.href };
          return { ok: true, status: response.status, url: checked.url.href, headers: response.headers, body: read.bytes, truncated: read.truncated };
        } catch (error) {
          if (signal.aborted) return { ok: false, reason: "timeout", detail: `no complete answer within ${request.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, url };
          return { ok: false, reason: "network", detail: error instanceof Error ? error.message : String(error), url };
        } finally {
          release?.();
        }
      }
    },
  };
}
