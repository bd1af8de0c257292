import { extractArticle } from "../extract/index.ts";
import type { Article, Issue } from "../model/index.ts";
import type { ArticleStore } from "../store/index.ts";
import { fileArticleId, fileContentType, fileExtension } from "./article-files.ts";
import { planWrite, writePlanned, type MeasureImages, type Plan, type PlannedWrite } from "./pipeline.ts";

export type SourceFile = { name: string; content: string };

export type SyncReport = {
  created: string[];
  updated: string[];
  unchanged: string[];
  retracted: string[];
  failed: { name: string; issues: Issue[] }[];
};

type SyncOptions = { now: string; permalinkBase: string; measure: MeasureImages };

/**
 * Brings the store in line with the articles/ folder: new and changed files are ingested, unchanged
 * ones left alone, and published file articles whose file is gone are retracted. A file that yields
 * no article is reported and its previous version (if any) kept. Everything is written in one batch.
 */
export async function syncFiles(store: ArticleStore, files: readonly SourceFile[], options: SyncOptions): Promise<{ report: SyncReport; changed: Article[] }> {
  const report: SyncReport = { created: [], updated: [], unchanged: [], retracted: [], failed: [] };
  const writes: PlannedWrite[] = [];
  const seen = new Map<string, string>(); // id -> file name
  const folder: Folder = {
    urls: new Map(),
    // Ids this folder still has: a file article not among them is retracted by this very sync, so the
    // URL it holds is free for another file (a renamed file keeps its article's URL).
    ids: new Set(files.map((file) => fileArticleId(file.name))),
  };

  for (const file of files) {
    const fail = (message: string, path = "file") => report.failed.push({ name: file.name, issues: [{ path, message }] });
    const contentType = fileContentType(file.name);
    const id = fileArticleId(file.name);
    if (!contentType) {
      fail(`unsupported file type ".${fileExtension(file.name)}": use .html, .md or .txt`);
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
    let plan: Plan;
    try {
      plan = await planFile(store, file, id, contentType, folder, options);
    } catch (error) {
      // One bad file must not cost the others their sync: it is reported, and its old version kept.
      fail(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!plan.ok) report.failed.push({ name: file.name, issues: plan.issues });
    else if ("upsert" in plan) writes.push(plan);
    else report.unchanged.push(id);
  }

  const present = new Set(seen.keys());
  const gone: Article[] = [];
  for (const id of await store.listPublishedIds("file")) {
    if (present.has(id)) continue;
    report.retracted.push(id);
    const stored = await store.get(id);
    if (stored) gone.push(stored.article);
  }
  const outcomes = await writePlanned(store, writes, report.retracted);
  const written: Article[] = [];
  // The feeds an updated article leaves changed too (a new section, a dropped tag).
  const previousVersions: Article[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const { id } = writes[i]!.upsert.article;
    if (!outcome.ok) {
      report.failed.push({ name: seen.get(id)!, issues: outcome.issues });
      continue;
    }
    report[outcome.reason].push(id);
    if (outcome.reason === "unchanged") continue;
    written.push(outcome.article);
    if (outcome.previous) previousVersions.push(outcome.previous);
  }
  const changed = [...written, ...previousVersions, ...gone];
  return { report, changed };
}

type Folder = { urls: Map<string, string>; ids: ReadonlySet<string> };

/** One file's article, checked against the URLs of the folder and the store, planned and measured. */
async function planFile(store: ArticleStore, file: SourceFile, id: string, contentType: "text/html" | "text/markdown", folder: Folder, options: SyncOptions): Promise<Plan> {
  const existing = await store.get(id);
  const result = extractArticle(file.content, { id, contentType, now: options.now, permalinkBase: options.permalinkBase });
  if (!result.ok) return { ok: false, reason: "invalid", detail: "No article could be extracted from the file.", issues: result.issues };
  const { url } = result.article;
  const owner = folder.urls.get(url) ?? (await leavingOwner(store, url, folder.ids));
  if (owner && owner !== id) {
    return { ok: false, reason: "conflict", detail: "", issues: [{ path: "url", message: `its canonical URL ${url} already belongs to article "${owner}"` }] };
  }
  folder.urls.set(url, id);
  // The folder is the source of truth for its files: a file that is there is published.
  return planWrite({ article: result.article, datedByIngest: result.sources.publishedAt === "ingest-time" }, existing, {
    origin: "file",
    now: options.now,
    measure: options.measure,
    republish: true,
  });
}

/** The published article holding `url`, unless it is a file article this sync retracts. */
async function leavingOwner(store: ArticleStore, url: string, folderIds: ReadonlySet<string>): Promise<string | undefined> {
  const holder = await store.findIdByUrl(url);
  if (!holder || folderIds.has(holder)) return holder;
  return (await store.get(holder))?.origin === "file" ? undefined : holder;
}
