import * as z from "zod/mini";

/**
 * The rule DSL. A rule lists, per article field, the signals to try in order; the first that yields a
 * usable value wins and its label goes to `sources`. Every source says what it reads:
 *   { from: "jsonld", path: "headline" }               dotted path in the page's schema.org Article node
 *   { from: "meta", key: "og:title" }                  <meta property|name|itemprop|http-equiv=key content>
 *   { from: "css", selector: "time", attr: "datetime" } first matching element's attribute (or its text)
 *   { from: "derived", name: "lede" }                  a named computation from DERIVED_SIGNALS
 * Code a rule needs is a named transform or derived signal, never a function inside the data, so rules
 * stay plain JSON-like values that a test validates against this schema.
 */

/** Named computations over the extracted body and URLs (implemented in rules/resolve.ts). */
export const DERIVED_SIGNALS = [
  "title-tag", // <title> minus the site name
  "page-h1", // the first <h1> outside page chrome (a site-logo <h1> in the page header is not a headline)
  "lede", // the first paragraph (title: its first sentence, cut; summary: capped)
  "byline-line", // "By NAME [email]" line at the top or bottom of the body
  "canonical-option", // options.url, the URL the caller fetched
  "url-path", // /YYYY/MM/DD/ in the page URL
  "image-path", // latest /YYYY/MM/DD/ among photo URLs, not after now
  "url-section", // the path segment after a /YYYY-MM-DD/ or /YYYY/MM/DD/ date in the page URL, capitalized
  "http-last-modified", // the HTTP Last-Modified of the fetched page (options.lastModified), not after now
  "text-script", // language guessed from the script and stopwords of the body text
] as const;
export type DerivedSignal = (typeof DERIVED_SIGNALS)[number];

/** Named value transforms a source may ask for. */
export const TRANSFORMS = [
  "split-comma", // "a, b, c" -> ["a", "b", "c"] (keywords)
] as const;

const transform = z.optional(z.enum(TRANSFORMS));

export const SourceSchema = z.discriminatedUnion("from", [
  z.object({ from: z.literal("jsonld"), path: z.string().check(z.minLength(1)), transform }),
  z.object({ from: z.literal("meta"), key: z.string().check(z.minLength(1)), transform }),
  z.object({
    from: z.literal("css"),
    selector: z.string().check(z.minLength(1)),
    attr: z.optional(z.string()),
    /** Read every match (tags, authors), not only the first. */
    all: z.optional(z.boolean()),
    transform,
  }),
  z.object({ from: z.literal("derived"), name: z.enum(DERIVED_SIGNALS) }),
]);
export type Source = z.infer<typeof SourceSchema>;

/** Article fields a rule can source. Body, images and counts come from the content stage. */
export const RULE_FIELDS = [
  "url", "title", "subtitle", "summary", "authors", "publishedAt", "updatedAt", "language", "section", "tags", "leadImage",
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

const sources = z.optional(z.array(SourceSchema));

export const RuleSchema = z.object({
  /** Human name, e.g. "Korea JoongAng Daily". */
  name: z.string().check(z.minLength(1)),
  /** Host names without "www."; subdomains match too. Empty for the generic rule. */
  hosts: z.array(z.string().check(z.regex(/^[a-z0-9.-]+$/))),
  fields: z.object({
    url: sources, title: sources, subtitle: sources, summary: sources, authors: sources, publishedAt: sources,
    updatedAt: sources, language: sources, section: sources, tags: sources, leadImage: sources,
  }),
  content: z.optional(
    z.object({
      /** Body roots, tried before the generic ones. */
      selectors: z.array(z.string()),
      /** Extra boilerplate inside the body. */
      remove: z.array(z.string()),
    }),
  ),
});
export type Rule = z.infer<typeof RuleSchema>;

/** Label of a source for `ExtractResult.sources`, e.g. "jsonld:headline", "meta:og:title", "lede". */
export function sourceLabel(source: Source): string {
  switch (source.from) {
    case "jsonld":
      return `jsonld:${source.path}`;
    case "meta":
      return `meta:${source.key}`;
    case "css":
      return `css:${source.selector}${source.attr ? `@${source.attr}` : ""}`;
    case "derived":
      return source.name;
  }
}
