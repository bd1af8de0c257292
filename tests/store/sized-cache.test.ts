import { describe, expect, it } from "vitest";
import { SizedCache } from "../../src/store/sized-cache.ts";

const entry = (size: number) => ({ body: new Blob([new Uint8Array(size)]) });
const bodySize = (value: { body: Blob }) => value.body.size;

describe("SizedCache", () => {
  it("evicts the oldest entries once the bodies exceed the byte bound", () => {
    const cache = new SizedCache<{ body: Blob }>(100, 1000, bodySize);
    cache.set("a", entry(400));
    cache.set("b", entry(400));
    cache.set("c", entry(400)); // 1200 bytes: "a" goes
    expect([cache.get("a"), cache.size]).toEqual([undefined, 2]);
    expect(cache.get("b")?.body.size).toBe(400);
    cache.set("b", entry(100)); // replacing counts the new size only: 500 bytes, nothing goes
    expect([cache.get("c")?.body.size, cache.get("b")?.body.size, cache.size]).toEqual([400, 100, 2]);
  });

  it("evicts by count, keeps a lone entry larger than the byte bound, and clears", () => {
    const cache = new SizedCache<{ body: Blob }>(2, 1000, bodySize);
    cache.set("a", entry(1));
    cache.set("b", entry(1));
    cache.set("c", entry(1));
    expect([cache.get("a"), cache.size]).toEqual([undefined, 2]);
    cache.set("huge", entry(5000)); // everything older goes, the newest stays
    expect([cache.size, cache.get("huge")?.body.size]).toEqual([1, 5000]);
    cache.clear(); // the byte count starts again from zero: two 400-byte entries both fit
    cache.set("d", entry(400));
    cache.set("e", entry(400));
    expect(cache.size).toBe(2);
  });
});
