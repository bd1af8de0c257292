import { describe, expect, it } from "vitest";
import { checkUrl, parseAllowPrivate } from "../../src/fetch/index.ts";
import { parseIpv4, parseIpv6 } from "../../src/fetch/address.ts";

// The URL policy of src/fetch/ as a table: every spelling of a private, loopback, link-local, ULA,
// unspecified, mapped or special-purpose target is refused; public hosts pass; the operator's
// OUTBOUND_ALLOW_PRIVATE entries pass and nothing else near them does.
const NONE = { allowPrivate: [] };

const BLOCKED = [
  "http://127.0.0.1/",
  "http://localhost/",
  "http://LOCALHOST./x",
  "http://2130706433/", // decimal
  "http://017700000001/", // one octal number
  "http://0177.0.0.1/", // octal parts
  "http://0x7f.1/", // hex, short
  "http://0x7f000001/",
  "http://127.1/", // short
  "http://127.0.0.1./", // trailing dot
  "http://%31%32%37.0.0.1/", // percent-encoded
  "http://１２７.０.０.１/", // full-width digits (IDNA maps them)
  "http://0.0.0.0/",
  "http://0/",
  "http://[::1]/",
  "http://[0:0:0:0:0:0:0:1]/",
  "http://[::]/",
  "http://[::ffff:127.0.0.1]/", // IPv4-mapped
  "http://[::ffff:7f00:1]/",
  "http://[0:0:0:0:0:ffff:a9fe:a9fe]/", // mapped 169.254.169.254
  "http://[::127.0.0.1]/", // IPv4-compatible
  "http://[64:ff9b::a00:1]/", // NAT64 of 10.0.0.1
  "http://[2002:7f00:1::]/", // 6to4 of 127.0.0.1
  "http://[2001::1]/", // Teredo
  "http://[fd00::]/", // ULA
  "http://[fc00::1]/",
  "http://[fe80::1]/", // link-local
  "http://[ff02::1]/", // multicast
  "http://[2001:db8::1]/", // documentation
  "http://[3fff::1]/",
  "http://10.0.0.1/",
  "http://10.255.255.255:8080/",
  "http://172.16.0.1/",
  "http://172.31.255.255/",
  "http://192.168.1.1/",
  "http://169.254.169.254/latest/meta-data/",
  "http://100.64.0.1/", // CGNAT
  "http://192.0.0.1/",
  "http://192.0.2.1/", // TEST-NET-1
  "http://198.51.100.7/",
  "http://203.0.113.9/",
  "http://198.18.0.1/", // benchmarking
  "http://224.0.0.1/",
  "http://255.255.255.255/",
  "http://foo.localhost/",
  "http://printer.local/",
  "http://metadata.google.internal/",
  "http://router.home.arpa/",
  "http://intranet/", // single label
  "https://wiki.corp/",
] as const;

const PUBLIC = [
  "https://example.com/photo.jpg",
  "http://news.example.co.kr/data/photo/2025/04/30/a.jpg",
  "http://93.184.216.34/",
  "http://8.8.8.8:8080/x",
  "http://172.32.0.1/", // just past 172.16/12
  "http://100.128.0.1/", // just past 100.64/10
  "http://[2606:4700:4700::1111]/",
  "https://localhost.example.com/", // a public name that merely contains "localhost"
] as const;

const BAD = ["ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA", "not a url", "http://user:pw@example.com/", "http://1.2.3.999/"] as const;

describe("the outbound URL policy", () => {
  for (const url of BLOCKED) {
    it(`refuses ${url}`, () => expect(checkUrl(url, NONE)).toMatchObject({ ok: false, reason: "blocked" }));
  }
  for (const url of PUBLIC) {
    it(`allows ${url}`, () => expect(checkUrl(url, NONE)).toMatchObject({ ok: true }));
  }
  for (const url of BAD) {
    it(`refuses ${url} as a bad URL`, () => expect(checkUrl(url, NONE)).toMatchObject({ ok: false, reason: "bad-url" }));
  }

  it("says why in the detail", () => {
    expect(checkUrl("http://2130706433/", NONE)).toMatchObject({ ok: false, detail: expect.stringMatching(/127\.0\.0\.1 is .*loopback/) });
    expect(checkUrl("http://[fd00::]/", NONE)).toMatchObject({ ok: false, detail: expect.stringMatching(/unique local/) });
  });

  it("lets a trusted (operator-configured) URL through, but never another scheme", () => {
    expect(checkUrl("http://127.0.0.1:9000/hub", NONE, { trusted: true })).toMatchObject({ ok: true });
    expect(checkUrl("file:///etc/passwd", NONE, { trusted: true })).toMatchObject({ ok: false, reason: "bad-url" });
  });
});

describe("OUTBOUND_ALLOW_PRIVATE", () => {
  const parsed = parseAllowPrivate(" 127.0.0.1:8080, [::1] ,test-site.local,");
  const policy = { allowPrivate: parsed.ok ? parsed.targets : [] };

  it("parses host[:port] entries, normalized as URLs are", () => {
    expect(parsed).toEqual({ ok: true, targets: [{ host: "127.0.0.1", port: "8080" }, { host: "[::1]" }, { host: "test-site.local" }] });
    expect(parseAllowPrivate("")).toEqual({ ok: true, targets: [] });
    expect(parseAllowPrivate("127.1:80")).toEqual({ ok: true, targets: [{ host: "127.0.0.1", port: "80" }] });
  });

  it("refuses entries that are not host[:port]", () => {
    expect(parseAllowPrivate("http://127.0.0.1, ok.local, a b, x:99999, 10.0.0.1/8")).toEqual({ ok: false, invalid: ["http://127.0.0.1", "a b", "x:99999", "10.0.0.1/8"] });
  });

  it("allows exactly the listed targets", () => {
    expect(checkUrl("http://127.0.0.1:8080/a.png", policy)).toMatchObject({ ok: true });
    expect(checkUrl("http://2130706433:8080/a.png", policy), "the same target in another spelling").toMatchObject({ ok: true });
    expect(checkUrl("http://127.0.0.1:8081/a.png", policy), "another port").toMatchObject({ ok: false, reason: "blocked" });
    expect(checkUrl("http://127.0.0.1/a.png", policy), "the default port").toMatchObject({ ok: false, reason: "blocked" });
    expect(checkUrl("http://[::1]:1234/", policy), "any port when none is given").toMatchObject({ ok: true });
    expect(checkUrl("http://test-site.local/", policy)).toMatchObject({ ok: true });
    expect(checkUrl("http://other.local/", policy)).toMatchObject({ ok: false, reason: "blocked" });
    expect(checkUrl("http://10.0.0.1/", policy)).toMatchObject({ ok: false, reason: "blocked" });
  });
});

describe("address parsing (WHATWG URL §3.4, §3.5)", () => {
  it("reads every IPv4 spelling as one number", () => {
    for (const spelling of ["127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7F.0.0.01", "127.0.1"]) expect(parseIpv4(spelling), spelling).toBe(0x7f000001);
    for (const notIp of ["example.com", "1.2.3.4.5", "256.0.0.1", "08.0.0.1", ""]) expect(parseIpv4(notIp), notIp).toBeUndefined();
  });

  it("reads IPv6 text forms", () => {
    expect(parseIpv6("::1")).toBe(1n);
    expect(parseIpv6("::ffff:127.0.0.1")).toBe(0xffff7f000001n);
    expect(parseIpv6("fd00::")).toBe(0xfd00n << 112n);
    for (const bad of ["1::2::3", "12345::", ":::", "1:2:3:4:5:6:7:8:9", "::ffff:127.0.0.01"]) expect(parseIpv6(bad), bad).toBeUndefined();
  });
});
