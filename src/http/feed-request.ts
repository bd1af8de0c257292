import type { Config } from "../config.ts";
import { FEED_FILES, scopePath, type FeedFormat, type FeedScope, type FeedUrls } from "../model/index.ts";
import type { FeedCursor } from "../store/index.ts";
import { ProblemError } from "./problems.ts";

export const DEFAULT_LIMIT = 30;
export const MAX_LIMIT = 100;

export type FeedRequest = { scope: FeedScope; format: FeedFormat; limit: number; before: FeedCursor | undefined };

// The path scheme lives in the model (jobs build topic URLs without http/).
export { scopePath };

/** Absolute URL of one page of a scope's feed in every format. */
export function feedUrls(config: Config, scope: FeedScope, page: { limit: number; before?: FeedCursor | undefined }): FeedUrls {
  const query = new URLSearchParams();
  if (page.limit !== DEFAULT_LIMIT) query.set("limit", String(page.limit));
  if (page.before) query.set("before", encodeCursor(page.before));
  const search = query.size ? `?${query}` : "";
  const url = (format: FeedFormat) => `${config.baseUrl}${scopePath(scope)}/${FEED_FILES[format]}${search}`;
  return { rss: url("rss"), atom: url("atom"), json: url("json") };
}

/** `?limit=` (1-100, default 30) and `?before=` (a cursor from a next/previous link); 400 otherwise. */
export function parseFeedQuery(query: URLSearchParams): { limit: number; before: FeedCursor | undefined } {
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}); got "${rawLimit}".`);
  }
  const rawBefore = query.get("before");
  const before = rawBefore === null ? undefined : decodeCursor(rawBefore);
  if (rawBefore !== null && !before) throw badRequest("before must be a page cursor taken from a feed's next or previous link.");
  return { limit, before };
}

const badRequest = (detail: string) => new ProblemError({ status: 400, title: "Bad Request", detail });

// Cursors are opaque to clients (base64url of "publishedAt id") so the paging scheme can change.
export function encodeCursor(cursor: FeedCursor): string {
  return btoa(`${cursor.publishedAt} ${cursor.id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(text: string): FeedCursor | undefined {
  try {
    const [publishedAt, id, extra] = atob(text.replace(/-/g, "+").replace(/_/g, "/")).split(" ");
    if (extra !== undefined || !publishedAt || !id) return undefined;
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(publishedAt) || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) return undefined;
    return { publishedAt, id };
  } catch {
    return undefined;
  }
}
