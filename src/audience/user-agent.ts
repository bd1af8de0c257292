/**
 * Who is fetching a feed, from its User-Agent alone (pure). Hosted readers fetch a feed once for all
 * their users and say how many in the User-Agent, in a few shapes:
 *   Feedly/1.0 (+http://www.feedly.com/fetcher.html; 16 subscribers; feed-id=…)
 *   Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 26 subscribers; )
 *   NewsBlur Feed Fetcher - 12 subscribers - https://www.newsblur.com/site/…
 *   Feedbin feed-id:1234 - 5 subscribers
 *   Mozilla/5.0 (compatible; theoldreader.com; 5 subscribers; feed-id=…)
 * plus "N readers" and "users N" variants. Anything else that is not a robot or an HTTP library is a
 * direct client (a desktop or mobile reader), counted as distinct clients per day elsewhere.
 */

export type FeedFetcher =
  | { kind: "aggregator"; aggregator: string; subscribers: number; feedId?: string }
  | { kind: "direct" }
  | { kind: "ignored" };

// Only this much of a header is read: no input may cost more than a few short regex scans.
const MAX_USER_AGENT = 512;
/** Larger counts are not believed (Feedly's biggest feeds report a few million). */
export const MAX_SUBSCRIBERS = 50_000_000;

// "12 subscribers", "1 subscriber", "7 readers", "3 users"; and "users 3" / "users: 3".
const COUNT_AFTER = /(?:^|[\s(;,-])(\d{1,9})\s+(?:subscribers?|readers?|users?)\b/i;
const COUNT_BEFORE = /\busers?\s*[:=]?\s*(\d{1,9})(?!\d)/i;
// Feedly and The Old Reader "feed-id=…", Feedbin "feed-id:…", Netvibes "feedID: …".
const FEED_ID = /\bfeed-?id\s*[=:]\s*([A-Za-z0-9][A-Za-z0-9_.:/+-]{0,99})/i;

/** Aggregators known by name, matched case-insensitively anywhere in the header; the leftmost wins. */
const KNOWN: readonly [RegExp, string][] = [
  [/feedly/i, "feedly"],
  [/inoreader/i, "inoreader"],
  [/newsblur/i, "newsblur"],
  [/feedbin/i, "feedbin"],
  [/theoldreader|the old reader/i, "theoldreader"],
  [/bazqux/i, "bazqux"],
  [/netvibes/i, "netvibes"],
  [/feedfetcher-google/i, "google"],
  [/feedspot/i, "feedspot"],
  [/feedwrangler|feed wrangler/i, "feedwrangler"],
  [/overcast/i, "overcast"],
];

// All of KNOWN in one pattern, so that a header naming none of them is scanned once, not once per name.
const KNOWN_ANY = new RegExp(KNOWN.map(([pattern]) => `(${pattern.source})`).join("|"), "i");

// Product tokens of browsers and engines: never the name of the reader that sent them.
const BROWSER_TOKENS = new Set(["mozilla", "applewebkit", "khtml", "gecko", "chrome", "safari", "version", "firefox", "mobile", "compatible"]);

// Robots, link previewers, monitors and bare HTTP libraries: they are not subscribers.
const NOT_A_READER = /bot\b|bot\/|crawl|spider|slurp|preview|monitor|uptime|pingdom|headless|lighthouse|^curl\/|^wget\/|python-requests|python-urllib|go-http-client|okhttp|axios|node-fetch|undici|^java\/|libwww|httpclient/i;

/** The first product token that is not a browser's: "Feedly/1.0 (…)" -> "feedly". */
function productName(ua: string): string | undefined {
  for (const m of ua.matchAll(/([A-Za-z][\w.-]{0,39})\/\d/g)) {
    const name = m[1]!.toLowerCase();
    if (!BROWSER_TOKENS.has(name)) return name;
  }
  const compatible = /compatible;\s*([A-Za-z][\w.-]{0,39})/i.exec(ua)?.[1]?.toLowerCase();
  if (compatible) return compatible;
  return /^([A-Za-z][\w.-]{0,39})/.exec(ua)?.[1]?.toLowerCase();
}

export function classifyUserAgent(header: string | undefined | null): FeedFetcher {
  if (!header) return { kind: "ignored" };
  const ua = header.length > MAX_USER_AGENT ? header.slice(0, MAX_USER_AGENT) : header;
  const match = KNOWN_ANY.exec(ua);
  const known = match ? KNOWN[match.slice(1).findIndex((group) => group !== undefined)]?.[1] : undefined;
  const count = COUNT_AFTER.exec(ua)?.[1] ?? COUNT_BEFORE.exec(ua)?.[1];
  if (count !== undefined) {
    const aggregator = known ?? productName(ua);
    if (aggregator === undefined) return { kind: "ignored" };
    const feedId = FEED_ID.exec(ua)?.[1];
    return { kind: "aggregator", aggregator, subscribers: Math.min(Number(count), MAX_SUBSCRIBERS), ...(feedId ? { feedId } : {}) };
  }
  // A hosted reader that gives no count (Feedly's "like FeedFetcher-Google" probes) is one fetch for
  // an unknown number of people: counting it as one direct client would be wrong either way.
  if (known !== undefined || NOT_A_READER.test(ua)) return { kind: "ignored" };
  return { kind: "direct" };
}
