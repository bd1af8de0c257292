import type { Article, Image } from "../model/index.ts";
import type { ArticleOrigin, StoredArticle } from "../store/index.ts";
import { sha256Hex } from "./hash.ts";

/**
 * What identifies a version of an article: everything extraction found, except updatedAt (which
 * `planUpsert` decides) and the photo measurements (which come from the network, not the source).
 */
export function hashContent(article: Article): Promise<string> {
  const { updatedAt: _updatedAt, images, ...content } = article;
  const photos = images.map(({ byteLength: _b, width: _w, height: _h, ...photo }) => photo);
  return sha256Hex(JSON.stringify({ ...content, images: photos }));
}

export type UpsertPlan =
  | { change: "created" | "updated"; stored: StoredArticle }
  | { change: "unchanged"; stored: StoredArticle };

/**
 * Decides what storing `article` means given what is stored under its id: nothing (same content,
 * still published), an update, or a creation. The ingest time of an undated article is kept from its
 * first ingest; a changed article whose source declares no modification date is updated `now`.
 */
export async function planUpsert(
  article: Article,
  existing: StoredArticle | undefined,
  options: { origin: ArticleOrigin; now: string; datedByIngest: boolean },
): Promise<UpsertPlan> {
  const firstIngestedAt = existing?.firstIngestedAt ?? options.now;
  let candidate = article;
  if (options.datedByIngest && existing) {
    // The source has no date: it keeps the one it got at its first ingest, never a later one.
    candidate = { ...candidate, publishedAt: firstIngestedAt, updatedAt: firstIngestedAt };
  }
  const contentHash = await hashContent(candidate);
  if (existing && existing.status === "published" && existing.contentHash === contentHash) {
    return { change: "unchanged", stored: existing };
  }
  if (existing && existing.status === "published" && (await sameButAddress(candidate, existing.article))) {
    // Only the service's own address moved (SITE_URL, or PORT under `npm start`): the article is
    // rewritten to its new permalink, but it was not edited, so updatedAt stays.
    candidate = { ...candidate, updatedAt: existing.article.updatedAt };
  } else if (existing) candidate = withChangeTime(candidate, existing, options.now);
  return {
    change: existing ? "updated" : "created",
    stored: { article: candidate, origin: options.origin, status: "published", contentHash, firstIngestedAt },
  };
}

/** The base an article's URL hangs off when it is the service's permalink (`<base>/<id>`), else undefined. */
function permalinkBaseOf(article: Article): string | undefined {
  const suffix = `/articles/${article.id}`;
  return article.url.endsWith(suffix) ? article.url.slice(0, -suffix.length) : undefined;
}

/**
 * Whether two versions differ only in the service's base URL: an article with no canonical URL
 * takes the permalink `SITE_URL/articles/:id` as its URL (and its relative links resolve against
 * it), so a new SITE_URL changes its content hash without any edit to the source.
 */
async function sameButAddress(candidate: Article, stored: Article): Promise<boolean> {
  const [from, to] = [permalinkBaseOf(stored), permalinkBaseOf(candidate)];
  if (from === undefined || to === undefined || from === to) return false;
  const rebased = JSON.parse(JSON.stringify(stored).replaceAll(JSON.stringify(from).slice(1, -1), JSON.stringify(to).slice(1, -1))) as Article;
  return (await hashContent(rebased)) === (await hashContent(candidate));
}

/**
 * A changed article whose source declares no modification date (updatedAt === publishedAt) is
 * updated now; a declared dateModified is kept as the source says.
 */
function withChangeTime(article: Article, existing: StoredArticle, now: string): Article {
  if (article.updatedAt !== article.publishedAt) return article;
  const changedAt = now > article.publishedAt ? now : article.publishedAt;
  return { ...article, updatedAt: changedAt > existing.article.updatedAt ? changedAt : existing.article.updatedAt };
}

/** Photos already measured in the stored version keep their measurements (no second fetch). */
export function reuseMeasurements(images: readonly Image[], previous: readonly Image[] | undefined): Image[] {
  const known = new Map((previous ?? []).map((image) => [image.url, image]));
  return images.map((image) => {
    const old = known.get(image.url);
    if (!old || old.byteLength === undefined) return image;
    return { ...image, mimeType: old.mimeType, byteLength: old.byteLength, width: old.width ?? image.width, height: old.height ?? image.height } as Image;
  });
}

/** Whether any photo still lacks a measurement. */
export const needsMeasuring = (images: readonly Image[]): boolean => images.some((image) => image.byteLength === undefined);
