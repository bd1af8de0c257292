import { sha256Hex } from "../ingest/index.ts";
import { formatIssues, type Issue } from "../model/index.ts";
import type { SourceStore } from "../store/source-store.ts";
import { checkSourceUrl, DEFAULT_EVERY_MINUTES, SourcesFileSchema, type SourceInput, type SourcePatch } from "./schema.ts";
import type { ItemCounts, Source, SourceItem, SourceOrigin } from "./types.ts";

/** A readable, stable id from the URL: its host and a short hash (the same URL is the same source). */
export async function sourceIdOf(url: string): Promise<string> {
  const host = new URL(url).hostname.replace(/^www\./, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 40);
  return `${host || "source"}-${(await sha256Hex(url)).slice(0, 8)}`;
}

export type NewSource = { ok: true; source: Source } | { ok: false; issues: Issue[] };

/** A source from its input, due at once. */
export async function newSource(input: SourceInput, origin: SourceOrigin, now: string): Promise<NewSource> {
  const checked = checkSourceUrl(input.url);
  if (!checked.ok) return { ok: false, issues: [{ path: "url", message: checked.message }] };
  return {
    ok: true,
    source: {
      id: await sourceIdOf(checked.url),
      url: checked.url,
      kind: input.kind,
      declaredKind: input.kind,
      everyMinutes: input.everyMinutes ?? DEFAULT_EVERY_MINUTES,
      retractRemoved: input.retractRemoved ?? false,
      linkPrefix: input.linkPrefix,
      origin,
      createdAt: now,
      etag: undefined,
      lastModified: undefined,
      failures: 0,
      nextDueAt: now,
      lastPolledAt: undefined,
      lastStatus: undefined,
      lastError: undefined,
      children: {},
    },
  };
}

/** A source with a patch applied; a new kind or link prefix forgets the listing's validators (it is read anew). */
export function patchSource(source: Source, patch: SourcePatch): Source {
  const rereads = (patch.kind !== undefined && patch.kind !== source.declaredKind) || (patch.linkPrefix !== undefined && (patch.linkPrefix ?? undefined) !== source.linkPrefix);
  return {
    ...source,
    ...(patch.kind !== undefined ? { kind: patch.kind, declaredKind: patch.kind } : {}),
    ...(patch.everyMinutes !== undefined ? { everyMinutes: patch.everyMinutes } : {}),
    ...(patch.retractRemoved !== undefined ? { retractRemoved: patch.retractRemoved } : {}),
    ...(patch.linkPrefix !== undefined ? { linkPrefix: patch.linkPrefix ?? undefined } : {}),
    ...(rereads ? { etag: undefined, lastModified: undefined } : {}),
  };
}

export type SourcesFileResult = { ok: true; sources: SourceInput[] } | { ok: false; issues: Issue[] };

/** config/sources.json, validated like the partner profiles. */
export function parseSourcesFile(data: unknown): SourcesFileResult {
  const result = SourcesFileSchema.safeParse(data);
  if (!result.success) return { ok: false, issues: formatIssues(result.error.issues) };
  const issues = result.data.sources.flatMap((s, i) => {
    const checked = checkSourceUrl(s.url);
    return checked.ok ? [] : [{ path: `sources.${i}.url`, message: checked.message }];
  });
  return issues.length ? { ok: false, issues } : { ok: true, sources: result.data.sources };
}

/** Adds the configured sources that are not stored yet (an operator's later PATCH is kept). */
export async function addConfiguredSources(store: SourceStore, inputs: readonly SourceInput[], now: string): Promise<number> {
  let added = 0;
  for (const input of inputs) {
    const made = await newSource(input, "config", now);
    if (made.ok && (await store.create(made.source))) added++;
  }
  return added;
}

/** What the operator sees of a source (GET /api/sources). */
export function sourceView(source: Source, counts: ItemCounts) {
  return {
    id: source.id,
    url: source.url,
    kind: source.kind ?? null,
    everyMinutes: source.everyMinutes,
    retractRemoved: source.retractRemoved,
    ...(source.linkPrefix ? { linkPrefix: source.linkPrefix } : {}),
    origin: source.origin,
    createdAt: source.createdAt,
    lastPoll: source.lastPolledAt ? { at: source.lastPolledAt, status: source.lastStatus, ...(source.lastError ? { error: source.lastError } : {}) } : null,
    failures: source.failures,
    nextPollAt: source.nextDueAt,
    items: {
      found: counts.queued + counts.ingested + counts.teaser + counts.held + counts.dead,
      ingested: counts.ingested,
      teaserOnly: counts.teaser,
      queued: counts.queued,
      held: counts.held,
      dead: counts.dead,
      removed: counts.removed,
    },
  };
}

/** One item for the operator: where it stands and why. */
export const itemView = (item: SourceItem) => ({
  url: item.url,
  state: item.state,
  ...(item.reason ? { reason: item.reason } : {}),
  ...(item.articleId ? { articleId: item.articleId } : {}),
  attempts: item.attempts,
  firstSeenAt: item.firstSeenAt,
  lastSeenAt: item.lastSeenAt,
  ...(item.marker ? { marker: item.marker } : {}),
});
