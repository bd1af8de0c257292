import { extractArticle } from "../extract/index.ts";
import type { Article, Issue } from "../model/index.ts";
import type { ArticleStore, StoredArticle } from "../store/index.ts";
import { sha256Hex } from "./hash.ts";

export type SourceFile = { name: string; content: string };

export type SyncReport = {
  created: string[];
  updated: string[];
  unchanged: string[];
  retracted: string[];
  failed: { name: string; issues: Issue[] }[];
};

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
  options: { now: string; permalinkBase: string },
): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], unchanged: [], retracted: [], failed: [] };
  const upserts: StoredArticle[] = [];
  const seen = new Map<string, string>(); // id -> file name
  const urls = new Map<string, string>(); // canonical url -> id, within this sync

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
    // The ingest time is stored once: re-extracting an undated article gives it the same date again.
    const firstIngestedAt = existing?.firstIngestedAt ?? options.now;
    const result = extractArticle(file.content, { id, contentType, now: firstIngestedAt, permalinkBase: options.permalinkBase });
    if (!result.ok) {
      report.failed.push({ name: file.name, issues: result.issues });
      continue;
    }
    const article = result.article;
    const owner = urls.get(article.url) ?? (await store.findIdByUrl(article.url));
    if (owner && owner !== id) {
      fail(`its canonical URL ${article.url} already belongs to article "${owner}"`, "url");
      continue;
    }
    urls.set(article.url, id);

    const contentHash = await hashContent(article);
    if (existing && existing.status === "published" && existing.contentHash === contentHash) {
      report.unchanged.push(id);
      continue;
    }
    upserts.push({
      article: existing ? withChangeTime(article, existing, options.now) : article,
      origin: "file",
      status: "published",
      contentHash,
      firstIngestedAt,
    });
    (existing ? report.updated : report.created).push(id);
  }

  const present = new Set(seen.keys());
  for (const id of await store.listPublishedIds("file")) {
    if (!present.has(id)) report.retracted.push(id);
  }
  await store.write({ upserts, retractions: report.retracted });
  return report;
}

/** What identifies a version of an article: everything but updatedAt, which this function decides. */
function hashContent(article: Article): Promise<string> {
  const { updatedAt: _updatedAt, ...content } = article;
  return sha256Hex(JSON.stringify(content));
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
