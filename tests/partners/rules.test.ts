import { describe, expect, it } from "vitest";
import { htmlProblems } from "../tools/feed-checks.ts";
import { applyPartnerRules, partnerHtml, plainDescription, plainText } from "../../src/partners/index.ts";
import { LONG_TEXT, article, photo, profile } from "./fixtures.ts";

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe("partner rules (pure: articles + profile -> articles + reasons)", () => {
  it("keeps only the listed sections (by section key) and says why the others are out", () => {
    const candidates = [article(3), article(2, { section: "Sport" }), article(1, { section: undefined })];
    const { articles, excluded } = applyPartnerRules(candidates, profile({ sections: ["harbour-news"] }));
    expect(ids(articles)).toEqual(["story-3"]);
    expect(excluded.map((e) => [e.id, e.reason])).toEqual([["story-2", "section"], ["story-1", "section"]]);
    expect(excluded[0]!.detail).toContain('"Sport"');
  });

  it("leaves out photos under the minimum size or of unknown size; the lead that passes is first (the enclosure)", () => {
    const images = [photo("tiny", 200, 100), photo("unknown"), photo("big", 1600, 900), photo("wide-but-low", 1600, 200)];
    const { articles, photosLeftOut } = applyPartnerRules([article(1, { images })], profile({ minImageWidth: 600, minImageHeight: 300 }));
    expect(articles[0]!.images.map((i) => i.url)).toEqual(["https://img.example/big.jpg"]);
    expect(photosLeftOut.map((p) => [p.url.split("/").pop(), p.reason])).toEqual([
      ["tiny.jpg", "too-small"],
      ["unknown.jpg", "size-unknown"],
      ["wide-but-low.jpg", "too-small"],
    ]);
    // Without a minimum every photo stays, measured or not.
    expect(applyPartnerRules([article(1, { images })], profile()).articles[0]!.images).toHaveLength(4);
  });

  it("requireImage leaves out an article with no qualifying photo (and one with no photo at all)", () => {
    const candidates = [article(3), article(2, { images: [photo("small", 320, 240)] }), article(1, { images: [] })];
    const { articles, excluded } = applyPartnerRules(candidates, profile({ minImageWidth: 600, requireImage: true }));
    expect(ids(articles)).toEqual(["story-3"]);
    expect(excluded.map((e) => [e.id, e.reason])).toEqual([["story-2", "no-qualifying-image"], ["story-1", "no-qualifying-image"]]);
    expect(excluded[1]!.detail).toBe("the article has no photo");
  });

  it("takes the newest itemCount qualifying articles; older ones are reported as item-count", () => {
    const candidates = [5, 4, 3, 2, 1].map((n) => article(n));
    const { articles, excluded } = applyPartnerRules(candidates, profile({ itemCount: 2 }));
    expect(ids(articles)).toEqual(["story-5", "story-4"]);
    expect(excluded.every((e) => e.reason === "item-count")).toBe(true);
  });

  it("makes titles plain text and the description at least 300 characters from the body text", () => {
    const [a] = applyPartnerRules([article(1, { title: "Ferry <em>timetable</em> &amp; budget" })], profile()).articles;
    expect(a!.title).toBe("Ferry timetable & budget");
    expect(a!.summary.length).toBeGreaterThanOrEqual(300);
    expect(a!.summary).not.toMatch(/[<>\n]/);
    expect(LONG_TEXT.replace(/\s+/g, " ").startsWith(a!.summary.replace(/…$/, ""))).toBe(true);
  });

  it("summary content: no body at all", () => {
    expect(applyPartnerRules([article(1)], profile({ content: "summary" })).articles[0]!.contentHtml).toBe("");
  });
});

describe("plainDescription and plainText", () => {
  it("keeps a long enough summary, cuts the body at a sentence end past the minimum, and keeps short texts whole", () => {
    expect(plainDescription("x".repeat(310), LONG_TEXT, 300)).toBe("x".repeat(310));
    const cut = plainDescription("Short.", LONG_TEXT, 300);
    expect(cut.length).toBeGreaterThanOrEqual(300);
    expect(cut.endsWith(".")).toBe(true);
    expect(plainDescription("A longer summary than the body.", "Tiny body.", 300)).toBe("A longer summary than the body.");
    const words = "word ".repeat(400);
    const ellipsis = plainDescription("", words, 300);
    expect(ellipsis.endsWith("…")).toBe(true);
    expect(ellipsis.length).toBeGreaterThanOrEqual(300);
    expect(ellipsis.length).toBeLessThanOrEqual(600);
  });
  it("plainText drops tags and decodes entities, and keeps a title that is all markup-looking text", () => {
    expect(plainText("A <b>bold</b>\n move")).toBe("A bold move");
    expect(plainText("1 &lt; 2 &#x2014; ok")).toBe("1 < 2 — ok");
  });
});

describe("partner HTML", () => {
  const images = [photo("lead", 1200, 800, { alt: "Alt text" }), photo("second", 800, 600)];
  const body = article(1, { images }).contentHtml;

  it("rebuilds figures with a figcaption and the credit in a copyright span, and matches body photos by path", () => {
    const html = partnerHtml(body, images, "basic");
    expect(html).toContain(
      '<figure itemscope itemtype="https://schema.org/ImageObject"><img itemprop="contentUrl" src="https://img.example/lead.jpg" alt="Alt text" width="1200" height="800">' +
        '<figcaption><span itemprop="caption">Caption of lead</span> <span class="credit" itemprop="copyrightHolder">YONHAP</span></figcaption></figure>',
    );
    expect(html.match(/<figure/g)).toHaveLength(2);
  });

  it("leaves out photos that did not pass, and puts a passing lead the body lacks first", () => {
    const html = partnerHtml(body, [images[1]!], "basic");
    expect(html).not.toContain("lead.jpg");
    expect(html).toContain("second.jpg");
    const extra = photo("metadata-only", 1200, 800);
    expect(partnerHtml("<p>Text.</p>", [extra], "basic")).toMatch(/^<figure[^>]*><img itemprop="contentUrl" src="https:\/\/img\.example\/metadata-only\.jpg"/);
  });

  it("applies the allow-list profile: minimal keeps p and inline, basic drops tables, full keeps them", () => {
    expect(partnerHtml(body, images, "minimal")).toContain('<p>The harbour council approved <strong>the new ferry timetable</strong> on <a href="https://news.example/t">Tuesday</a>.</p>');
    expect(partnerHtml(body, images, "basic")).not.toContain("<table");
    expect(partnerHtml(body, images, "basic")).toContain("Cell");
    // A row straight in a table gets the tbody an HTML parser would give it (extract/html-emitter.ts).
    expect(partnerHtml(body, images, "full")).toContain("<table><tbody><tr><td>Cell</td></tr></tbody></table>");
  });

  it("never lets markup through that the profile does not list, and balances what it opens", () => {
    const hostile = '<p onclick="x()">a <script>alert(1)</script><a href="javascript:alert(1)">link</a> <span class="x">s</span> 1 < 2 &amp; 3<p>open';
    const html = partnerHtml(hostile, [], "full");
    expect(html).not.toMatch(/onclick|<script|javascript:|<span/);
    expect(html).toContain("1 &lt; 2 &amp; 3");
    expect(html.match(/<p>/g)?.length).toBe(html.match(/<\/p>/g)?.length);
    // The one allow-list serializer: what it writes parses back to the same tree (a figure in a
    // paragraph closes it; the paragraph is reopened for the text after it).
    const nested = partnerHtml(`<div>Before <span><figure><img src="https://img.example/lead.jpg"></figure></span> after <em>it</em></div>`, images, "basic");
    expect(htmlProblems(nested, "partner body")).toEqual([]);
    expect(nested).toContain("<p>Before </p>\n<figure");
    expect(nested).toContain("<p> after <em>it</em></p>");
  });
});
