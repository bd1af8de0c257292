import { describe, expect, inject, it } from "vitest";
import { createOutbound } from "../../src/fetch/index.ts";
import { measureImages } from "../../src/ingest/measure-images.ts";
import { publishToHub } from "../../src/ingest/websub.ts";
import type { Image } from "../../src/model/index.ts";
import type { FixtureInfo, HubPost } from "../tools/stub-servers.ts";

// The same outbound code as in the Node tests, run inside workerd with its own global fetch, against
// the loopback stubs that tests/worker/global-setup.ts started in Node (allowed by host and port, as
// OUTBOUND_ALLOW_PRIVATE would).
const BASE = inject("stubBaseUrl");
const outbound = createOutbound({ userAgent: "Wirefeed/1.0 (+http://localhost:8787)", allowPrivate: [{ host: new URL(BASE).hostname, port: new URL(BASE).port }] });
const HUGE_BYTES = 64 * 1024 * 1024; // tests/tools/stub-servers.ts (a Node module: not importable here)

const getJson = async <T,>(path: string): Promise<T> => (await fetch(BASE + path)).json<T>();
const photo = (path: string, extra: Partial<Image> = {}): Image => ({ url: BASE + path, mimeType: "application/octet-stream", ...extra });

describe("measureImages inside workerd", () => {
  it("measures every format through workerd's fetch, passed as is", async () => {
    const manifest = await getJson<Record<string, FixtureInfo>>("/manifest");
    const names = ["photo.jpg", "rotated.jpg", "big-header.jpg", "photo.png", "photo.gif", "photo.webp", "photo.svg"];
    const measured = await measureImages(names.map((name) => photo(`/range/${name}`)), { outbound });
    expect(measured).toEqual(
      names.map((name) => {
        const { mimeType, width, height, byteLength } = manifest[name]!;
        return { url: `${BASE}/range/${name}`, mimeType, width, height, byteLength };
      }),
    );
  });

  it("reads Content-Range on a 206 and Content-Length on a 200 that ignored Range", async () => {
    const [ranged, full] = await measureImages([photo("/range/photo.png"), photo("/full/photo.png")], { outbound, maxHeaderBytes: 40 });
    expect(ranged).toMatchObject({ byteLength: 81, width: 33, height: 21, mimeType: "image/png" });
    expect(full).toMatchObject({ byteLength: 81, width: 33, height: 21, mimeType: "image/png" });
  });

  it("normalizes image/jpg and sees through application/octet-stream", async () => {
    const measured = await measureImages([photo("/type/image~jpg/photo.jpg"), photo("/type/application~octet-stream/photo.webp")], { outbound });
    expect(measured.map((image) => image.mimeType)).toEqual(["image/jpeg", "image/webp"]);
  });

  it("cancels a huge body once the header decodes", async () => {
    const id = crypto.randomUUID();
    const [measured] = await measureImages([photo(`/huge/${id}/png`)], { outbound });
    expect(measured).toMatchObject({ width: 33, height: 21, byteLength: HUGE_BYTES });
    await scheduler.wait(100); // let the server see the cancel
    const { bytesServed } = await getJson<{ bytesServed: number }>(`/stats/${id}`);
    expect(bytesServed).toBeGreaterThan(0);
    expect(bytesServed).toBeLessThan(HUGE_BYTES / 4);
  });

  it("leaves failures as they were: 404, HTML, no answer, a stalled body", async () => {
    const images = ["/status/404", "/full/page.html", "/hang/headers", "/hang/body"].map((path) => photo(path, { mimeType: "image/jpeg", byteLength: 7 }));
    const measured = await measureImages(images, { outbound, timeoutMs: 200 });
    expect(measured).toEqual(images);
  });
});

describe("publishToHub inside workerd", () => {
  it("POSTs the form the hub expects and reports 2xx as ok", async () => {
    const channel = crypto.randomUUID();
    const topics = ["http://localhost:8787/feed.xml", "http://localhost:8787/feed.json"];
    expect(await publishToHub(`${BASE}/hub/${channel}`, topics, { outbound })).toEqual({ ok: true, status: 204 });
    expect(await getJson<HubPost[]>(`/hub/${channel}/log`)).toEqual([
      {
        method: "POST",
        contentType: "application/x-www-form-urlencoded",
        form: [["hub.mode", "publish"], ["hub.url", topics[0]], ["hub.url", topics[1]]],
      },
    ]);
  });

  it("reports a failing or silent hub as a value", async () => {
    const failing = await publishToHub(`${BASE}/hub/${crypto.randomUUID()}?status=500`, ["http://localhost:8787/feed.xml"], { outbound });
    expect(failing).toMatchObject({ ok: false, status: 500 });
    const silent = await publishToHub(`${BASE}/hub-hang/${crypto.randomUUID()}`, ["http://localhost:8787/feed.xml"], { outbound, timeoutMs: 200 });
    expect(silent).toEqual({ ok: false, error: "hub did not answer in time" });
  });
});
