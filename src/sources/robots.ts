/**
 * robots.txt (RFC 9309): the rules of the group for our product token, else of `*`; the longest
 * matching path wins, `allow` on a tie (§2.2.2); `*` matches any run of characters and a trailing
 * `$` ends the path (§2.2.3).
 */
export type RobotsRules = { allow: string[]; disallow: string[] };

/** RFC 9309 §2.5: parsers must read at least 500 KiB; we read that much and no more. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

export function parseRobots(text: string, token: string): RobotsRules {
  const groups: { agents: string[]; rules: RobotsRules }[] = [];
  let current: { agents: string[]; rules: RobotsRules } | undefined;
  let lastWasAgent = false;
  for (const raw of text.slice(0, ROBOTS_MAX_BYTES).split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (key === "user-agent") {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: { allow: [], disallow: [] } };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current || value === "") continue; // an empty Disallow allows everything
    if (key === "allow") current.rules.allow.push(value);
    else if (key === "disallow") current.rules.disallow.push(value);
  }
  const own = groups.filter((g) => g.agents.some((a) => a === token.toLowerCase()));
  const chosen = own.length > 0 ? own : groups.filter((g) => g.agents.includes("*"));
  // §2.2.1: several groups for the same agent are combined.
  return { allow: chosen.flatMap((g) => g.rules.allow), disallow: chosen.flatMap((g) => g.rules.disallow) };
}

/** Whether the path (with its query) may be fetched under these rules. */
export function robotsAllow(rules: RobotsRules, url: string): boolean {
  const { pathname, search } = new URL(url);
  const path = pathname + search;
  const longest = (patterns: string[]) => Math.max(-1, ...patterns.filter((p) => matches(p, path)).map((p) => p.length));
  const allow = longest(rules.allow);
  const disallow = longest(rules.disallow);
  return disallow < 0 || allow >= disallow;
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split("*");
  // Plain substring walking, never a RegExp built from site text (no pattern can stall the CPU).
  if (!path.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    const found = last && anchored ? (path.endsWith(part) && path.length - part.length >= at ? path.length - part.length : -1) : path.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return !anchored || at === path.length;
}
