import type { Article } from "./article.ts";

/** Which articles a feed holds: the whole site, or one section, tag or author. */
export type ScopeKind = "all" | "section" | "tag" | "author";
export type FeedScope = { kind: "all" } | { kind: Exclude<ScopeKind, "all">; key: string };
export type NamedScope = { scope: FeedScope; name: string };

export const SITE_SCOPE: FeedScope = { kind: "all" };

/**
 * URL-safe key of a section, tag or author name: "North Korea" -> "north-korea", "Han Jee-hye" ->
 * "han-jee-hye". Letters of every script are kept ("봄꽃" stays), so non-English tags get feeds too.
 */
export function scopeKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

/** The storage form: "all", "section:north-korea", "tag:kursk", "author:han-jee-hye". */
export function scopeId(scope: FeedScope): string {
  return scope.kind === "all" ? "all" : `${scope.kind}:${scope.key}`;
}

const SCOPE_PREFIX = { section: "/sections/", tag: "/tags/", author: "/authors/" } as const;

/** The path of a scope's feeds: "" for the site, "/sections/north-korea" for a section. */
export function scopePath(scope: FeedScope): string {
  return scope.kind === "all" ? "" : SCOPE_PREFIX[scope.kind] + encodeURIComponent(scope.key);
}

/** Every feed an article belongs to, with the display name of each. */
export function scopesOf(article: Article): NamedScope[] {
  const named: NamedScope[] = [{ scope: SITE_SCOPE, name: "All articles" }];
  const add = (kind: Exclude<ScopeKind, "all">, name: string) => {
    const key = scopeKey(name);
    if (key && !named.some((n) => n.scope.kind === kind && n.scope.key === key)) named.push({ scope: { kind, key }, name });
  };
  if (article.section) add("section", article.section);
  for (const tag of article.tags) add("tag", tag);
  for (const author of article.authors) add("author", author.name);
  return named;
}
