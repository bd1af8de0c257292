import type * as z from "zod/mini";

/** One reason a value was refused, with the field path it concerns (RFC 9457 extension member). */
export type Issue = { path: string; message: string };

/** Turn zod issues into readable `{ path, message }` pairs (zod/mini's own messages are terse). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: describe(issue),
  }));
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== "Invalid input") return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "invalid_format":
      return `not a valid ${issue.format}`;
    case "too_small":
      return issue.origin === "string" ? `must have at least ${issue.minimum} character(s)` : `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must have at most ${issue.maximum} character(s)`;
      return issue.origin === "array" ? `must have at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown key(s): ${issue.keys.join(", ")}`;
    default:
      return issue.code;
  }
}
