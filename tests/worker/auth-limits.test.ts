/** Failed-login limiting (src/http/auth-failures.ts): wrong tokens and keys end in 429 + Retry-After. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AUTH_FAILURE_LIMIT } from "../../src/http/auth-failures.ts";
import { newsPage, request } from "./helpers.ts";

const from = (ip: string, token: string, init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as object), "CF-Connecting-IP": ip, Authorization: `Bearer ${token}` } });

/** Wrong guesses until a 429 (the binding counts per minute: a window may end mid-way, hence two windows' worth). */
async function guessUntilRefused(send: (i: number) => Promise<Response>): Promise<{ answers: number[]; refused: Response | undefined }> {
  const answers: number[] = [];
  for (let i = 0; i < 2 * AUTH_FAILURE_LIMIT + 2; i++) {
    const response = await send(i);
    answers.push(response.status);
    if (response.status === 429) return { answers, refused: response };
    await response.body?.cancel();
  }
  return { answers, refused: undefined };
}

describe("failed logins are limited per client", () => {
  it("runs with the Workers Rate Limiting binding of wrangler.toml", () => {
    expect(typeof (env as unknown as { AUTH_FAILURES?: { limit?: unknown } }).AUTH_FAILURES?.limit).toBe("function");
  });

  it("wrong ingest tokens: 401s, then 429 with Retry-After; then even the right token is refused, other clients are not", async () => {
    const ip = "203.0.113.21";
    const { answers, refused } = await guessUntilRefused((i) => request("/api/sync", from(ip, `guess-${i}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"files":[]}' })));
    expect(refused, `answers: ${answers.join(",")}`).toBeDefined();
    expect(answers.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(answers.length).toBeGreaterThan(AUTH_FAILURE_LIMIT);
    expect(Number(refused!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused!.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(((await refused!.json()) as { status: number }).status).toBe(429);

    const right = await request("/api/articles/limited", from(ip, env.INGEST_TOKEN, { method: "PUT", headers: { "Content-Type": "text/html" }, body: newsPage({ title: "Blocked" }) }));
    expect(right.status).toBe(429);
    const elsewhere = await request("/api/articles/limited", from("203.0.113.22", env.INGEST_TOKEN, { method: "PUT", headers: { "Content-Type": "text/html" }, body: newsPage({ title: "Not blocked" }) }));
    expect(elsewhere.status).toBe(201);
  });

  it("wrong partner keys count the same way", async () => {
    const { answers, refused } = await guessUntilRefused((i) => request(`/partners/alpha/feed.xml?key=guess-${i}`, { headers: { "CF-Connecting-IP": "203.0.113.31" } }));
    expect(refused, `answers: ${answers.join(",")}`).toBeDefined();
    expect(answers.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(refused!.headers.get("Retry-After")).toMatch(/^\d+$/);
    // The partner's own key from that client is refused until the block ends.
    expect((await request("/partners/alpha/feed.xml", { headers: { "CF-Connecting-IP": "203.0.113.31", Authorization: "Bearer alpha-key-1" } })).status).toBe(429);
  });
});
