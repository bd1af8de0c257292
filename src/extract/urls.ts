/** URL helpers (WHATWG URL only, so the same code runs in workerd and Node). */

/** Resolve `href` against `base`; only http(s) results are kept (no javascript:, data:, mailto:). */
export function absoluteUrl(href: string, base: string | undefined): string | undefined {
  const value = href.trim();
  try {
    // Protocol-relative "//cdn.example/x.jpg" with no base: https is the only sensible reading today.
    const url = new URL(!base && value.startsWith("//") ? `https:${value}` : value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined; // relative without a base, or malformed
  }
}

/** Link targets allowed in content: http(s), mailto:, and in-page fragments. */
export function safeLinkUrl(href: string, base: string | undefined): string | undefined {
  const value = href.trim();
  if (/^mailto:/i.test(value)) return value;
  if (value.startsWith("#")) return value;
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
