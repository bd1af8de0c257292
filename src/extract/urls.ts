/** URL helpers (WHATWG URL only, so the same code runs in workerd and Node). */

// RFC 3986 §2: the characters a URI may hold (unreserved, reserved, and `%` of a pct-encoding).
// WHATWG serialization leaves some others as they are (`|`, `^`, `{`, `}` and `` ` `` in a query,
// `|` and `^` in a path), which strict readers and the W3C validator refuse (InvalidUriChar).
// With the `u` flag a surrogate pair is one match (one UTF-8 sequence); a lone surrogate has no
// UTF-8 form and is dropped.
const NOT_URI_CHAR = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]|%(?![0-9A-Fa-f]{2})/gu;
const LONE_SURROGATE = /^[\uD800-\uDFFF]$/;

/**
 * The string as an RFC 3986 URI: every other character (and a `%` that starts no pct-encoding)
 * percent-encoded as UTF-8 (RFC 3986 §2.1, RFC 3987 §3.1). Already-valid URIs come back unchanged.
 */
export function toUri(value: string): string {
  NOT_URI_CHAR.lastIndex = 0;
  if (!NOT_URI_CHAR.test(value)) return value;
  return value.replace(NOT_URI_CHAR, (c) => (c === "%" ? "%25" : LONE_SURROGATE.test(c) ? "" : encodeURIComponent(c)));
}

/**
 * A JSON blob or template (`{"default":{...}}`, `{{src}}`) that a lazy-loading script would have
 * read, not a URL reference: resolved against the page it becomes a nonsense URL on the page's host.
 */
const NOT_A_REFERENCE = /^[[{]|{{|"\s*:/;

/**
 * Resolve `href` against `base`; only http(s) results are kept (no javascript:, data:, mailto:).
 * The result is a valid RFC 3986 URI (toUri).
 */
export function absoluteUrl(href: string, base: string | undefined): string | undefined {
  const value = href.trim();
  if (NOT_A_REFERENCE.test(value)) return undefined;
  try {
    // Protocol-relative "//cdn.example/x.jpg" with no base: https is the only sensible reading today.
    const url = new URL(!base && value.startsWith("//") ? `https:${value}` : value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? toUri(url.href) : undefined;
  } catch {
    return undefined; // relative without a base, or malformed
  }
}

/**
 * Link targets allowed in content: http(s) and mailto:. An in-page fragment (`#notes`) is resolved
 * against the article's URL like any relative reference: in a feed it is read away from the page,
 * and relative references there are resolved against the feed, not the article (W3C validator
 * ContainsRelRef). Without a base it cannot be resolved, and the link is dropped.
 */
export function safeLinkUrl(href: string, base: string | undefined): string | undefined {
  const value = href.trim();
  if (/^mailto:/i.test(value)) return toUri(value);
  return absoluteUrl(value, base);
}

export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}
