import type { SourceKind, Teaser } from "./schema.ts";

export type SourceOrigin = "api" | "config";

/** A source as stored: its settings and its polling state. */
export type Source = {
  id: string;
  url: string;
  /** Detected (or declared) kind; undefined until the first successful poll of an undeclared source. */
  kind: SourceKind | undefined;
  declaredKind: SourceKind | undefined;
  everyMinutes: number;
  retractRemoved: boolean;
  linkPrefix: string | undefined;
  origin: SourceOrigin;
  createdAt: string;
  etag: string | undefined;
  lastModified: string | undefined;
  failures: number;
  nextDueAt: string;
  lastPolledAt: string | undefined;
  lastStatus: "ok" | "not-modified" | "failed" | undefined;
  lastError: string | undefined;
  /** Sitemap index: the lastmod last seen of each sitemap it names. */
  children: Record<string, string>;
};

export type ItemState = "queued" | "ingested" | "teaser" | "held" | "dead" | "removed";

/** Per-URL memory of a source. */
export type SourceItem = {
  sourceId: string;
  url: string;
  firstSeenAt: string;
  lastSeenAt: string;
  marker: string | undefined;
  teaser: Teaser | undefined;
  state: ItemState;
  reason: string | undefined;
  attempts: number;
  articleId: string | undefined;
};

export type ItemCounts = Record<ItemState, number>;

/** The last fetch of a page, shared by every source that lists it. */
export type PulledPage = {
  url: string;
  fetchedAt: string;
  etag: string | undefined;
  lastModified: string | undefined;
  contentType: string | undefined;
  bodySha256: string;
  /** The raw bytes, when kept (see RAW_PAGE_MAX_BYTES). */
  body: Uint8Array | undefined;
  articleId: string | undefined;
  content: "full" | "teaser" | undefined;
};
