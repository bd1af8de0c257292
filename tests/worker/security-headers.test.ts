import { describe, expect, it } from "vitest";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };

describe("pages for people", () => {
  it("send a strict Content-Security-Policy and the usual security headers, and escape what they show", async () => {
    const title = `<img src=x onerror=alert(1)> "quoted" & 'single'`;
    await request("/api/articles/sec-1", {
      method: "PUT",
      headers: AUTH,
      body: newsPage({ title: title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;"), url: "https://n.example/sec", section: "<b>Sec</b>" }),
    });
    // Extraction keeps text fields plain (issue 14): the section "<b>Sec</b>" is stored as "Sec".
    const browser = { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
    for (const [path, headers] of [["/", {}], ["/articles/sec-1", {}], ["/feed.xml", browser], ["/sections/sec/atom.xml", browser]] as const) {
      const response = await request(path, { headers });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Content-Type"), path).toBe("text/html; charset=utf-8");
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      for (const directive of ["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
      expect(csp).not.toContain("script-src");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      const page = await response.text();
      expect(page, path).not.toContain("<img src=x");
      expect(page, path).not.toContain("<b>Sec</b>");
    }
  });
});
