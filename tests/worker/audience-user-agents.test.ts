/**
 * User-Agent parsing over a table of real strings (as hosted readers and clients send them, from
 * public access logs and the readers' own documentation), in workerd.
 */
import { describe, expect, it } from "vitest";
import { classifyUserAgent, type FeedFetcher } from "../../src/audience/user-agent.ts";

const agg = (aggregator: string, subscribers: number, feedId?: string): FeedFetcher => ({ kind: "aggregator", aggregator, subscribers, ...(feedId ? { feedId } : {}) });
const DIRECT: FeedFetcher = { kind: "direct" };
const IGNORED: FeedFetcher = { kind: "ignored" };

const TABLE: [string, FeedFetcher][] = [
  // Hosted readers with a count.
  ["Feedly/1.0 (+http://www.feedly.com/fetcher.html; 16 subscribers; feed-id=6f3e1c2a-9b7d-4e1f-8a2b-1c3d5e7f9a0b)", agg("feedly", 16, "6f3e1c2a-9b7d-4e1f-8a2b-1c3d5e7f9a0b")],
  ["Feedly/1.0 (+http://www.feedly.com/fetcher.html; 50 subscribers; like FeedFetcher-Google)", agg("feedly", 50)],
  ["Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 26 subscribers; )", agg("inoreader", 26)],
  ["Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com; 4 subscribers)", agg("inoreader", 4)],
  ["NewsBlur Feed Fetcher - 12 subscribers - https://www.newsblur.com/site/1234/example (Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Safari/605.1.15)", agg("newsblur", 12)],
  ["NewsBlur Feed Fetcher - 1 subscriber - http://www.newsblur.com/site/0000000/webpage (Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Safari/605.1.15)", agg("newsblur", 1)],
  ["Feedbin feed-id:1234567 - 5 subscribers", agg("feedbin", 5, "1234567")],
  ["Mozilla/5.0 (compatible; theoldreader.com; 5 subscribers; feed-id=58b1e2f0a1b2c3d4e5f60718)", agg("theoldreader", 5, "58b1e2f0a1b2c3d4e5f60718")],
  ["Mozilla/5.0 (compatible; BazQux/2.4; +https://bazqux.com/fetcher; 3 subscribers)", agg("bazqux", 3)],
  ["Feedfetcher-Google; (+http://www.google.com/feedfetcher.html; 4 subscribers; feed-id=9048986372668769311)", agg("google", 4, "9048986372668769311")],
  ["Netvibes (http://www.netvibes.com/; 1 subscribers; feedID: 6639)", agg("netvibes", 1, "6639")],
  ["Overcast/1.0 Podcast Sync (1190 subscribers; feed-id=554901; +http://overcast.fm/)", agg("overcast", 1190, "554901")],
  // The "N readers" and "users N" shapes (these three strings are illustrative, written for this test,
  // not captured): a reader the table does not know is named by its product token.
  ["Bloglovin/1.0 (rss crawler; 7 readers)", agg("bloglovin", 7)],
  ["FeedHQ/1.0 (https://feedhq.org; users 42)", agg("feedhq", 42)],
  ["Mozilla/5.0 (compatible; Feeder/2.0; +https://feeder.co; 3 users)", agg("feeder", 3)],
  // Direct clients (desktop and mobile readers): no count.
  ["NetNewsWire (RSS Reader; https://netnewswire.com/)", DIRECT],
  ["Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_6_3; de-de) AppleWebKit/531.22.7 (KHTML, like Gecko) NetNewsWire/3.2.7", DIRECT],
  ["Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)", DIRECT],
  ["FreshRSS/1.23.1 (Linux; https://freshrss.org)", DIRECT],
  ["Tiny Tiny RSS/24.02 (https://tt-rss.org/)", DIRECT],
  ["Reeder/5.0 CFNetwork/1410.0.3 Darwin/22.6.0", DIRECT],
  ["Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0", DIRECT],
  // Hosted fetchers without a count, robots and HTTP libraries: not subscribers.
  ["Feedly/1.0 (+http://www.feedly.com/fetcher.html; like FeedFetcher-Google)", IGNORED],
  ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", IGNORED],
  ["Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", IGNORED],
  ["UptimeRobot/2.0; https://uptimerobot.com/", IGNORED],
  ["curl/8.5.0", IGNORED],
  ["python-requests/2.31.0", IGNORED],
  ["", IGNORED],
];

describe("classifyUserAgent", () => {
  it.each(TABLE)("%s", (ua, expected) => {
    expect(classifyUserAgent(ua)).toEqual(expected);
  });

  it("does not believe absurd counts and reads only the first 512 characters", () => {
    expect(classifyUserAgent("Feedly/1.0 (999999999 subscribers)")).toEqual(agg("feedly", 50_000_000));
    expect(classifyUserAgent(`NetNewsWire ${"x".repeat(100_000)} 5 subscribers`)).toEqual(DIRECT);
  });
});
