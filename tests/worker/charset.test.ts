import { describe, expect, it } from "vitest";
import { request } from "./helpers.ts";

// "서울 시장 선거" and a paragraph, written as EUC-KR bytes (KS X 1001), as a Korean CMS may send them.
// Bytes from Python: "…".encode("euc-kr").
const TITLE = "서울 시장 선거";
const EUC_KR_TITLE = [0xbc, 0xad, 0xbf, 0xef, 0x20, 0xbd, 0xc3, 0xc0, 0xe5, 0x20, 0xbc, 0xb1, 0xb0, 0xc5];

function page(titleBytes: number[]): Uint8Array {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  return new Uint8Array([
    ...ascii('<html lang="ko"><head><title>'),
    ...titleBytes,
    ...ascii('</title><meta property="article:published_time" content="2025-05-01T00:00:00Z"></head><body><article><h1>'),
    ...titleBytes,
    ...ascii("</h1><p>"),
    ...titleBytes,
    ...ascii(" 2025. Paragraph text of the article about the election.</p></article></body></html>"),
  ]);
}

describe("charsets at the ingest API, inside workerd", () => {
  it("decodes an EUC-KR body by the charset in Content-Type", async () => {
    const response = await request("/api/articles?url=https://news.example.kr/seoul", {
      method: "POST",
      headers: { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html; charset=EUC-KR" },
      body: page(EUC_KR_TITLE),
    });
    expect(response.status).toBe(201);
    const article = (await response.json()) as { title: string; language: string };
    expect(article.title).toBe(TITLE);
    expect(article.language).toBe("ko");
  });
});
