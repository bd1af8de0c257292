/**
 * Loopback HTTP stubs for outbound requests (image measuring, WebSub pings), in Node only: the unit
 * tests start them per file, and the worker project's globalSetup starts them for workerd.
 * Everything observable (bytes served, posts received) is also readable over HTTP, so a test inside
 * workerd can check it. State is keyed by an id the test chooses: no test sees another's leftovers.
 *
 * Routes:
 *   GET  /manifest                       every fixture's name, size, type and dimensions (JSON)
 *   GET  /range/<fixture>                honours Range: 206 + Content-Range (200 without Range)
 *   GET  /full/<fixture>                 ignores Range: 200 + Content-Length
 *   GET  /chunked/<fixture>              ignores Range: 200, no Content-Length, written in small pieces
 *   GET  /type/<content-type>/<fixture>  206 with that Content-Type (`image~jpg` for `image/jpg`, `none`)
 *   GET  /status/<code>                  that status, a small text body
 *   GET  /redirect/<fixture>             302 to /range/<fixture>
 *   ANY  /goto/<status>?to=<url>         that redirect status (301/302/303/307/308) with Location: <url> (itself without ?to)
 *   ANY  /headers                        the request's method, headers and body length (JSON)
 *   GET  /hang/headers                   never answers
 *   GET  /hang/body                      200 image/png, 8 bytes, then nothing
 *   GET  /huge/<id>/<png|junk>           ignores Range, HUGE_BYTES of body (a PNG header or junk first)
 *   GET  /stats/<id>                     { bytesServed } for a /huge/<id> answer
 *   POST /hub/<channel>[?status=500]     records the ping, answers 204 (or the status asked)
 *   POST /hub-hang/<channel>             records the ping, never answers
 *   GET  /hub/<channel>/log              the pings recorded for the channel (JSON HubPost[])
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { deflateSync } from "node:zlib";

export type Fixture = { bytes: Uint8Array; mimeType: string; width: number; height: number };
export type FixtureInfo = Omit<Fixture, "bytes"> & { byteLength: number };
export type HubPost = { method: string; contentType: string; form: [string, string][] };
export type StubServers = {
  baseUrl: string;
  bytesServed(id: string): number;
  hubPosts(channel: string): HubPost[];
  close(): Promise<void>;
};

/** Far more than any cap: reading it whole would show in bytesServed. */
export const HUGE_BYTES = 64 * 1024 * 1024;
/** Hanging answers are ended after this anyway, so a forgotten socket never outlives a run by much. */
const HANG_LIMIT_MS = 20_000;

// ---- tiny real images, built in code -------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16be = (n: number) => [(n >>> 8) & 255, n & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const u24le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function pngChunk(type: string, data: Uint8Array): number[] {
  const typed = Uint8Array.from([...ascii(type), ...data]);
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
}

/** A valid truecolour PNG (PNG spec §5, §11.2.2): signature, IHDR, one zlib IDAT of black rows, IEND. */
export function makePng(width: number, height: number): Uint8Array {
  const rows = new Uint8Array(height * (1 + width * 3)); // filter byte 0 + RGB per pixel, all black
  const ihdr = Uint8Array.from([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  return Uint8Array.from([
    0x89, ...ascii("PNG\r\n\x1a\n"),
    ...pngChunk("IHDR", ihdr),
    ...pngChunk("IDAT", new Uint8Array(deflateSync(rows))),
    ...pngChunk("IEND", new Uint8Array()),
  ]);
}

/**
 * A baseline JPEG header (ITU T.81 B.2): SOI, APP0 JFIF, optional APPn padding segments and an EXIF
 * orientation, SOF0, EOI. No scan: enough for a header reader, which is what is being tested.
 */
export function makeJpeg(width: number, height: number, extra: { orientation?: number; paddingSegments?: number } = {}): Uint8Array {
  const jfif = [0xff, 0xe0, ...u16be(16), ...ascii("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const exif = extra.orientation === undefined ? [] : exifSegment(extra.orientation);
  // The largest APPn segment (its 16-bit length counts itself), as a camera's ICC or XMP would be.
  const padding = Array.from({ length: extra.paddingSegments ?? 0 }, () => [0xff, 0xe2, ...u16be(0xffff), ...new Array<number>(0xffff - 2).fill(0x20)]).flat();
  const sof0 = [0xff, 0xc0, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...jfif, ...exif, ...padding, ...sof0, 0xff, 0xd9]);
}

function exifSegment(orientation: number): number[] {
  // "Exif\0\0", big-endian TIFF header, IFD0 with one entry: Orientation (0x0112), SHORT, 1 value.
  const tiff = [...ascii("MM"), 0, 42, ...u32(8), ...u16be(1), ...u16be(0x0112), ...u16be(3), ...u32(1), ...u16be(orientation), 0, 0, ...u32(0)];
  const data = [...ascii("Exif\0\0"), ...tiff];
  return [0xff, 0xe1, ...u16be(data.length + 2), ...data];
}

/** GIF89a (GIF spec §17-§20): header, screen descriptor, 2-colour table, one image (its LZW data is a stub: for header readers), trailer. */
export function makeGif(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    ...ascii("GIF89a"), ...u16le(width), ...u16le(height), 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
    0x2c, 0, 0, 0, 0, ...u16le(width), ...u16le(height), 0, 2, 2, 0x44, 0x01, 0, 0x3b,
  ]);
}

/** An extended WebP (RIFF container, `VP8X` chunk with the canvas size, WebP container spec). */
export function makeWebp(width: number, height: number): Uint8Array {
  const vp8x = [...ascii("VP8X"), ...u32le(10), 0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)];
  return Uint8Array.from([...ascii("RIFF"), ...u32le(4 + vp8x.length), ...ascii("WEBP"), ...vp8x]);
}
function u32le(n: number) {
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
}

/** A 24-bit BMP (BITMAPINFOHEADER): a format image-size reads but Wirefeed does not emit. */
export function makeBmp(width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const pixels = new Array<number>(rowBytes * height).fill(0);
  const info = [...u32le(40), ...u32le(width), ...u32le(height), ...u16le(1), ...u16le(24), ...u32le(0), ...u32le(pixels.length), ...u32le(2835), ...u32le(2835), ...u32le(0), ...u32le(0)];
  return Uint8Array.from([...ascii("BM"), ...u32le(14 + info.length + pixels.length), 0, 0, 0, 0, ...u32le(14 + info.length), ...info, ...pixels]);
}

const svg = (root: string) => new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" ${root}><rect width="1" height="1"/></svg>\n`);

export const FIXTURES: Readonly<Record<string, Fixture>> = {
  "photo.jpg": { bytes: makeJpeg(640, 480), mimeType: "image/jpeg", width: 640, height: 480 },
  "rotated.jpg": { bytes: makeJpeg(640, 480, { orientation: 6 }), mimeType: "image/jpeg", width: 480, height: 640 },
  "big-header.jpg": { bytes: makeJpeg(1200, 800, { paddingSegments: 3 }), mimeType: "image/jpeg", width: 1200, height: 800 },
  "photo.png": { bytes: makePng(33, 21), mimeType: "image/png", width: 33, height: 21 },
  "photo.gif": { bytes: makeGif(17, 9), mimeType: "image/gif", width: 17, height: 9 },
  "photo.webp": { bytes: makeWebp(300, 200), mimeType: "image/webp", width: 300, height: 200 },
  "photo.bmp": { bytes: makeBmp(2, 2), mimeType: "image/bmp", width: 2, height: 2 },
  "photo.svg": { bytes: svg('width="120" height="80" viewBox="0 0 120 80"'), mimeType: "image/svg+xml", width: 120, height: 80 },
  // A viewBox of zeros gives image-size NaN dimensions: must be refused, not stored.
  "weird.svg": { bytes: svg('viewBox="0 0 0 0"'), mimeType: "image/svg+xml", width: 0, height: 0 },
  "page.html": { bytes: new TextEncoder().encode("<!doctype html><title>Not an image</title>\n"), mimeType: "text/html", width: 0, height: 0 },
};

// ---- the server ----------------------------------------------------------------------------------

export async function startStubServers(): Promise<StubServers> {
  const served = new Map<string, number>();
  const posts = new Map<string, HubPost[]>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    route(request, response, { served, posts }).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    bytesServed: (id) => served.get(id) ?? 0,
    hubPosts: (channel) => posts.get(channel) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type State = { served: Map<string, number>; posts: Map<string, HubPost[]> };

async function route(request: IncomingMessage, response: ServerResponse, state: State): Promise<void> {
  const url = new URL(request.url ?? "/", "http://stub");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [kind, a, b, c] = parts;

  if (request.method === "POST" && (kind === "hub" || kind === "hub-hang") && a) {
    const post = { method: request.method, contentType: request.headers["content-type"] ?? "", form: [...new URLSearchParams(await readText(request))] };
    state.posts.set(a, [...(state.posts.get(a) ?? []), post]);
    if (kind === "hub-hang") return hang(response);
    response.writeHead(Number(url.searchParams.get("status") ?? 204)).end();
    return;
  }
  if (kind === "hub" && a && b === "log") return json(response, state.posts.get(a) ?? []);
  if (kind === "manifest") {
    return json(response, Object.fromEntries(Object.entries(FIXTURES).map(([name, { bytes, ...info }]) => [name, { ...info, byteLength: bytes.length }])));
  }
  if (kind === "stats" && a) return json(response, { bytesServed: state.served.get(a) ?? 0 });
  if (kind === "status" && a) {
    response.writeHead(Number(a), { "Content-Type": "text/plain" }).end(`status ${a}\n`);
    return;
  }
  if (kind === "hang" && a === "headers") return hang(response);
  if (kind === "hang" && a === "body") {
    response.writeHead(200, { "Content-Type": "image/png", "Content-Length": "100000" });
    response.write(FIXTURES["photo.png"]!.bytes.subarray(0, 8)); // the signature only: undecodable
    return hang(response);
  }
  if (kind === "huge" && a && b) return sendHuge(response, a, b === "png", state);
  if (kind === "goto" && a) {
    response.writeHead(Number(a), { Location: url.searchParams.get("to") ?? url.pathname }).end();
    return;
  }
  if (kind === "headers") {
    const body = await readText(request);
    return json(response, { method: request.method, headers: request.headers, bodyLength: body.length });
  }
  if (kind === "redirect" && a) {
    response.writeHead(302, { Location: `/range/${a}` }).end();
    return;
  }

  const name = kind === "type" ? b : a;
  const fixture = name === undefined ? undefined : FIXTURES[name];
  if (!fixture || c !== undefined) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("no such stub\n");
    return;
  }
  const bytes = fixture.bytes;
  if (kind === "full") {
    response.writeHead(200, { "Content-Type": fixture.mimeType, "Content-Length": String(bytes.length) }).end(bytes);
  } else if (kind === "chunked") {
    response.writeHead(200, { "Content-Type": fixture.mimeType });
    for (let offset = 0; offset < bytes.length; offset += 4096) {
      response.write(bytes.subarray(offset, offset + 4096));
      await new Promise((resolve) => setImmediate(resolve));
    }
    response.end();
  } else if (kind === "range" || kind === "type") {
    const contentType = kind === "type" ? a!.replace("~", "/") : fixture.mimeType;
    sendRange(request, response, bytes, contentType === "none" ? undefined : contentType);
  } else {
    response.writeHead(404).end();
  }
}

/** RFC 9110 §14: one `bytes=first-last` range gets 206 and Content-Range; anything else the whole file. */
function sendRange(request: IncomingMessage, response: ServerResponse, bytes: Uint8Array, contentType: string | undefined) {
  const headers: Record<string, string> = contentType ? { "Content-Type": contentType } : {};
  const match = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
  if (!match) {
    response.writeHead(200, { ...headers, "Content-Length": String(bytes.length) }).end(bytes);
    return;
  }
  const first = Number(match[1]);
  const last = Math.min(match[2] ? Number(match[2]) : bytes.length - 1, bytes.length - 1);
  if (first > last) {
    response.writeHead(416, { "Content-Range": `bytes */${bytes.length}` }).end();
    return;
  }
  const part = bytes.subarray(first, last + 1);
  response
    .writeHead(206, { ...headers, "Content-Range": `bytes ${first}-${last}/${bytes.length}`, "Content-Length": String(part.length) })
    .end(part);
}

/** HUGE_BYTES in 64 KiB writes, honouring back-pressure, counting what was handed to the socket. */
async function sendHuge(response: ServerResponse, id: string, png: boolean, state: State) {
  const head = png ? FIXTURES["photo.png"]!.bytes.subarray(0, 33) : new Uint8Array(0); // signature + IHDR
  response.writeHead(200, { "Content-Type": png ? "image/png" : "application/octet-stream", "Content-Length": String(HUGE_BYTES) });
  const filler = new Uint8Array(64 * 1024).fill(png ? 0 : 0x5a);
  let sent = 0;
  let closed = false;
  response.on("close", () => (closed = true));
  while (sent < HUGE_BYTES && !closed) {
    const chunk = sent === 0 ? Uint8Array.from([...head, ...filler.subarray(head.length)]) : filler.subarray(0, Math.min(filler.length, HUGE_BYTES - sent));
    sent += chunk.length;
    state.served.set(id, sent);
    if (!response.write(chunk)) await drainedOrClosed(response);
  }
  response.end();
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

function hang(response: ServerResponse): void {
  const timer = setTimeout(() => response.destroy(), HANG_LIMIT_MS);
  response.on("close", () => clearTimeout(timer));
}

export function json(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(value));
}

export async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
