import { blockedAddress, parseIpv4 } from "./address.ts";

/**
 * Which URLs an outbound request may reach. Content URLs (photos in an article) are untrusted: an
 * article must not make the Worker reach the operator's internal network, and what it fetched must
 * not come back in a feed. The policy sees the URL only: a Worker cannot resolve names, so a public
 * name whose DNS answers a private address (DNS rebinding) is not caught here (README, SECURITY.md).
 */
export type UrlPolicy = {
  /** Operator-listed private targets (OUTBOUND_ALLOW_PRIVATE), from parseAllowPrivate. */
  allowPrivate: readonly AllowedTarget[];
};

/** `host` (any port) or `host:port`, host normalized as URL parsing does (`127.1` -> `127.0.0.1`). */
export type AllowedTarget = { host: string; port?: string };

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: "bad-url" | "blocked"; detail: string };

/**
 * Names that never mean a public site: `localhost` (RFC 6761 §6.3), `.local` (RFC 6762), `.home.arpa`
 * (RFC 8375), `.internal` (ICANN, 2024), and the private top-level names RFC 6762 Appendix G lists.
 */
const PRIVATE_SUFFIXES = ["localhost", "local", "internal", "home.arpa", "localdomain", "intranet", "private", "corp", "home", "lan"] as const;

const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" };

export function checkUrl(raw: string, policy: UrlPolicy, options: { trusted?: boolean } = {}): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "bad-url", detail: "not an absolute URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "bad-url", detail: `only http and https are fetched, not ${url.protocol}` };
  }
  // Credentials in a URL would be sent as Basic auth to whoever the host is; no source needs them.
  if (url.username || url.password) return { ok: false, reason: "bad-url", detail: "URLs with credentials are not fetched" };
  if (options.trusted || isAllowed(url, policy.allowPrivate)) return { ok: true, url };
  const why = blockedHost(url.hostname);
  return why ? { ok: false, reason: "blocked", detail: `${url.host} is ${why}` } : { ok: true, url };
}

/** Why a URL host (as URL.hostname gives it) is not a public target, or undefined. */
export function blockedHost(hostname: string): string | undefined {
  const address = blockedAddress(hostname);
  if (address) return address;
  if (hostname.startsWith("[") || parseIpv4(hostname) !== undefined) return undefined; // a public address
  const name = hostname.toLowerCase().replace(/\.+$/, "");
  if (name === "") return "an empty host name";
  // WHATWG URL: a host whose last label is a number must be an IPv4 address; a runtime that let
  // `1.2.3.999` through would still not reach a name.
  if (/(^|\.)(0x[0-9a-f]*|\d+)$/i.test(name)) return "a malformed IPv4 address";
  if (!name.includes(".")) return "a single-label name, which resolves on the local network";
  const suffix = PRIVATE_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  return suffix ? `a local-network name (.${suffix})` : undefined;
}

function isAllowed(url: URL, allowed: readonly AllowedTarget[]): boolean {
  const port = url.port || DEFAULT_PORTS[url.protocol]!;
  return allowed.some((target) => target.host === url.hostname && (target.port === undefined || target.port === port));
}

/**
 * OUTBOUND_ALLOW_PRIVATE: comma-separated `host[:port]` (`127.0.0.1:8080, [::1], intranet.local`).
 * Returns the targets, or the entries that are not of that form.
 */
export function parseAllowPrivate(text: string | undefined): { ok: true; targets: AllowedTarget[] } | { ok: false; invalid: string[] } {
  const entries = (text ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const targets: AllowedTarget[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[^\s:/?#@[\]]+)(?::(\d{1,5}))?$/.exec(entry);
    const host = match ? normalizeHost(match[1]!) : undefined;
    const port = match?.[2] === undefined ? undefined : String(Number(match[2]));
    if (!host || (port !== undefined && Number(port) > 65535)) invalid.push(entry);
    else targets.push(port === undefined ? { host } : { host, port });
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, targets };
}

function normalizeHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}
