import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";

/**
 * Legacy charsets. The byte fixtures are written out here (no Node Buffer or iconv), so the test
 * runs unchanged in workerd: the extractor decodes with TextDecoder only.
 */
const OPTIONS = { id: "t", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost:8787/articles" };

/** ASCII markup around legacy-encoded bytes. */
function page(meta: string, title: number[], body: number[]): Uint8Array {
  const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
  const filler = " The story continues with enough words to be read as a paragraph of text here.";
  return Uint8Array.from([
    ...ascii(`<html><head>${meta}<title>`), ...title, ...ascii("</title></head><body><article><p>"), ...body, ...ascii(`${filler}</p></article></body></html>`),
  ]);
}

// "한국어" in EUC-KR, "日本語" in Shift_JIS, "café" in windows-1252.
const EUC_KR = [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee];
const SHIFT_JIS = [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea];
const WINDOWS_1252 = [0x63, 0x61, 0x66, 0xe9];

describe("charsets", () => {
  it.each([
    ["EUC-KR", '<meta charset="euc-kr">', EUC_KR, "한국어"],
    ["Shift_JIS", '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', SHIFT_JIS, "日本語"],
    ["windows-1252", '<meta charset="windows-1252">', WINDOWS_1252, "café"],
  ])("decodes %s from <meta>", (_, meta, bytes, text) => {
    const result = extractArticle(page(meta, bytes, bytes), OPTIONS);
    expect(result.ok && result.article.title).toBe(text);
    expect(result.ok && result.article.contentText).toContain(text);
  });

  it("the transport charset (Content-Type) wins over <meta>", () => {
    const result = extractArticle(page('<meta charset="windows-1252">', EUC_KR, EUC_KR), { ...OPTIONS, charset: "EUC-KR" });
    expect(result.ok && result.article.title).toBe("한국어");
  });

  it("valid UTF-8 wins over a stale legacy <meta> (re-saved pages)", () => {
    const utf8 = Array.from(new TextEncoder().encode("한국어"));
    const result = extractArticle(page('<meta charset="euc-kr">', utf8, utf8), OPTIONS);
    expect(result.ok && result.article.title).toBe("한국어");
  });

  it("an unknown charset label falls back to UTF-8", () => {
    const result = extractArticle(page("", WINDOWS_1252, WINDOWS_1252), { ...OPTIONS, charset: "x-no-such-charset" });
    expect(result.ok).toBe(true);
  });
});
