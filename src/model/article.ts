import * as z from "zod/mini";
import { ImageSchema } from "./image.ts";

const text = z.string().check(z.trim(), z.minLength(1));
const httpUrl = z.url({ protocol: /^https?$/ });
/** RFC 3339 date-time in UTC with a `Z` offset, e.g. 2025-04-30T00:00:00Z. */
const utcDateTime = z.iso.datetime();

/**
 * Caps on an article's lists, enforced by the schema so nothing over them is ever stored or served:
 * 100 tags (a page listed 5,000, all sent to the WebSub hub as one 992 KB ping: issue 13) and 20
 * authors (a byline longer than that is a list of contributors, not a byline). Extraction keeps the
 * first ones (src/extract/index.ts); the schema refuses more.
 */
export const MAX_TAGS = 100;
export const MAX_AUTHORS = 20;

/** Stable article identifier: URL-safe, used in permalinks, guids and Atom ids. */
export const ArticleIdSchema = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/));

export const AuthorSchema = z.object({
  name: text,
  email: z.optional(z.email()),
  url: z.optional(httpUrl),
});
export type Author = z.infer<typeof AuthorSchema>;

/**
 * Where `publishedAt` came from, most to least reliable: the page's metadata (JSON-LD, meta tags), the
 * page's own markup (`<time>`, `[itemprop=datePublished]`), a date in its URL path, the dates in its
 * photos' paths, the HTTP Last-Modified of the fetched page, or none of these: the time the article was
 * first seen, kept on every later ingest.
 */
export const DATE_SOURCES = ["metadata", "page", "url", "photo-path", "http-last-modified", "first-seen"] as const;
export type DateSource = (typeof DATE_SOURCES)[number];

/**
 * The one normalized article. Its JSON (GET /api/articles/:id) is a public contract:
 * add optional fields freely, never rename or remove one.
 */
export const ArticleSchema = z
  .object({
    id: ArticleIdSchema,
    /** Canonical absolute URL; the service's own permalink when the source gives none. */
    url: httpUrl,
    title: text,
    subtitle: z.optional(text),
    /** Plain text, no markup. */
    summary: z.string(),
    authors: z.array(AuthorSchema).check(z.maxLength(MAX_AUTHORS)),
    publishedAt: utcDateTime,
    /** Where publishedAt came from; "first-seen" marks an article whose page gives no date at all. */
    publishedAtSource: z.optional(z.enum(DATE_SOURCES)),
    updatedAt: utcDateTime,
    /** BCP 47 language tag, e.g. "en", "ko", "pt-BR". */
    language: z.optional(z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/))),
    section: z.optional(text),
    tags: z.array(text).check(z.maxLength(MAX_TAGS)),
    /** Every photo in reading order, the lead image first. */
    images: z.array(ImageSchema),
    /** Sanitized HTML fragment with absolute URLs. */
    contentHtml: z.string(),
    contentText: z.string(),
    wordCount: z.int().check(z.nonnegative()),
  })
  .check(
    z.refine((a) => a.updatedAt >= a.publishedAt, {
      message: "updatedAt must not be earlier than publishedAt",
      path: ["updatedAt"],
    }),
  );
export type Article = z.infer<typeof ArticleSchema>;
