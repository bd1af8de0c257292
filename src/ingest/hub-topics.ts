import type { Config } from "../config.ts";
import { FEED_FILES, FEED_FORMATS, scopeId, scopePath, scopesOf, SITE_SCOPE, type Article, type FeedScope } from "../model/index.ts";

/**
 * WebSub topics a change touches: the first page of every feed (site, sections, tags, authors) that
 * holds one of the articles, before or after the change, in each format. Only articles live at
 * `now` count: an embargoed article is in no feed yet, and naming its section or tags to the hub
 * would tell the hub (and its subscribers' logs) about a story days before it goes out. Its feeds
 * are announced by the release job (src/jobs/announce-releases.ts) once the embargo lifts.
 */
export function liveTopics(config: Config, articles: readonly Article[], now: string): string[] {
  const live = articles.filter((article) => Date.parse(article.publishedAt) <= Date.parse(now));
  if (live.length === 0) return [];
  // Keyed by scopeId, the model's one key per scope: every article is in the site feed too.
  const scopes = new Map<string, FeedScope>([[scopeId(SITE_SCOPE), SITE_SCOPE]]);
  for (const article of live) {
    for (const { scope } of scopesOf(article)) scopes.set(scopeId(scope), scope);
  }
  // The first page at the default limit has no query: the URL feeds advertise as rel="self".
  return [...scopes.values()].flatMap((scope) => FEED_FORMATS.map((format) => `${config.baseUrl}${scopePath(scope)}/${FEED_FILES[format]}`));
}
