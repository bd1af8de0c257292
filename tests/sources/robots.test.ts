import { describe, expect, it } from "vitest";
import { parseRetryAfter, parseRobots, retryDelaySeconds, robotsAllow } from "../../src/sources/index.ts";

describe("robots.txt (RFC 9309)", () => {
  const text = `# comment
User-agent: *
Disallow: /

User-agent: Wirefeed
User-agent: other
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/open
Disallow:
`;
  it("takes our group over *, longest match wins, allow on a tie, * and $", () => {
    const rules = parseRobots(text, "wirefeed");
    const allowed = (path: string) => robotsAllow(rules, `https://e.example${path}`);
    expect(allowed("/news/a")).toBe(true);
    expect(allowed("/private/x")).toBe(false);
    expect(allowed("/private/open-letter")).toBe(true);
    expect(allowed("/report.pdf")).toBe(false);
    expect(allowed("/report.pdf?download=1")).toBe(true);
    expect(robotsAllow(parseRobots(text, "somebot"), "https://e.example/news/a")).toBe(false);
    expect(robotsAllow(parseRobots("", "wirefeed"), "https://e.example/x")).toBe(true);
  });
  it("a hostile pattern cannot stall: plain substring matching", () => {
    const rules = parseRobots(`User-agent: *\nDisallow: /${"*a".repeat(5000)}$\n`, "wirefeed");
    expect(robotsAllow(rules, `https://e.example/${"a".repeat(5000)}b`)).toBe(true);
  });
});

describe("retries", () => {
  it("back off exponentially, never below Retry-After, at most 12 hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, undefined))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(1, 900)).toBe(900);
    expect(retryDelaySeconds(3, 30)).toBe(240);
    expect(retryDelaySeconds(30, undefined)).toBe(43200);
  });
  it("read Retry-After as seconds or an HTTP-date", () => {
    const now = "2025-05-06T08:00:00Z";
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Tue, 06 May 2025 08:10:00 GMT", now)).toBe(600);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
