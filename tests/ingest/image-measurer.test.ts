import { describe, expect, it, vi } from "vitest";
import type { Config } from "../../src/config.ts";
import { imageMeasurer } from "../../src/ingest/measure-images.ts";

const config = { measureImages: true, baseUrl: "http://localhost:8787", allowPrivate: [] } as unknown as Config;
const photo = (url: string) => ({ url, mimeType: "image/jpeg" as const });

describe("imageMeasurer: photos whose host cannot be reached", () => {
  it("logs one line per article naming the count and the hosts, and keeps the photos as they were", async () => {
    // What workerd's fetch does offline: it throws (DNS lookup failed) instead of answering.
    const offline = () => Promise.reject(new TypeError("Network connection lost."));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const images = [photo("https://a.example/1.jpg"), photo("https://a.example/2.jpg"), photo("https://b.example/3.jpg")];
    expect(await imageMeasurer(config, offline)!(images)).toEqual(images);
    expect(warn.mock.calls).toEqual([["wirefeed: 3 photos not measured: host unreachable (a.example, b.example)"]]);
    warn.mockRestore();
  });

  it("says nothing when every host answers, even with an error status", async () => {
    const answering = () => Promise.resolve(new Response("gone", { status: 404 }));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await imageMeasurer(config, answering)!([photo("https://a.example/1.jpg")]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
