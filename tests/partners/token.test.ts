import { describe, expect, it } from "vitest";
import { bearerToken } from "../../src/http/auth.ts";
import { checkPartnerKey, hashPartnerKey, type PartnerProfile } from "../../src/partners/index.ts";
import { profile } from "./fixtures.ts";

const hash = hashPartnerKey;

describe("partner keys", () => {
  it("hashes keys as lower-case hex SHA-256 (what `echo -n KEY | sha256sum` prints)", async () => {
    expect(await hash("alpha-key-1")).toBe("43b55e4e8bedb56b2b27b73ae0cdbc9ff724dd55b1af0bd7e67d7e5c919c3d29");
  });

  it("accepts both keys during a rotation, tells another partner's key (answered as an unknown partner) from a wrong one (401)", async () => {
    const partners = [
      profile({ id: "alpha", tokenSha256: [await hash("old"), await hash("new")] }),
      profile({ id: "beta", tokenSha256: [await hash("beta")] }),
    ];
    expect(await checkPartnerKey("old", "alpha", partners)).toEqual({ ok: true });
    expect(await checkPartnerKey("new", "alpha", partners)).toEqual({ ok: true });
    expect(await checkPartnerKey("beta", "alpha", partners)).toEqual({ ok: false, reason: "not-this-partner" });
    expect(await checkPartnerKey("nope", "alpha", partners)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPartnerKey("x".repeat(100_000), "alpha", partners)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPartnerKey(undefined, "alpha", partners)).toEqual({ ok: false, reason: "missing" });
    expect(await checkPartnerKey("", "alpha", partners)).toEqual({ ok: false, reason: "missing" });
  });

  it("compares the presented key's hash with every stored hash, in full, even after a match (no early exit)", async () => {
    const seen: string[] = [];
    const watched = (p: PartnerProfile): PartnerProfile => ({
      ...p,
      tokenSha256: new Proxy(p.tokenSha256, {
        get(target, prop, receiver) {
          if (typeof prop === "string" && /^\d+$/.test(prop)) seen.push(`${p.id}:${prop}`);
          return Reflect.get(target, prop, receiver);
        },
      }),
    });
    const partners = [
      watched(profile({ id: "alpha", tokenSha256: [await hash("old"), await hash("new")] })),
      watched(profile({ id: "beta", tokenSha256: [await hash("beta")] })),
    ];
    expect(await checkPartnerKey("old", "alpha", partners)).toEqual({ ok: true });
    expect(seen).toEqual(["alpha:0", "alpha:1", "beta:0"]);
  });

  it("reads a bearer token with the one parser (RFC 6750 §2.1)", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer   abc  ")).toBe("abc");
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken("Basic xyz")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
  });
});
