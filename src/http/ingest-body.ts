import * as z from "zod/mini";
import type { IngestSource } from "../ingest/index.ts";
import { readBodyBytes, readJsonBody } from "./body.ts";
import { ProblemError } from "./problems.ts";

/** Largest article body the API takes (a whole 5 MB news page fits); refused with 413 while streaming. */
export const INGEST_MAX_BYTES = 5 * 1024 * 1024;

const RAW_TYPES: Record<string, IngestSource["contentType"]> = {
  "text/html": "text/html",
  "application/xhtml+xml": "text/html",
  "text/markdown": "text/markdown",
  "text/x-markdown": "text/markdown",
};

const httpUrl = z.url({ protocol: /^https?$/ });
const JsonBodySchema = z
  .object({ html: z.optional(z.string()), markdown: z.optional(z.string()), url: z.optional(httpUrl) })
  .check(z.refine((b) => (b.html === undefined) !== (b.markdown === undefined), { message: "give exactly one of html and markdown" }));

/**
 * The article in a POST/PUT body: `text/html` or `text/markdown` bytes (charset from Content-Type,
 * source URL from `?url=`), or JSON `{ html | markdown, url? }`. Every refusal is a problem: 415 for
 * another type, 400 for malformed JSON or a bad url, 422 for JSON of the wrong shape.
 */
export async function readIngestSource(request: Request): Promise<IngestSource> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const [mediaType = "", ...params] = contentType.toLowerCase().split(";").map((p) => p.trim());
  const charset = params.map((p) => /^charset="?([^";]+)"?$/.exec(p)?.[1]).find(Boolean);
  const queryUrl = new URL(request.url).searchParams.get("url") ?? undefined;
  if (queryUrl !== undefined && !httpUrl.safeParse(queryUrl).success) {
    throw new ProblemError({ status: 400, title: "Bad Request", detail: `url must be an absolute http(s) URL; got "${queryUrl}".` });
  }

  const raw = RAW_TYPES[mediaType];
  if (raw) {
    const body = await readBodyBytes(request, INGEST_MAX_BYTES);
    return { body, contentType: raw, ...(queryUrl ? { url: queryUrl } : {}), ...(charset ? { charset } : {}) };
  }
  if (mediaType === "application/json") {
    const { html, markdown, url } = await readJsonBody(
      request,
      INGEST_MAX_BYTES,
      JsonBodySchema,
      'A JSON body is { "html": "…" } or { "markdown": "…" }, with an optional "url".',
    );
    const sourceUrl = url ?? queryUrl;
    return html !== undefined
      ? { body: html, contentType: "text/html", ...(sourceUrl ? { url: sourceUrl } : {}) }
      : { body: markdown ?? "", contentType: "text/markdown", ...(sourceUrl ? { url: sourceUrl } : {}) };
  }
  throw new ProblemError({
    status: 415,
    title: "Unsupported Media Type",
    detail: `Send text/html, text/markdown or application/json; got "${contentType || "no Content-Type"}".`,
  });
}
