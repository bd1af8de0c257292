import type { SourceStore } from "../store/source-store.ts";
import { ROBOTS_TOKEN, type Outbound } from "./outbound.ts";
import { parseRobots, robotsAllow, ROBOTS_MAX_BYTES, type RobotsRules } from "./robots.ts";

/** RFC 9309 §2.4: a robots.txt may be cached, but not for more than 24 hours. */
const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;

export type RobotsVerdict = { ok: true; allowed: boolean } | { ok: false; detail: string };

// Parsed rules per origin, per isolate (D1 keeps the text for the other isolates).
const parsed = new Map<string, { fetchedAt: string; rules: RobotsRules }>();

/**
 * Whether robots.txt lets us fetch `url`. The file is read once a day per origin (cached in D1). A
 * missing file (4xx) allows everything (§2.3.1.3); an unreachable one (5xx, network) is
 * `ok: false`: the fetch waits and is retried, as §2.3.1.4 asks ("assume complete disallow").
 */
export async function robotsVerdict(deps: { sources: SourceStore; outbound: Outbound; now: string }, url: string): Promise<RobotsVerdict> {
  const origin = new URL(url).origin;
  const fresh = (fetchedAt: string) => Date.parse(deps.now) - Date.parse(fetchedAt) < ROBOTS_TTL_MS;
  let rules = parsed.get(origin);
  if (!rules || !fresh(rules.fetchedAt)) {
    const stored = await deps.sources.robots(origin);
    if (stored && fresh(stored.fetchedAt)) {
      rules = { fetchedAt: stored.fetchedAt, rules: parseRobots(stored.body, ROBOTS_TOKEN) };
    } else {
      const answer = await deps.outbound.fetch({ url: `${origin}/robots.txt`, timeoutMs: 10_000, maxBytes: ROBOTS_MAX_BYTES, maxRedirects: 5 });
      if (answer.ok && answer.status >= 500) return { ok: false, detail: `robots.txt answered ${answer.status}` };
      // A robots.txt over the cap is read up to the cap (§2.5), so too-large is not a failure.
      if (!answer.ok && answer.reason !== "too-large") return { ok: false, detail: `robots.txt unreachable: ${answer.detail}` };
      const body = answer.ok && answer.status < 300 ? new TextDecoder().decode(answer.body) : "";
      await deps.sources.putRobots(origin, deps.now, body);
      rules = { fetchedAt: deps.now, rules: parseRobots(body, ROBOTS_TOKEN) };
    }
    parsed.set(origin, rules);
  }
  return { ok: true, allowed: robotsAllow(rules.rules, url) };
}

/** Forget the isolate's parsed robots.txt (tests start from D1 alone). */
export const forgetRobots = (): void => parsed.clear();
