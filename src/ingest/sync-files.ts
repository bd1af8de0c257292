import { extractArticle } from "../extract/index.ts";
import type { Article, Image, Issue } from "../model/index.ts";
import type { ArticleStore, Upsert } from "../store/index.ts";
import { needsMeasuring, planUpsert, reuseMeasurements } from "./upsert.ts";

export type SourceFile = { name: string; content: string };

export type SyncReport = {
  created: string[];
  updated: string[];
  unchanged: string[];
  retracted: string[];
  failed: { name: string; issues: Issue[] }[];
};

/** Measures photos (byte size, type, dimensions); `undefined` skips measuring. */
export type MeasureImages = ((images: readonly Image[]) => Promise<Image[]>) | undefined;

/** `.html` pages take the HTML path; `.md` and `.txt` (the sample's form) are Markdown. */
const CONTENT_TYPES: Record<string, "text/html" | "text/markdown"> = {
  html: "text/html",
  htm: "text/html",
  md: "text/markdown",
  markdown: "text/markdown",
  txt: "text/markdown",
};

/** The article id of a file: its name without the extension, limited to URL-safe characters. */
export function fileArticleId(name: string): string {
  return name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[-_]+/, "").slice(0, 128);
}

/**
 * Brings the store in line with the articles/ folder: new and changed files are ingested, unchanged
 * ones left alone, and published file articles whose file is gone are retracted. A file that yields
 * no article is reported and its previous version (if any) kept. Everything is written in one batch.
 */
export async function syncFiles(
  store: ArticleStore,
  files: readonly SourceFile[],
  options: { now: string; permalinkBase: string; measure: MeasureImages },
): Promise<{ report: SyncReport; changed: Article[] }> {
  const report: SyncReport = { created: [], updated: [], unchanged: [], retracted: [], failed: [] };
  const upserts: Upsert[] = [];
  const previousVersions: Article[] = [];
  const seen = new Map<string, string>(); // id -> file name
  const urls = new Map<string, string>(); // canonical url -> id, within this sync
  // Ids this folder still has: a file article not among them is retracted by this very sync, so the
  // URL it holds is free for another file (a renamed file keeps its article's URL).
  const folderIds = new Set(files.map((file) => fileArticleId(file.name)));

  for (const file of files) {
    const fail = (message: string, path = "file") => report.failed.push({ name: file.name, issues: [{ path, message }] });
    const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
    const contentType = CONTENT_TYPES[ext];
    const id = fileArticleId(file.name);
    if (!contentType) {
      fail(`unsupported file type ".${ext}": use .html, .md or .txt`);
      continue;
    }
    if (!id) {
      fail("the file name gives no usable article id");
      continue;
    }
    if (seen.has(id)) {
      fail(`gives the same article id "${id}" as ${seen.get(id)}`);
      continue;
    }
    seen.set(id, file.name);

    const existing = await store.get(id);
    const result = extractArticle(file.content, { id, contentType, now: options.now, permalinkBase: options.permalinkBase });
    if (!result.ok) {
      report.failed.push({ name: file.name, issues: result.issues });
      continue;
    }
    const owner = urls.get(result.article.url) ?? (await leavingOwner(store, result.article.url, folderIds));
    if (owner && owner !== id) {
      fail(`its canonical URL ${result.article.url} already belongs to article "${owner}"`, "url");
      continue;
    }
    urls.set(result.article.url, id);

    const plan = await planUpsert(result.article, existing, {
      origin: "file",
      now: options.now,
      datedByIngest: result.sources.publishedAt === "ingest-time",
    });
    if (plan.change === "unchanged") {
      report.unchanged.push(id);
      continue;
    }
    let images = reuseMeasurements(plan.stored.article.images, existing?.article.images);
    if (options.measure && needsMeasuring(images)) images = await options.measure(images);
    // The folder is the source of truth for its files: a file that is there is published.
    upserts.push({ ...plan.stored, article: { ...plan.stored.article, images }, republish: true });
    // The feeds an updated article leaves changed too (a new section, a dropped tag).
    if (existing) previousVersions.push(existing.article);
    report[plan.change].push(id);
  }

  const present = new Set(seen.keys());
  const changed = [...upserts.map((u) => u.article), ...previousVersions];
  for (const id of await store.listPublishedIds("file")) {
    if (present.has(id)) continue;
    report.retracted.push(id);
    const gone = await store.get(id);
    if (gone) changed.push(gone.article);
  }
  await store.write({ upserts, retractions: report.retracted });
  return { report, changed };
}

/** The published article holding `url`, unless it is a file article this sync retracts. */
async function leavingOwner(store: ArticleStore, url: string, folderIds: ReadonlySet<string>): Promise<string | undefined> {
  const owner = await store.findIdByUrl(url);
  if (!owner || folderIds.has(owner)) return owner;
  return (await store.get(owner))?.origin === "file" ? undefined : owner;
}
