import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hashPartnerKey, parsePartners } from "../../src/partners/index.ts";
import COMMITTED from "../../config/partners.json";
import TEST_PROFILES from "./profiles.json";

const HASH = "a".repeat(64);
const partner = (o: Record<string, unknown> = {}) => ({ id: "p", name: "P", tokenSha256: [HASH], ...o });

describe("partner profiles are validated data", () => {
  it("the committed config/partners.json and the test profiles pass the schema, with defaults filled in", () => {
    const committed = parsePartners(COMMITTED);
    expect(committed.ok, JSON.stringify(committed)).toBe(true);
    expect(parsePartners(JSON.stringify(TEST_PROFILES)).ok).toBe(true);
    const result = parsePartners({ partners: [partner()] });
    expect(result).toEqual({
      ok: true,
      partners: [{ id: "p", name: "P", tokenSha256: [HASH], formats: ["rss", "atom", "json"], content: "full", itemCount: 30, minImageWidth: 0, minImageHeight: 0, requireImage: false, htmlProfile: "basic", descriptionMinLength: 300 }],
    });
  });

  it("the example partner's key in .dev.vars.example is the one whose hash is committed (and only the hash is)", async () => {
    const key = /^EXAMPLE_PARTNER_KEY=(.+)$/m.exec(readFileSync(new URL("../../.dev.vars.example", import.meta.url), "utf8"))?.[1]?.trim();
    expect(key).toBeDefined();
    const committed = readFileSync(new URL("../../config/partners.json", import.meta.url), "utf8");
    expect(committed).toContain(await hashPartnerKey(key!));
    expect(committed).not.toContain(key!);
  });

  it.each([
    ["a clear key instead of a hash", partner({ tokenSha256: ["my-secret-key"] }), "partners.0.tokenSha256.0"],
    ["three keys at once", partner({ tokenSha256: [HASH, "b".repeat(64), "c".repeat(64)] }), "partners.0.tokenSha256"],
    ["no key", partner({ tokenSha256: [] }), "partners.0.tokenSha256"],
    ["an unknown format", partner({ formats: ["rdf"] }), "partners.0.formats.0"],
    ["a misspelt rule", partner({ requireImages: true }), "partners.0"],
    ["an item count over 100", partner({ itemCount: 500 }), "partners.0.itemCount"],
    ["a bad accent colour", partner({ webfeeds: { accentColor: "#00ff00" } }), "partners.0.webfeeds.accentColor"],
    ["a tiny size cap", partner({ maxFeedBytes: 10 }), "partners.0.maxFeedBytes"],
    ["an unknown HTML profile", partner({ htmlProfile: "anything" }), "partners.0.htmlProfile"],
  ])("refuses %s, naming the field", (_name, bad, path) => {
    const result = parsePartners({ partners: [bad] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it("refuses duplicate ids and a key hash shared by two partners (a key must name one partner)", () => {
    const result = parsePartners({ partners: [partner(), partner({ id: "q" }), partner({ tokenSha256: ["b".repeat(64)] })] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(["partners.1.tokenSha256.0", "partners.2.id"]);
    expect(parsePartners("{not json").ok).toBe(false);
  });
});
