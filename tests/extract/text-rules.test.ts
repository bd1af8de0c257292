import { describe, expect, it } from "vitest";
import { splitCaptionCredit } from "../../src/extract/captions.ts";
import { latestDateFromPaths, parseDate } from "../../src/extract/dates.ts";
import { isLinePerParagraph, markdownToHtml } from "../../src/extract/markdown.ts";
import { mimeTypeFromUrl } from "../../src/extract/mime.ts";
import { LEDE_TITLE_MAX, stripSiteName, titleFromLede } from "../../src/extract/title.ts";

describe("splitCaptionCredit", () => {
  it("splits a bracketed trailing credit", () => {
    expect(splitCaptionCredit("A North Korean soldier is seen in a video [SCREEN CAPTURE]")).toEqual({
      caption: "A North Korean soldier is seen in a video",
      credit: "SCREEN CAPTURE",
    });
  });
  it("keeps the caption's own final period", () => {
    expect(splitCaptionCredit("Soldiers at Red Square on May 9, 2024. [YONHAP]")).toEqual({
      caption: "Soldiers at Red Square on May 9, 2024.",
      credit: "YONHAP",
    });
  });
  it("reads 'Photo: NAME' and '(Photo: NAME)' credits", () => {
    expect(splitCaptionCredit("Volunteers sort packets. Photo: Jonas Berg")).toEqual({ caption: "Volunteers sort packets.", credit: "Jonas Berg" });
    expect(splitCaptionCredit("The new bridge (Photo: Reuters)")).toEqual({ caption: "The new bridge", credit: "Reuters" });
  });
  it("leaves prose mentioning a photo alone", () => {
    expect(splitCaptionCredit("Taking a photo by the river")).toEqual({ caption: "Taking a photo by the river" });
  });
});

describe("title fallbacks", () => {
  const lede =
    "Russia’s state-run Tass News Agency released the video footage on April 29 showing North Korean forces joining Russian troops in what was described as a liberation operation. More text.";
  it("cuts the lede's first sentence at a word boundary to at most 110 characters with an ellipsis", () => {
    const title = titleFromLede(lede)!;
    expect(title.length).toBeLessThanOrEqual(LEDE_TITLE_MAX);
    expect(title.endsWith("…")).toBe(true);
    expect(lede.startsWith(title.slice(0, -1))).toBe(true);
    expect(lede.charAt(title.length - 1)).toBe(" "); // the cut falls between words
  });
  it("keeps a short first sentence whole, without its period", () => {
    expect(titleFromLede("The U.S. Senate passed the bill. Then it rained.")).toBe("The U.S. Senate passed the bill");
  });
  it("strips the site name from <title>", () => {
    expect(stripSiteName("Market hall reopens after repairs | Northfield Courier", ["Northfield Courier"])).toBe("Market hall reopens after repairs");
    expect(stripSiteName("Market hall reopens after repairs - Northfield Courier")).toBe("Market hall reopens after repairs");
  });
});

describe("dates", () => {
  it("normalizes offsets to UTC", () => {
    expect(parseDate("2025-06-12T08:30:00+02:00")).toBe("2025-06-12T06:30:00Z");
    expect(parseDate("Wed, 30 Apr 2025 09:15:00 +0900")).toBe("2025-04-30T00:15:00Z");
    expect(parseDate("April 30, 2025")).toBe("2025-04-30T00:00:00Z");
    expect(parseDate("2025-02-30")).toBeUndefined();
  });
  it("takes the latest complete date among photo paths and ignores dates after now", () => {
    const urls = [
      "https://x.example/data/photo/2025/04/29/a.jpg",
      "https://x.example/data/photo/2025/04/30/b.jpg",
      "https://x.example/uploads/2025/05/c.jpg", // no day: not a complete date
      "https://x.example/data/photo/2030/01/01/d.jpg", // after now
    ];
    expect(latestDateFromPaths(urls, "2026-01-01T00:00:00Z")).toBe("2025-04-30T00:00:00Z");
    expect(latestDateFromPaths(["https://x.example/a.jpg"], "2026-01-01T00:00:00Z")).toBeUndefined();
  });
});

describe("markdown", () => {
  it("reads a document without blank lines as one paragraph per line", () => {
    expect(isLinePerParagraph("one\ntwo")).toBe(true);
    expect(markdownToHtml("First line.\nSecond line.")).toBe("<p>First line.</p>\n<p>Second line.</p>\n");
  });
  it("parses ordinary Markdown (with blank lines) unchanged", () => {
    expect(markdownToHtml("First line\ncontinues.\n\nSecond paragraph.")).toBe("<p>First line\ncontinues.</p>\n<p>Second paragraph.</p>\n");
  });
  it("turns an image alone on its line into a figure with its alt as caption", () => {
    expect(markdownToHtml("![A caption [CREDIT]](https://x.example/a.jpg)")).toBe(
      '<figure><img src="https://x.example/a.jpg" alt="A caption [CREDIT]"><figcaption>A caption [CREDIT]</figcaption></figure>\n',
    );
  });
});

describe("mimeTypeFromUrl", () => {
  it.each([
    ["https://x.example/a.jpg", "image/jpeg"],
    ["https://x.example/a.JPEG?w=10", "image/jpeg"],
    ["https://x.example/a.png", "image/png"],
    ["https://x.example/a.webp", "image/webp"],
    ["https://x.example/a.svg", "image/svg+xml"],
    ["https://x.example/photo", "application/octet-stream"],
    ["https://x.example/a.constructor", "application/octet-stream"],
  ])("%s -> %s", (url, mime) => {
    expect(mimeTypeFromUrl(url)).toBe(mime);
  });
});
