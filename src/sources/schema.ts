import * as z from "zod/mini";

/**
 * What a source URL is. A feed is RSS 2.0, Atom 1.0 or JSON Feed 1.1; a sitemap follows
 * sitemaps.org 0.9, a news sitemap adds Google's `news:` extension; a section page is an HTML page
 * whose links lead to articles.
 */
export const SOURCE_KINDS = ["feed", "sitemap", "sitemap-index", "news-sitemap", "section"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Polling more often than every 5 minutes is impolite to the site; once a week is the slowest. */
export const MIN_EVERY_MINUTES = 5;
export const MAX_EVERY_MINUTES = 7 * 24 * 60;
export const DEFAULT_EVERY_MINUTES = 30;

const everyMinutes = z.int().check(z.minimum(MIN_EVERY_MINUTES), z.maximum(MAX_EVERY_MINUTES));
/** A path prefix, not a regular expression: nothing given by a client is ever run as a pattern. */
const linkPrefix = z.string().check(z.regex(/^\/[^\s?#]{0,200}$/, "must be a URL path starting with /"));

/** `POST /api/sources` (and each entry of config/sources.json). The schema is the type. */
export const SourceInputSchema = z.strictObject({
  url: z.string().check(z.maxLength(2048)),
  kind: z.optional(z.enum(SOURCE_KINDS)),
  everyMinutes: z.optional(everyMinutes),
  /** Retract an article when its item leaves the listing (default: keep it; a listing is a window). */
  retractRemoved: z.optional(z.boolean()),
  /** Section pages: only same-host links under this path are articles (else the generic link finder decides). */
  linkPrefix: z.optional(linkPrefix),
});
export type SourceInput = z.infer<typeof SourceInputSchema>;

/** `PATCH /api/sources/:id`: the settings only; the URL is the source's identity. */
export const SourcePatchSchema = z.strictObject({
  kind: z.optional(z.enum(SOURCE_KINDS)),
  everyMinutes: z.optional(everyMinutes),
  retractRemoved: z.optional(z.boolean()),
  linkPrefix: z.optional(z.nullable(linkPrefix)),
});
export type SourcePatch = z.infer<typeof SourcePatchSchema>;

export const SourcesFileSchema = z.strictObject({ sources: z.array(SourceInputSchema) });

/**
 * A URL a source may point at: absolute http(s), no credentials. Whether its host may be reached is
 * the outbound module's decision (src/fetch), made at every fetch and every redirect hop.
 */
export function checkSourceUrl(value: string): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: "is not an absolute URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, message: "must be an http or https URL" };
  if (url.username || url.password) return { ok: false, message: "must not carry a user name or password" };
  url.hash = "";
  return { ok: true, url: url.href };
}

/** A page to fetch, as it travels on the queue: small, so a batch of 100 stays far below the 128 KB message cap. */
export const PullMessageSchema = z.object({
  sourceId: z.string(),
  url: z.string(),
});
export type PullMessage = z.infer<typeof PullMessageSchema>;

/** What a feed item says about its article, kept for a page that cannot be extracted. */
export const TeaserSchema = z.object({
  title: z.optional(z.string()),
  summary: z.optional(z.string()),
  html: z.optional(z.string()),
  publishedAt: z.optional(z.string()),
  author: z.optional(z.string()),
});
export type Teaser = z.infer<typeof TeaserSchema>;
