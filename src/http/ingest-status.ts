/**
 * The one place where ingest reasons (src/ingest/pipeline.ts) become HTTP statuses: the ingest
 * speaks of what happened to the article, the API of what that means for the request.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Accepted, IngestReason, Refused } from "../ingest/index.ts";
import { ProblemError } from "./problems.ts";

const STATUSES: Readonly<Record<IngestReason, { status: ContentfulStatusCode; title: string }>> = {
  created: { status: 201, title: "Created" },
  updated: { status: 200, title: "OK" },
  unchanged: { status: 200, title: "OK" },
  invalid: { status: 422, title: "Unprocessable Content" },
  conflict: { status: 409, title: "Conflict" },
  retracted: { status: 410, title: "Gone" },
  "too-large": { status: 413, title: "Content Too Large" },
};

/** 201 for a new article, 200 for an update or a match. */
export const acceptedStatus = (outcome: Accepted): ContentfulStatusCode => STATUSES[outcome.reason].status;

/** The RFC 9457 problem of a refused ingest, with its reasons in `errors`. */
export function refusedProblem(outcome: Refused): ProblemError {
  const { status, title } = STATUSES[outcome.reason];
  return new ProblemError({ status, title, detail: outcome.detail, errors: outcome.issues });
}
