import { formatIssues, type Issue } from "../model/index.ts";
// The committed profiles (hashes only). A PARTNERS binding (JSON text) replaces them: tests, or a
// deployment that keeps its partner list out of the repository.
import COMMITTED_PARTNERS from "../../config/partners.json";
import { PartnersFileSchema, type PartnerProfile } from "./schema.ts";

export type PartnersResult = { ok: true; partners: PartnerProfile[] } | { ok: false; issues: Issue[] };

// Parsed once per env object, like the site settings (src/config.ts).
const parsed = new WeakMap<object, PartnersResult>();

/** The partner profiles of this deployment, validated; a bad file is a list of issues, never a throw. */
export function loadPartners(env: { PARTNERS?: string | undefined }): PartnersResult {
  const cached = parsed.get(env);
  if (cached) return cached;
  const value = parsePartners(env.PARTNERS === undefined || env.PARTNERS.trim() === "" ? COMMITTED_PARTNERS : env.PARTNERS);
  if (!value.ok) console.error(`wirefeed: invalid partner profiles: ${value.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  parsed.set(env, value);
  return value;
}

/** Validates profiles given as JSON text or as an already-parsed value. */
export function parsePartners(source: unknown): PartnersResult {
  let data = source;
  if (typeof source === "string") {
    try {
      data = JSON.parse(source);
    } catch {
      return { ok: false, issues: [{ path: "PARTNERS", message: "is not valid JSON" }] };
    }
  }
  const result = PartnersFileSchema.safeParse(data);
  return result.success ? { ok: true, partners: result.data.partners } : { ok: false, issues: formatIssues(result.error.issues) };
}
