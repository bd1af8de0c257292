import { SizedCache, type ArticleStore } from "../store/index.ts";
import { currentVersion, fresh } from "./feed-cache.ts";

/** A rendered page and the store state it was rendered from. */
export type RenderedPage = { version: number; expiresAt: string | undefined; html: string };

// HTML pages (home, indexes, feed previews) per isolate, kept like feeds: until the store version
// moves or an embargoed article goes live. A browser request then costs no D1 read while the
// version is trusted (feed-cache.ts VERSION_TRUST_MS), and one version read after that.
const pages = new SizedCache<RenderedPage>(128, 8 * 1024 * 1024, (page) => page.html.length * 2);

/**
 * The page under `key` (which must name everything its HTML depends on: path, query, settings),
 * rendered by `produce` only when no fresh copy is kept. `produce` answers undefined for a page
 * that does not exist (an unknown tag): nothing is kept for it, so requests cannot fill the cache.
 */
export function cachedPage(store: ArticleStore, key: string, now: string, produce: () => Promise<RenderedPage>): Promise<string>;
export function cachedPage(store: ArticleStore, key: string, now: string, produce: () => Promise<RenderedPage | undefined>): Promise<string | undefined>;
export async function cachedPage(store: ArticleStore, key: string, now: string, produce: () => Promise<RenderedPage | undefined>): Promise<string | undefined> {
  const version = await currentVersion(store);
  const kept = pages.get(key);
  if (kept && fresh(kept, version, now)) return kept.html;
  const made = await produce();
  if (made) pages.set(key, made);
  return made?.html;
}
