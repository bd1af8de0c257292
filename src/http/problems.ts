import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Config } from "../config.ts";
import type { Issue } from "../model/index.ts";
import { prefersHtml } from "./accept.ts";
import { errorPage } from "./pages/error-page.ts";

/** RFC 9457 problem details. `type` stays "about:blank" (§4.2.1): the status and title say it all. */
export type Problem = {
  status: ContentfulStatusCode;
  title: string;
  detail: string;
  /** Extension member (§3.2): the individual reasons, with the field each concerns. */
  errors?: Issue[];
};

/** Expected failures travel as this exception and are mapped to a response once, in app.onError. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

/** Types a client asking for a problem may name; a browser ranks text/html above them. */
const PROBLEM_TYPES = ["application/problem+json", "application/json"];

/**
 * The problem as JSON, or as a page for a browser (Accept prefers text/html to JSON): the same
 * status and headers either way, and `Vary: Accept` since the body depends on it.
 */
export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  const all = { "Cache-Control": "no-store", Vary: "Accept", ...headers };
  if (prefersHtml(c.req.header("Accept"), PROBLEM_TYPES)) {
    return errorPage(c.get("config") as Config | undefined, problem, new URL(c.req.url).pathname, all);
  }
  const body = {
    type: "about:blank",
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: new URL(c.req.url).pathname,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return c.body(JSON.stringify(body, null, 2), problem.status, { "Content-Type": "application/problem+json; charset=utf-8", ...all });
}

export const notFound = (detail: string): ProblemError => new ProblemError({ status: 404, title: "Not Found", detail });
