/**
 * The one ingest pipeline: plan -> measure -> write, for every way an article arrives (the API, the
 * articles/ folder, pulled pages). Callers extract and decide the article's id and identity; this
 * decides what storing it means and does it. It answers reasons, never HTTP statuses: http/ maps
 * them (http/ingest-status.ts).
 */
import { ArticleSchema, type Article, type Image, type Issue } from "../model/index.ts";
import { UrlConflictError, type ArticleOrigin, type ArticleStore, type StoredArticle, type Upsert, type UpsertOutcome } from "../store/index.ts";
import { needsMeasuring, planUpsert, reuseMeasurements } from "./upsert.ts";

/** Measures photos (byte size, type, dimensions); `undefined` skips measuring. A parameter: the caller owns the network. */
export type MeasureImages = ((images: readonly Image[]) => Promise<Image[]>) | undefined;

/** Stored, or found already stored. `previous` is the version it replaced (its feeds changed too). */
export type Accepted = { ok: true; reason: "created" | "updated" | "unchanged"; article: Article; previous?: Article };

/**
 * Not stored, and nothing changed:
 * - `invalid`: no article could be made of the input;
 * - `conflict`: the article's URL or id belongs to another article, or a version of it is there
 *   that this ingest may not replace;
 * - `retracted`: the article was retracted, and this ingest does not republish it;
 * - `too-large`: the article would exceed a size limit.
 */
export type Refused = { ok: false; reason: "invalid" | "conflict" | "retracted" | "too-large"; detail: string; issues: Issue[] };

export type IngestOutcome = Accepted | Refused;
export type IngestReason = IngestOutcome["reason"];

/** An extracted article under its final id and URL. */
export type Candidate = {
  article: Article;
  /** The source gave no date: the article keeps the time of its first ingest. */
  datedByIngest: boolean;
};

export type PipelineOptions = {
  /** Where the article comes from; an existing article keeps its own. */
  origin: ArticleOrigin;
  now: string;
  measure: MeasureImages;
  /** Bring back a retracted article (retractions are deliberate: an ordinary update never undoes one). */
  republish: boolean;
  /** false: only create the article or find it unchanged, never replace another version of it. */
  replace?: boolean;
};

/** A planned and measured write, ready to go to the store alone or in a batch. */
export type PlannedWrite = { ok: true; reason: "created" | "updated"; upsert: Upsert; previous?: Article };
export type Plan = PlannedWrite | Accepted | Refused;

export const refused = (reason: Refused["reason"], detail: string, issues: Issue[]): Refused => ({ ok: false, reason, detail, issues });

/**
 * Plan and measure: what storing `candidate` over `existing` (what its id holds) would do, with its
 * photos measured when it is to be written (reusing the stored measurements).
 */
export async function planWrite(candidate: Candidate, existing: StoredArticle | undefined, options: PipelineOptions): Promise<Plan> {
  const { id } = candidate.article;
  if (existing?.status === "retracted" && !options.republish) {
    return refused("retracted", `The article "${id}" was retracted; to publish it again, PUT /api/articles/${id}?republish=true.`, [{ path: "id", message: "retracted" }]);
  }
  const plan = await planUpsert(candidate.article, existing, {
    origin: existing?.origin ?? options.origin,
    now: options.now,
    datedByIngest: candidate.datedByIngest,
  });
  if (plan.change === "unchanged") return { ok: true, reason: "unchanged", article: plan.stored.article };
  if (existing && options.replace === false) return cannotReplace(candidate.article);
  let images = reuseMeasurements(plan.stored.article.images, existing?.article.images);
  if (options.measure && needsMeasuring(images)) images = await options.measure(images);
  const article = ArticleSchema.parse({ ...plan.stored.article, images });
  const upsert: Upsert = { ...plan.stored, article, republish: options.republish, ...(options.replace === false ? { replace: false } : {}) };
  return { ok: true, reason: plan.change, upsert, ...(existing ? { previous: existing.article } : {}) };
}

/**
 * Write: the planned writes in one transaction, with what each did as the store decided it there
 * (not as planned: another writer may have come first). Returns one outcome per write, in order.
 */
export async function writePlanned(store: ArticleStore, writes: readonly PlannedWrite[], retractions: string[] = []): Promise<IngestOutcome[]> {
  const outcomes = await store.write({ upserts: writes.map((w) => w.upsert), retractions });
  return writes.map((write, i) => outcomeOf(write, outcomes[i]!));
}

/** Plan, measure and write one article: the API's and pulled pages' ingest. */
export async function ingestCandidate(store: ArticleStore, candidate: Candidate, options: PipelineOptions): Promise<IngestOutcome> {
  const plan = await planWrite(candidate, await store.get(candidate.article.id), options);
  if (!plan.ok || !("upsert" in plan)) return plan;
  try {
    return (await writePlanned(store, [plan]))[0]!;
  } catch (error) {
    if (!(error instanceof UrlConflictError)) throw error;
    return refused("conflict", `Another article took the URL ${error.url} at the same time.`, [{ path: "url", message: "taken" }]);
  }
}

function outcomeOf(write: PlannedWrite, outcome: UpsertOutcome): IngestOutcome {
  const { article } = write.upsert;
  switch (outcome) {
    case "created":
      return { ok: true, reason: "created", article };
    case "updated":
      return { ok: true, reason: "updated", article, ...(write.previous ? { previous: write.previous } : {}) };
    case "unchanged":
      return { ok: true, reason: "unchanged", article };
    case "retracted":
      return refused("retracted", `The article "${article.id}" was retracted meanwhile; nothing was written.`, [{ path: "id", message: "retracted" }]);
    case "kept":
      return cannotReplace(article);
  }
}

const cannotReplace = (article: Article): Refused =>
  refused(
    "conflict",
    `An article with the id "${article.id}" already exists, and this ingest may not replace it: ${article.url} is not on a publisher host this service trusts (PUBLISHER_HOSTS), so a page naming it as canonical URL cannot stand for that article. Send the article's URL with the request, or use PUT /api/articles/${article.id}.`,
    [{ path: "url", message: "canonical URL on an untrusted host names an existing article" }],
  );
