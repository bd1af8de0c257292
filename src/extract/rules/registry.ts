import { GENERIC_RULE } from "./generic.ts";
import type { Rule, RuleField, Source } from "./schema.ts";
import { RULE_FIELDS } from "./schema.ts";
import { KOREA_JOONGANG_DAILY_RULE } from "./sites/koreajoongangdaily.joins.com/rule.ts";

/**
 * Every site rule: one folder per host under rules/sites/<host>/, holding the rule (rule.ts, data
 * only), a saved page of the site (source.html) and the Article expected from it (expected.json);
 * tests/extract/site-rules.test.ts checks and runs every folder.
 */
export const SITE_RULES: readonly Rule[] = [KOREA_JOONGANG_DAILY_RULE];

export function findSiteRule(host: string | undefined): Rule | undefined {
  if (!host) return undefined;
  const bare = host.toLowerCase().replace(/^www\./, "");
  return SITE_RULES.find((rule) => rule.hosts.some((h) => bare === h || bare.endsWith(`.${h}`)));
}

/** A site rule's sources first, then the generic ones (duplicates dropped). */
export function effectiveRule(site: Rule | undefined): Rule {
  if (!site) return GENERIC_RULE;
  const fields: Rule["fields"] = {};
  for (const field of RULE_FIELDS) fields[field] = mergeSources(site.fields[field], GENERIC_RULE.fields[field]);
  return {
    name: site.name,
    hosts: site.hosts,
    fields,
    content: {
      selectors: [...(site.content?.selectors ?? []), ...(GENERIC_RULE.content?.selectors ?? [])],
      remove: [...(site.content?.remove ?? []), ...(GENERIC_RULE.content?.remove ?? [])],
    },
  };
}

function mergeSources(first: readonly Source[] = [], second: readonly Source[] = []): Source[] {
  const seen = new Set<string>();
  return [...first, ...second].filter((source) => {
    const key = JSON.stringify(source);
    return !seen.has(key) && seen.add(key);
  });
}

export type { RuleField };
