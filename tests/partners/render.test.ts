import { describe, expect, it } from "vitest";
import { applyPartnerRules, renderPartnerFeed } from "../../src/partners/index.ts";
import { FEED_FORMATS } from "../../src/model/index.ts";
import { childNamed, childText, childrenNamed, parseXmlStrict } from "../tools/strict-xml.ts";
import { describeFeedparserAvailability, feedparserMissing, readWithFeedparser } from "../tools/feedparser.ts";
import { decodeStrict } from "../tools/render-text.ts";
import { CONFIG, article, photo, profile } from "./fixtures.ts";

/** renderPartnerFeed, with its bytes also read as text (strictly: invalid UTF-8 fails the test). */
function partnerFeed(...args: Parameters<typeof renderPartnerFeed>) {
  const rendered = renderPartnerFeed(...args);
  return { ...rendered, body: decodeStrict(rendered.bytes) };
}

const WEBFEEDS = { icon: "https://alpha.example/icon.svg", logo: "https://alpha.example/logo.svg", cover: "https://alpha.example/cover.jpg", accentColor: "0B57D0" };
const ALPHA = profile({ minImageWidth: 600, minImageHeight: 300, requireImage: true, webfeeds: WEBFEEDS });
const CANDIDATES = [3, 2, 1].map((n) => article(n));
const selected = () => applyPartnerRules(CANDIDATES, ALPHA).articles;

describe("partner feeds, rendered by the pure renderers", () => {
  it("RSS: well-formed, webfeeds declared and written, plain titles, the passing lead as the enclosure, no key", () => {
    const { body } = partnerFeed("rss", CONFIG, ALPHA, selected());
    const rss = parseXmlStrict(body);
    expect(rss.attributes["xmlns:webfeeds"]).toBe("http://webfeeds.org/rss/1.0");
    const channel = childNamed(rss, "channel");
    expect(childNamed(channel, "webfeeds:cover").attributes["image"]).toBe(WEBFEEDS.cover);
    expect(childText(channel, "webfeeds:icon")).toBe(WEBFEEDS.icon);
    expect(childText(channel, "webfeeds:logo")).toBe(WEBFEEDS.logo);
    expect(childText(channel, "webfeeds:accentColor")).toBe("0B57D0");
    expect(childNamed(channel, "atom:link").attributes["href"]).toBe("https://wire.example/partners/alpha/feed.xml");
    const item = childrenNamed(channel, "item")[0]!;
    expect(childNamed(item, "enclosure").attributes).toMatchObject({ url: "https://img.example/a3-lead.jpg", type: "image/jpeg" });
    // The 300x200 photo is below the minimum: not in media:content, not in the body.
    expect(childrenNamed(item, "media:content").map((m) => m.attributes["url"])).toEqual(["https://img.example/a3-lead.jpg"]);
    expect(childText(item, "content:encoded")).toContain('<span class="credit" itemprop="copyrightHolder">YONHAP</span>');
    expect(childText(item, "content:encoded")).not.toContain("a3-small");
    expect(body).not.toMatch(/[?&]key=/);
  });

  it("Atom and JSON Feed carry the same rules; JSON Feed has _webfeeds", () => {
    const atom = parseXmlStrict(partnerFeed("atom", CONFIG, ALPHA, selected()).body);
    expect(atom.attributes["xmlns:webfeeds"]).toBe("http://webfeeds.org/rss/1.0");
    expect(childText(atom, "webfeeds:accentColor")).toBe("0B57D0");
    const entry = childrenNamed(atom, "entry")[0]!;
    expect(childrenNamed(entry, "link").filter((l) => l.attributes["rel"] === "enclosure").map((l) => l.attributes["href"])).toEqual(["https://img.example/a3-lead.jpg"]);
    const json = JSON.parse(partnerFeed("json", CONFIG, ALPHA, selected()).body);
    expect(json.feed_url).toBe("https://wire.example/partners/alpha/feed.json");
    expect(json._webfeeds).toEqual(WEBFEEDS);
    expect(json.items[0].image).toBe("https://img.example/a3-lead.jpg");
    expect(json.items[0].summary.length).toBeGreaterThanOrEqual(300);
  });

  it("summary partners get no body: no content:encoded, no Atom content, JSON Feed content_text", () => {
    const summary = profile({ content: "summary" });
    const articles = applyPartnerRules(CANDIDATES, summary).articles;
    expect(partnerFeed("rss", CONFIG, summary, articles).body).not.toContain("content:encoded>");
    expect(partnerFeed("atom", CONFIG, summary, articles).body).not.toContain("<content");
    const item = JSON.parse(partnerFeed("json", CONFIG, summary, articles).body).items[0];
    expect(item.content_html).toBeUndefined();
    expect(item.content_text).toBe(item.summary);
  });

  it.each(FEED_FORMATS)("maxFeedBytes drops the oldest items until the %s feed fits", (format) => {
    const many = [9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => article(n));
    const uncapped = partnerFeed(format, CONFIG, profile(), applyPartnerRules(many, profile()).articles);
    const cap = Math.floor(uncapped.bytes.byteLength * 0.6);
    const capped = profile({ maxFeedBytes: cap });
    const result = partnerFeed(format, CONFIG, capped, applyPartnerRules(many, capped).articles);
    expect(result.bytes.byteLength).toBeLessThanOrEqual(cap);
    expect(result.articles.length).toBeGreaterThan(0);
    expect(result.articles.length).toBeLessThan(9);
    // The newest stay; exactly the oldest are dropped, and each says why.
    expect(result.articles.map((a) => a.id)).toEqual(many.slice(0, result.articles.length).map((a) => a.id));
    expect(result.excluded.map((e) => e.id)).toEqual(many.slice(result.articles.length).map((a) => a.id));
    expect(result.excluded.every((e) => e.reason === "feed-size")).toBe(true);
    // One more item would not have fitted.
    const oneMore = partnerFeed(format, CONFIG, profile(), many.slice(0, result.articles.length + 1).map((a) => applyPartnerRules([a], profile()).articles[0]!));
    expect(oneMore.bytes.byteLength).toBeGreaterThan(cap);
  });
});

describeFeedparserAvailability();

describe.skipIf(feedparserMissing !== undefined)("python3-feedparser reads partner feeds", () => {
  it("RSS: not bozo; plain title, 300+ character description, one enclosure (the passing lead), credits", () => {
    const parsed = readWithFeedparser("partner.xml", partnerFeed("rss", CONFIG, ALPHA, selected()).body);
    expect(parsed.bozo_exception).toBeNull();
    expect(parsed.version).toBe("rss20");
    expect(parsed.entries).toHaveLength(3);
    const entry = parsed.entries[0]!;
    expect(entry.title).toBe("Story 3");
    expect(entry.summary.length).toBeGreaterThanOrEqual(300);
    expect(entry.enclosures).toEqual([{ href: "https://img.example/a3-lead.jpg", type: "image/jpeg", length: "0" }]);
    expect(entry.media_credit.map((c) => c.content)).toEqual(["YONHAP"]);
  });

  it("Atom: not bozo; entries with their passing photos", () => {
    const images = [photo("big", 1600, 900), photo("small", 100, 100)];
    const parsed = readWithFeedparser("partner-atom.xml", partnerFeed("atom", CONFIG, ALPHA, applyPartnerRules([article(1, { images })], ALPHA).articles).body);
    expect(parsed.bozo_exception).toBeNull();
    expect(parsed.version).toBe("atom10");
    expect(parsed.entries[0]!.enclosures.map((e) => e.href)).toEqual(["https://img.example/big.jpg"]);
  });
});
