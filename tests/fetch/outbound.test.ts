import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutbound, MAX_REDIRECTS, type OutboundOptions } from "../../src/fetch/index.ts";
import { HUGE_BYTES, startStubServers, type StubServers } from "../tools/stub-servers.ts";

// The outbound module in Node against the loopback stubs, which OUTBOUND_ALLOW_PRIVATE-style
// targets allow (exactly their host and port); tests/worker/outbound-policy.test.ts runs the same
// module inside workerd.
let stubs: StubServers;
let outbound: ReturnType<typeof createOutbound>;
const UA = "Wirefeed/1.0 (+https://wire.example)";
beforeAll(async () => {
  stubs = await startStubServers();
  outbound = make();
});
afterAll(() => stubs.close());

function make(extra: Partial<OutboundOptions> = {}) {
  const { hostname, port } = new URL(stubs.baseUrl);
  return createOutbound({ userAgent: UA, allowPrivate: [{ host: hostname, port }], ...extra });
}
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("createOutbound().fetch", () => {
  it("sends its User-Agent and answers with status, final URL, headers and body", async () => {
    const result = await outbound.fetch({ url: `${stubs.baseUrl}/headers`, headers: { "User-Agent": "spoofed", Accept: "application/json" } });
    expect(result).toMatchObject({ ok: true, status: 200, url: `${stubs.baseUrl}/headers`, truncated: false });
    if (!result.ok) return;
    expect(result.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(text(result.body)).headers).toMatchObject({ "user-agent": UA, accept: "application/json" });
  });

  it("answers any status as a value, so callers can revalidate and back off", async () => {
    for (const status of [304, 404, 429, 503]) {
      expect(await outbound.fetch({ url: `${stubs.baseUrl}/status/${status}` })).toMatchObject({ ok: true, status });
    }
  });

  it("refuses a private target that is not allowed, without a request", async () => {
    let called = false;
    const spy = make({ fetcher: async () => ((called = true), new Response("no")) });
    expect(await spy.fetch({ url: "http://2130706433/" })).toEqual({ ok: false, reason: "blocked", detail: expect.stringContaining("127.0.0.1"), url: "http://2130706433/" });
    expect(await spy.fetch({ url: "ftp://example.com/" })).toMatchObject({ ok: false, reason: "bad-url" });
    expect(called).toBe(false);
  });

  it("follows redirects by hand and checks every hop", async () => {
    expect(await outbound.fetch({ url: `${stubs.baseUrl}/redirect/photo.png` })).toMatchObject({ ok: true, status: 200, url: `${stubs.baseUrl}/range/photo.png` });
    for (const target of ["http://169.254.169.254/latest/meta-data/", "http://127.1/", "http://[::ffff:127.0.0.1]/", `http://localhost:${new URL(stubs.baseUrl).port}/headers`]) {
      const result = await outbound.fetch({ url: `${stubs.baseUrl}/goto/302?to=${encodeURIComponent(target)}` });
      expect(result, target).toMatchObject({ ok: false, reason: "blocked", url: new URL(target).href });
    }
  });

  it(`follows at most ${MAX_REDIRECTS} redirects; maxRedirects 0 returns the 3xx`, async () => {
    expect(await outbound.fetch({ url: `${stubs.baseUrl}/goto/302` })).toMatchObject({ ok: false, reason: "redirects" });
    expect(await outbound.fetch({ url: `${stubs.baseUrl}/goto/302`, maxRedirects: 50 })).toMatchObject({ ok: false, reason: "redirects", detail: `more than ${MAX_REDIRECTS} redirects` });
    const manual = await outbound.fetch({ url: `${stubs.baseUrl}/goto/301?to=/range/photo.png`, maxRedirects: 0 });
    expect(manual).toMatchObject({ ok: true, status: 301 });
    expect(manual.ok && manual.headers.get("Location")).toBe("/range/photo.png");
  });

  it("turns a POST into a GET on 303 and keeps it on 307 (Fetch §4.4)", async () => {
    const post = (status: number) => outbound.fetch({ url: `${stubs.baseUrl}/goto/${status}?to=/headers`, method: "POST", body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const seen = async (status: number) => {
      const result = await post(status);
      return result.ok ? JSON.parse(text(result.body)) : result;
    };
    expect(await seen(303)).toMatchObject({ method: "GET", bodyLength: 0 });
    expect(await seen(307)).toMatchObject({ method: "POST", bodyLength: 3 });
  });

  it("drops credentials on a cross-origin hop", async () => {
    const sent: [string, string | null][] = [];
    const fake = make({
      fetcher: async (request) => {
        sent.push([request.url, request.headers.get("Authorization")]);
        return request.url.startsWith("https://a.example") ? new Response(null, { status: 302, headers: { Location: "https://b.example/x" } }) : new Response("ok");
      },
    });
    expect(await fake.fetch({ url: "https://a.example/", headers: { Authorization: "Bearer s3cret" } })).toMatchObject({ ok: true, url: "https://b.example/x" });
    expect(sent).toEqual([["https://a.example/", "Bearer s3cret"], ["https://b.example/x", null]]);
  });

  it("refuses a body over maxBytes, by Content-Length or while it streams, without reading it all", async () => {
    const id = crypto.randomUUID();
    expect(await outbound.fetch({ url: `${stubs.baseUrl}/huge/${id}/junk`, maxBytes: 1000 })).toMatchObject({ ok: false, reason: "too-large" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stubs.bytesServed(id)).toBeLessThan(HUGE_BYTES / 4);
    expect(await outbound.fetch({ url: `${stubs.baseUrl}/chunked/big-header.jpg`, maxBytes: 10_000 })).toMatchObject({ ok: false, reason: "too-large" });
  });

  it("keeps the first maxBytes when asked to truncate, and stops when the caller has enough", async () => {
    const truncated = await outbound.fetch({ url: `${stubs.baseUrl}/chunked/big-header.jpg`, maxBytes: 10_000, truncate: true });
    expect(truncated.ok && [truncated.body.byteLength, truncated.truncated]).toEqual([10_000, true]);
    let calls = 0;
    const early = await outbound.fetch({ url: `${stubs.baseUrl}/chunked/big-header.jpg`, enough: (bytes) => (++calls, bytes.byteLength >= 4096) });
    expect(early.ok && early.truncated).toBe(true);
    expect(calls).toBe(1);
  });

  it("times out on a silent server and on a stalled body", async () => {
    for (const path of ["/hang/headers", "/hang/body"]) {
      expect(await outbound.fetch({ url: stubs.baseUrl + path, timeoutMs: 200 }), path).toMatchObject({ ok: false, reason: "timeout" });
    }
  });

  it("reports a refused connection as network", async () => {
    const closed = createOutbound({ userAgent: UA, allowPrivate: [{ host: "127.0.0.1", port: "9" }] });
    expect(await closed.fetch({ url: "http://127.0.0.1:9/", timeoutMs: 2000 })).toMatchObject({ ok: false, reason: "network" });
  });

  it("never runs more than perHostConcurrency requests to one host at a time", async () => {
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const slow = make({
      perHostConcurrency: 2,
      fetcher: async (request) => {
        const host = new URL(request.url).host;
        active.set(host, (active.get(host) ?? 0) + 1);
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
        await new Promise((resolve) => setTimeout(resolve, 20));
        active.set(host, active.get(host)! - 1);
        return new Response("ok");
      },
    });
    const urls = [..."abcdef"].flatMap((n) => [`https://one.example/${n}`, `https://two.example/${n}`]);
    const results = await Promise.all(urls.map((url) => slow.fetch({ url })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(Object.fromEntries(peak)).toEqual({ "one.example": 2, "two.example": 2 });
  });

  it("times out a request still waiting for a slot", async () => {
    const stuck = make({ perHostConcurrency: 1, fetcher: () => new Promise<Response>(() => {}) });
    const first = stuck.fetch({ url: "https://one.example/a", timeoutMs: 100 });
    const second = stuck.fetch({ url: "https://one.example/b", timeoutMs: 50 });
    expect(await second).toMatchObject({ ok: false, reason: "timeout" });
    expect(await first).toMatchObject({ ok: false, reason: "timeout" });
  });
});
