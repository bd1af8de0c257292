import type { Teaser } from "../schema.ts";

/** One article URL a listing names, with what marks a change of it and what the listing says of it. */
export type ListingItem = { url: string; marker?: string; teaser?: Teaser };

/** At most this many items are read from one listing (a sitemap may hold 50,000; we take the first). */
export const MAX_ITEMS = 1000;

/** An absolute http(s) URL without its fragment, resolved against `base`; undefined for anything else. */
export function absoluteHttpUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}
