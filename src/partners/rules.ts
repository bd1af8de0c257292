/**
 * A partner's rules as one pure function: candidate articles (newest first, from the store's feed
 * query) and a profile in; the articles as this partner gets them, and what was left out and why, out.
 * The feed-size rule needs the rendered bytes, so it lives with rendering (feed.ts).
 */
import { scopeKey, type Article, type Image } from "../model/index.ts";
import { partnerHtml } from "./partner-html.ts";
import type { PartnerProfile } from "./schema.ts";
import { plainDescription, plainText } from "../extract/text.ts";

export type ExclusionReason = "section" | "no-qualifying-image" | "item-count" | "feed-size";
export type Exclusion = { id: string; title: string; reason: ExclusionReason; detail: string };
export type PhotoExclusion = { articleId: string; url: string; reason: "too-small" | "size-unknown"; detail: string };

export type PartnerSelection = {
  articles: Article[];
  excluded: Exclusion[];
  photosLeftOut: PhotoExclusion[];
};

/** Why a photo fails the partner's minimum size, or undefined when it passes. */
export function photoFailure(image: Image, profile: PartnerProfile): PhotoExclusion["reason"] | undefined {
  const { minImageWidth, minImageHeight } = profile;
  if (minImageWidth === 0 && minImageHeight === 0) return undefined;
  // A photo whose size was never measured cannot be shown to meet a minimum, so it is left out.
  if ((minImageWidth > 0 && image.width === undefined) || (minImageHeight > 0 && image.height === undefined)) return "size-unknown";
  return (image.width ?? 0) < minImageWidth || (image.height ?? 0) < minImageHeight ? "too-small" : undefined;
}

export function applyPartnerRules(candidates: readonly Article[], profile: PartnerProfile): PartnerSelection {
  const sections = profile.sections ? new Set(profile.sections.map(scopeKey)) : undefined;
  const articles: Article[] = [];
  const excluded: Exclusion[] = [];
  const photosLeftOut: PhotoExclusion[] = [];
  const minimum = `${profile.minImageWidth}x${profile.minImageHeight}`;

  for (const article of candidates) {
    const leaveOut = (reason: ExclusionReason, detail: string) => excluded.push({ id: article.id, title: article.title, reason, detail });
    if (sections && !(article.section !== undefined && sections.has(scopeKey(article.section)))) {
      leaveOut("section", article.section === undefined ? "the article has no section" : `section "${article.section}" is not in this partner's sections`);
      continue;
    }
    const kept: Image[] = [];
    const dropped: PhotoExclusion[] = [];
    for (const image of article.images) {
      const failure = photoFailure(image, profile);
      if (failure === undefined) kept.push(image);
      else {
        const size = failure === "too-small" ? `${image.width ?? "?"}x${image.height ?? "?"} is below the minimum ${minimum}` : `its size is unknown (minimum ${minimum})`;
        dropped.push({ articleId: article.id, url: image.url, reason: failure, detail: size });
      }
    }
    if (profile.requireImage && kept.length === 0) {
      leaveOut("no-qualifying-image", article.images.length === 0 ? "the article has no photo" : `none of its ${article.images.length} photo(s) is at least ${minimum}`);
      continue;
    }
    if (articles.length >= profile.itemCount) {
      leaveOut("item-count", `older than the newest ${profile.itemCount} qualifying articles`);
      continue;
    }
    photosLeftOut.push(...dropped);
    articles.push(toPartnerArticle(article, kept, profile));
  }
  return { articles, excluded, photosLeftOut };
}

/** The article as this partner gets it: plain title, long plain description, its photos, its HTML. */
function toPartnerArticle(article: Article, kept: Image[], profile: PartnerProfile): Article {
  return {
    ...article,
    title: plainText(article.title),
    summary: plainDescription(article.summary, article.contentText, profile.descriptionMinLength),
    images: kept,
    contentHtml: profile.content === "full" ? partnerHtml(article.contentHtml, kept, profile.htmlProfile) : "",
  };
}
