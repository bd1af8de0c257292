import * as z from "zod/mini";
import { WebfeedsSchema } from "../model/feed.ts";
import { FEED_FORMATS } from "../model/index.ts";

const text = z.string().check(z.trim(), z.minLength(1));
/** Lower-case hex SHA-256 of a partner key: the clear key is never committed (README "Partner feeds"). */
const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, "must be the lower-case hex SHA-256 of the key (64 characters)"));

/**
 * HTML allow-list profiles for partner bodies, from widest to narrowest. Tags outside a profile are
 * unwrapped (their text kept); figures are always rebuilt the way portals read captions and credits.
 */
export const PARTNER_HTML_PROFILES = ["full", "basic", "minimal"] as const;
export type PartnerHtmlProfile = (typeof PARTNER_HTML_PROFILES)[number];

/** One partner: who it is, its keys, and the rules its feeds follow. The schema is the type. */
export const PartnerProfileSchema = z.strictObject({
  /** URL segment of its feeds: /partners/<id>/feed.xml. */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and -")),
  name: text,
  /** SHA-256 hex of each valid key; two during a rotation (old and new), then one again. */
  tokenSha256: z.array(sha256Hex).check(z.minLength(1), z.maxLength(2)),
  formats: z._default(z.array(z.enum(FEED_FORMATS)).check(z.minLength(1)), [...FEED_FORMATS]),
  /** "full": the article body; "summary": title, description and lead photo only. */
  content: z._default(z.enum(["full", "summary"]), "full"),
  /** Items per feed, newest first, after every other rule. */
  itemCount: z._default(z.int().check(z.minimum(1), z.maximum(100)), 30),
  /** Section keys (as in /sections/<key>/), e.g. ["national", "north-korea"]; absent: every section. */
  sections: z.optional(z.array(text).check(z.minLength(1))),
  /** Photos narrower or lower than this (or of unknown size) are left out of this partner's feed. */
  minImageWidth: z._default(z.int().check(z.minimum(0)), 0),
  minImageHeight: z._default(z.int().check(z.minimum(0)), 0),
  /** Leave out articles with no photo that passes the minimum size. */
  requireImage: z._default(z.boolean(), false),
  htmlProfile: z._default(z.enum(PARTNER_HTML_PROFILES), "basic"),
  /** Plain-text description length to reach from the article text when the article has that much. */
  descriptionMinLength: z._default(z.int().check(z.minimum(1), z.maximum(5000)), 300),
  /** Largest feed document in bytes (UTF-8): the oldest items are dropped until it fits. */
  maxFeedBytes: z.optional(z.int().check(z.minimum(1024))),
  /** Feed title; default "<SITE_TITLE> for <name>". */
  title: z.optional(text),
  webfeeds: z.optional(WebfeedsSchema),
});
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>;

export const PartnersFileSchema = z
  .strictObject({ partners: z.array(PartnerProfileSchema) })
  .check(
    z.superRefine((file, ctx) => {
      const ids = new Set<string>();
      const hashes = new Set<string>();
      file.partners.forEach((partner, i) => {
        if (ids.has(partner.id)) ctx.addIssue({ code: "custom", message: `duplicate partner id "${partner.id}"`, path: ["partners", i, "id"], input: partner.id });
        ids.add(partner.id);
        partner.tokenSha256.forEach((hash, j) => {
          // One key must name one partner, or 403 (another partner's key) could not be told apart.
          if (hashes.has(hash)) ctx.addIssue({ code: "custom", message: "this key hash is already used", path: ["partners", i, "tokenSha256", j], input: hash });
          hashes.add(hash);
        });
      });
    }),
  );
