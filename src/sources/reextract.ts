import type { MeasureImages } from "../ingest/index.ts";
import type { Article } from "../model/index.ts";
import type { ArticleStore } from "../store/index.ts";
import type { SourceStore } from "../store/source-store.ts";
import { ingestPulledPage } from "./ingest-pulled.ts";
import type { Source } from "./types.ts";

export type Difference = { field: string; before: unknown; after: unknown };

export type ReextractReport = {
  dryRun: boolean;
  checked: number;
  changed: number;
  unchanged: number;
  /** Items with no kept page (a teaser, a page over the D1 cap) are skipped. */
  skipped: number;
  failed: { url: string; detail: string }[];
  articles: { url: string; articleId: string; change: "created" | "updated"; differences: Difference[] }[];
};

/** Fields compared for the dry-run report; the body is compared by its text. */
const FIELDS = ["url", "title", "subtitle", "summary", "authors", "publishedAt", "language", "section", "tags", "wordCount", "contentText"] as const;

/**
 * Runs extraction again over the kept raw pages of a source (after a site-rule change), without
 * fetching anything. A dry run writes nothing and reports, per article, the fields that would change.
 */
export async function reextractSource(
  deps: { articles: ArticleStore; sources: SourceStore; now: string; permalinkBase: string; measure: MeasureImages },
  source: Source,
  dryRun: boolean,
): Promise<{ report: ReextractReport; changed: Article[] }> {
  const report: ReextractReport = { dryRun, checked: 0, changed: 0, unchanged: 0, skipped: 0, failed: [], articles: [] };
  const changed: Article[] = [];
  for (const item of await deps.sources.items(source.id, ["ingested", "held"])) {
    const page = await deps.sources.page(item.url);
    if (!page?.body || page.content !== "full") {
      report.skipped++;
      continue;
    }
    report.checked++;
    const charset = /;\s*charset="?([^";\s]+)/i.exec(page.contentType ?? "")?.[1];
    const result = await ingestPulledPage(
      deps.articles,
      { url: page.url, finalUrl: page.url, sourceHost: new URL(source.url).host, body: page.body, charset, lastModified: page.lastModified },
      { now: deps.now, permalinkBase: deps.permalinkBase, measure: deps.measure, dryRun },
    );
    if (!result.ok) {
      report.failed.push({ url: page.url, detail: result.detail });
      continue;
    }
    if (result.change === "unchanged") {
      report.unchanged++;
      continue;
    }
    report.changed++;
    report.articles.push({ url: page.url, articleId: result.article.id, change: result.change, differences: differences(result.previous, result.article) });
    if (!dryRun) changed.push(...(result.previous ? [result.previous, result.article] : [result.article]));
  }
  return { report, changed };
}

function differences(before: Article | undefined, after: Article): Difference[] {
  const out: Difference[] = [];
  for (const field of FIELDS) {
    const a = before?.[field];
    const b = after[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field, before: clip(a), after: clip(b) });
  }
  const photos = (article: Article | undefined) => article?.images.map((image) => image.url);
  if (JSON.stringify(photos(before)) !== JSON.stringify(photos(after))) out.push({ field: "images", before: photos(before), after: photos(after) });
  return out;
}

/** Long texts are shown by their start: the report is for reading. */
const clip = (value: unknown): unknown => (typeof value === "string" && value.length > 300 ? `${value.slice(0, 300)}…` : value);
