import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutbound } from "../../src/fetch/index.ts";
import { measureImages, type MeasureOptions } from "../../src/ingest/measure-images.ts";
import type { Image } from "../../src/model/index.ts";
import { FIXTURES, HUGE_BYTES, startStubServers, type StubServers } from "../tools/stub-servers.ts";

let stubs: StubServers;
beforeAll(async () => {
  stubs = await startStubServers();
});
afterAll(() => stubs.close());

const photo = (path: string, extra: Partial<Image> = {}): Image => ({ url: `${stubs.baseUrl}${path}`, mimeType: "application/octet-stream", ...extra });
/** The outbound module, allowing the stub's loopback host and port only, over `fetcher` (the runtime's fetch by default). */
const via = (fetcher?: (request: Request) => Promise<Response>) => {
  const { hostname, port } = new URL(stubs.baseUrl);
  return createOutbound({ userAgent: "Wirefeed/1.0 (+https://wire.example)", allowPrivate: [{ host: hostname, port }], ...(fetcher ? { fetcher } : {}) });
};
const measureOne = async (image: Image, options: Partial<MeasureOptions> = {}) => (await measureImages([image], { outbound: via(), ...options }))[0]!;
const fixture = (name: string) => FIXTURES[name]!;

describe("measureImages against a server that honours Range", () => {
  for (const name of ["photo.jpg", "photo.png", "photo.gif", "photo.webp", "photo.svg", "rotated.jpg"]) {
    it(`measures ${name}: size, type and dimensions`, async () => {
      const { bytes, mimeType, width, height } = fixture(name);
      expect(await measureOne(photo(`/range/${name}`, { alt: "kept" }))).toEqual({
        url: `${stubs.baseUrl}/range/${name}`,
        mimeType,
        byteLength: bytes.length,
        width,
        height,
        alt: "kept",
      });
    });
  }

  it("takes byteLength from Content-Range's complete length when only the first bytes came", async () => {
    const exchanges: [string | null, number][] = [];
    const recording = async (request: Request) => {
      const response = await fetch(request);
      exchanges.push([request.headers.get("Range"), response.status]);
      return response;
    };
    const measured = await measureOne(photo("/range/photo.png"), { outbound: via(recording), maxHeaderBytes: 40 });
    expect(exchanges).toEqual([["bytes=0-39", 206]]);
    expect(measured).toMatchObject({ byteLength: fixture("photo.png").bytes.length, width: 33, height: 21, mimeType: "image/png" });
  });

  it("reads a JPEG whose SOF sits behind large APP segments, within the default cap", async () => {
    expect(await measureOne(photo("/range/big-header.jpg"))).toMatchObject({ width: 1200, height: 800, byteLength: fixture("big-header.jpg").bytes.length });
  });

  it("leaves a JPEG unchanged when its header is longer than maxHeaderBytes", async () => {
    const image = photo("/range/big-header.jpg", { byteLength: 5 });
    expect(await measureOne(image, { maxHeaderBytes: 64 * 1024 })).toBe(image);
  });

  it("follows a redirect to the photo", async () => {
    expect(await measureOne(photo("/redirect/photo.gif"))).toMatchObject({ width: 17, height: 9, mimeType: "image/gif" });
  });
});

describe("measureImages against servers that ignore Range", () => {
  it("takes byteLength from a 200's Content-Length", async () => {
    const measured = await measureOne(photo("/full/photo.png"), { maxHeaderBytes: 40 });
    expect(measured).toMatchObject({ byteLength: fixture("photo.png").bytes.length, width: 33, height: 21 });
  });

  it("reads a body without Content-Length piece by piece, keeping the extracted byteLength it cannot know", async () => {
    const measured = await measureOne(photo("/chunked/big-header.jpg", { byteLength: 1234 }));
    expect(measured).toMatchObject({ width: 1200, height: 800, mimeType: "image/jpeg", byteLength: 1234 });
  });

  it("stops reading a huge photo once its header decodes", async () => {
    const id = crypto.randomUUID();
    const measured = await measureOne(photo(`/huge/${id}/png`));
    expect(measured).toMatchObject({ width: 33, height: 21, mimeType: "image/png", byteLength: HUGE_BYTES });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the server see the cancel
    expect(stubs.bytesServed(id)).toBeLessThan(HUGE_BYTES / 4);
  });

  it("stops at maxHeaderBytes when the bytes never decode", async () => {
    const id = crypto.randomUUID();
    const image = photo(`/huge/${id}/junk`);
    expect(await measureOne(image)).toBe(image);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stubs.bytesServed(id)).toBeLessThan(HUGE_BYTES / 4);
  });
});

describe("measureImages and the server's Content-Type", () => {
  it.each([
    ["image~jpg", "photo.jpg", "image/jpeg"], // unregistered alias, normalized
    ["application~octet-stream", "photo.png", "image/png"], // says nothing: the bytes decide
    ["none", "photo.webp", "image/webp"],
    ["text~plain", "photo.gif", "image/gif"],
  ])("answered as %s, %s is %s", async (type, name, expected) => {
    expect((await measureOne(photo(`/type/${type}/${name}`))).mimeType).toBe(expected);
  });

  it("takes the server's word when it names a type Wirefeed emits, even over the bytes", async () => {
    const image = photo("/type/image~png/photo.gif", { mimeType: "image/gif" });
    expect(await measureOne(image)).toMatchObject({ mimeType: "image/png", width: 17, height: 9 });
  });

  it("keeps the extracted type when neither the answer nor the bytes give one Wirefeed emits", async () => {
    const image = photo("/type/application~octet-stream/photo.bmp", { mimeType: "image/png" });
    expect(await measureOne(image)).toMatchObject({ mimeType: "image/png", width: 2, height: 2, byteLength: fixture("photo.bmp").bytes.length });
  });
});

describe("measureImages when measuring fails", () => {
  const failures: [string, string][] = [
    ["a 404", "/status/404"],
    ["a 500", "/status/500"],
    ["an HTML page served with 200", "/full/page.html"],
    ["an SVG whose viewBox gives no size", "/range/weird.svg"],
    ["a server that never answers", "/hang/headers"],
    ["a body that stalls", "/hang/body"],
  ];
  for (const [what, path] of failures) {
    it(`leaves the image as it was for ${what}`, async () => {
      const image = photo(path, { mimeType: "image/jpeg", byteLength: 99, width: 4, height: 3, caption: "As extracted" });
      expect(await measureOne(image, { timeoutMs: 200 })).toBe(image);
    });
  }

  it("never fetches a URL that is not http(s), and survives a fetch that throws", async () => {
    const requested: string[] = [];
    const throwing = async (request: Request): Promise<Response> => {
      requested.push(request.url);
      throw new TypeError("network down");
    };
    const images = [photo("/range/photo.png"), { url: "data:image/png;base64,AAAA", mimeType: "image/png" } as Image, { url: "not a url", mimeType: "image/png" } as Image];
    expect(await measureImages(images, { outbound: via(throwing) })).toEqual(images);
    expect(requested).toEqual([images[0]!.url]);
  });
});

describe("measureImages and the URL policy", () => {
  it("never measures a private target that is not allowed, directly or after a redirect", async () => {
    const port = new URL(stubs.baseUrl).port;
    const refused = [`http://localhost:${port}/range/photo.png`, `http://127.0.0.1:1/range/photo.png`, `http://[::ffff:127.0.0.1]:${port}/range/photo.png`];
    const images = [...refused, ...refused.map((url) => `/goto/302?to=${encodeURIComponent(url)}`)].map((url) =>
      url.startsWith("/") ? photo(url, { mimeType: "image/png" }) : ({ url, mimeType: "image/png" } as Image),
    );
    const measured = await measureImages(images, { outbound: via() });
    expect(measured).toEqual(images);
    expect(measured.some((image) => image.byteLength !== undefined)).toBe(false);
  });
});

describe("measureImages over a list", () => {
  it("keeps order and length, measures only the first maxImages, a few at a time", async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const urls: string[] = [];
    const counting = async (request: Request) => {
      urls.push(request.url);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await fetch(request);
      } finally {
        inFlight--;
      }
    };
    const names = ["photo.png", "page.html", "photo.gif", "photo.jpg", "photo.webp", "rotated.jpg", "photo.svg", "photo.png"];
    const images = names.map((name) => photo(`/range/${name}`));
    const measured = await measureImages(images, { outbound: via(counting), maxImages: 6 });

    expect(measured).toHaveLength(images.length);
    expect(measured.map((image) => image.url)).toEqual(images.map((image) => image.url));
    expect(urls.sort()).toEqual(images.slice(0, 6).map((image) => image.url).sort());
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(measured[1]).toBe(images[1]); // the HTML page
    expect(measured.slice(6)).toEqual(images.slice(6)); // beyond maxImages: untouched
    expect(measured.map((image) => image.width)).toEqual([33, undefined, 17, 640, 300, 480, undefined, undefined]);
    expect(images.every((image) => image.width === undefined)).toBe(true); // the input is not mutated
  });

  it("answers an empty list without fetching", async () => {
    expect(await measureImages([], { outbound: via(() => Promise.reject(new Error("no fetch expected"))) })).toEqual([]);
  });
});
