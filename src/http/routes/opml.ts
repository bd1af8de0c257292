/** GET /feeds.opml: every public feed as an OPML subscription list (src/render/opml.ts). */
import { Hono } from "hono";
import type { Config } from "../../config.ts";
import { SITE_SCOPE, type ScopeKind } from "../../model/index.ts";
import { renderOpml, type OpmlFeed } from "../../render/opml.ts";
import type { ScopeSummary } from "../../store/index.ts";
import { cachedDocument, documentResponse } from "../document-cache.ts";
import type { AppEnv } from "../env.ts";
import { DEFAULT_LIMIT, feedUrls } from "../feed-request.ts";
import { isoNow } from "../now.ts";

export const opmlRoutes = new Hono<AppEnv>();

// No media type is registered for OPML; text/x-opml is the one readers and OPML tools use.
const OPML = "text/x-opml; charset=utf-8";
const GROUPS: [Exclude<ScopeKind, "all">, string][] = [
  ["section", "Sections"],
  ["tag", "Tags"],
  ["author", "Authors"],
];

/** The feeds of the OPML list: the site's, then each section, tag and author with a live article. */
export function opmlFeeds(config: Config, scopes: readonly ScopeSummary[]) {
  const feed = (title: string, scope: Parameters<typeof feedUrls>[1]): OpmlFeed => ({
    title,
    urls: feedUrls(config, scope, { limit: DEFAULT_LIMIT }),
    htmlUrl: `${config.baseUrl}/`,
  });
  return {
    feeds: [feed(config.title, SITE_SCOPE)],
    groups: GROUPS.map(([kind, title]) => ({
      title,
      feeds: scopes.filter((s) => s.kind === kind).map((s) => feed(`${config.title}: ${s.name}`, { kind, key: s.key })),
    })),
  };
}

opmlRoutes.get("/feeds.opml", async (c) => {
  const { config, store } = c.var;
  const now = isoNow();
  const doc = await cachedDocument(store, `opml|${JSON.stringify(config)}`, now, async () => {
    // The site page gives the version and the next embargo lift (a scope whose first article goes
    // live then joins the list); the scopes are those with a live article, as on the home page.
    const [site, scopes] = await Promise.all([store.feedPage(SITE_SCOPE, { limit: 1, now }), store.listScopes(now)]);
    const { feeds, groups } = opmlFeeds(config, scopes);
    return {
      bytes: renderOpml({ title: `${config.title}: all feeds` }, feeds, groups),
      version: site.version,
      expiresAt: site.expiresAt,
      changedAt: site.articles[0]?.publishedAt ?? "1970-01-01T00:00:00Z",
      storeChangedAt: site.changedAt,
    };
  });
  return documentResponse(c, doc!, OPML, now);
});
