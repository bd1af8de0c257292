import { imageSize } from "image-size";
import { IMAGE_MIME_TYPES, ImageSchema, type Image, type ImageMimeType } from "../model/image.ts";

/**
 * Measures each photo once at ingest: its byte size, its MIME type and its width and height, read
 * from the file's header with one ranged GET. A photo that cannot be measured keeps what extraction
 * found; measuring never fails an ingest.
 */
export type MeasureOptions = {
  /** The only I/O: the runtime's `fetch` in production, anything answering Requests in tests. */
  fetch: (request: Request) => Promise<Response>;
  /** Per image, covering the answer and the bytes read. */
  timeoutMs?: number;
  /** Photos after the first `maxImages` are left as they are. */
  maxImages?: number;
  /** The most bytes read from one photo; the header of every common format fits well within it. */
  maxHeaderBytes?: number;
};

const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_MAX_IMAGES = 12;
const DEFAULT_MAX_HEADER_BYTES = 256 * 1024;
/** Photos measured at the same time: a few, to be quick without hammering one origin. */
const CONCURRENCY = 4;

/** Unregistered spellings servers still send, mapped to the registered type (image.ts). */
const CONTENT_TYPE_ALIASES: Readonly<Record<string, ImageMimeType>> = { "image/jpg": "image/jpeg" };

/** image-size's detected `type` -> registered MIME type; types Wirefeed does not emit are absent. */
const DETECTED_MIME_TYPES: Readonly<Record<string, ImageMimeType>> = {
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif", // image-size reports a HEIF file's major brand
  svg: "image/svg+xml",
};

type Measurement = Partial<Pick<Image, "byteLength" | "mimeType" | "width" | "height">>;
type Settings = { fetch: MeasureOptions["fetch"]; timeoutMs: number; maxHeaderBytes: number };

export async function measureImages(images: readonly Image[], options: MeasureOptions): Promise<Image[]> {
  const settings: Settings = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxHeaderBytes: Math.max(1, options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES),
  };
  const result = [...images];
  const count = Math.min(images.length, Math.max(0, options.maxImages ?? DEFAULT_MAX_IMAGES));
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      result[index] = await measureImage(result[index]!, settings);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return result;
}

/** The image with what was measured, or the image unchanged when anything goes wrong. */
async function measureImage(image: Image, settings: Settings): Promise<Image> {
  try {
    const measured = await measure(image.url, settings);
    if (!measured) return image;
    const candidate: Image = { ...image };
    for (const [key, value] of Object.entries(measured)) {
      if (value !== undefined) (candidate as Record<string, unknown>)[key] = value;
    }
    // Parse at the boundary: a server or a header can claim anything (NaN or 0 from an SVG viewBox).
    return ImageSchema.safeParse(candidate).success ? candidate : image;
  } catch {
    return image;
  }
}

async function measure(url: string, { fetch, timeoutMs, maxHeaderBytes }: Settings): Promise<Measurement | undefined> {
  if (!/^https?:$/.test(safeProtocol(url))) return undefined;
  // One GET for the first bytes only (RFC 9110 §14.2 Range). A server may ignore Range and send the
  // whole file with 200 (§14.2: "a server MAY ignore the Range header field"); then the body is
  // read only until the header decodes or the cap is reached, and the rest is cancelled.
  // The timeout signal covers the answer and every read of its body (Fetch: abort errors the stream).
  const request = new Request(url, {
    headers: { Range: `bytes=0-${maxHeaderBytes - 1}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const response = await fetch(request);
  const byteLength = response.status === 206 ? rangeCompleteLength(response.headers) : response.status === 200 ? fullLength(response.headers) : null;
  if (byteLength === null || !response.body) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  const size = await readHeader(response.body, maxHeaderBytes);
  if (!size) return undefined;
  // EXIF orientations 5-8 turn the photo by 90° (CIPA DC-008 tag 0x0112) and browsers apply them
  // (CSS Images 3 `image-orientation: from-image` is the default), so the shown size is swapped.
  const turned = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
  return {
    byteLength,
    mimeType: declaredMimeType(response.headers.get("Content-Type")) ?? DETECTED_MIME_TYPES[size.type ?? ""],
    width: turned ? size.height : size.width,
    height: turned ? size.width : size.height,
  };
}

/**
 * The complete length from a 206's Content-Range (RFC 9110 §14.4: `bytes 0-1023/84512`), undefined
 * when it is `*` (unknown); null when the answer is not the range that starts the file, whose bytes
 * then are not the header.
 */
function rangeCompleteLength(headers: Headers): number | undefined | null {
  const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(headers.get("Content-Range")?.trim() ?? "");
  if (!match || match[1] !== "0") return null;
  return match[3] === "*" ? undefined : safeLength(match[3]!);
}

/** A 200's Content-Length is the file's size unless a content coding (RFC 9110 §8.4) changed the bytes. */
function fullLength(headers: Headers): number | undefined {
  const contentLength = headers.get("Content-Length");
  return contentLength === null || isEncoded(headers) ? undefined : safeLength(contentLength.trim());
}

function isEncoded(headers: Headers): boolean {
  const coding = headers.get("Content-Encoding")?.trim().toLowerCase();
  return coding !== undefined && coding !== "" && coding !== "identity";
}

function safeLength(digits: string): number | undefined {
  if (!/^\d+$/.test(digits)) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The server's Content-Type when it names a type Wirefeed emits; `application/octet-stream` says nothing. */
function declaredMimeType(contentType: string | null): ImageMimeType | undefined {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const mimeType = CONTENT_TYPE_ALIASES[essence] ?? IMAGE_MIME_TYPES.find((type) => type === essence);
  return mimeType === "application/octet-stream" ? undefined : mimeType;
}

type ImageHeader = ReturnType<typeof imageSize>;

/**
 * Reads until image-size decodes the bytes so far, the body ends, or `cap` bytes were read; then
 * cancels the rest of the body so a server ignoring Range never sends us the whole file. (A body
 * without Content-Length leaves byteLength unknown: it is not read to its end just to count it.)
 */
async function readHeader(body: ReadableStream<Uint8Array>, cap: number): Promise<ImageHeader | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytesRead = 0;
  try {
    while (bytesRead < cap) {
      const { done, value } = await reader.read();
      if (done) return undefined; // the bytes so far did not decode, and no more are coming
      const chunk = value.byteLength > cap - bytesRead ? value.subarray(0, cap - bytesRead) : value;
      chunks.push(chunk);
      bytesRead += chunk.byteLength;
      const decoded = decode(chunks, bytesRead);
      if (decoded) return decoded;
    }
    return undefined;
  } finally {
    reader.cancel().catch(() => {});
  }
}

function decode(chunks: readonly Uint8Array[], bytesRead: number): ImageHeader | undefined {
  // A fresh, exactly sized copy: image-size reads through DataViews over the whole buffer, so a
  // larger backing buffer would let a truncated header "decode" from stale bytes past its end.
  const bytes = new Uint8Array(bytesRead);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return imageSize(bytes);
  } catch {
    return undefined; // not (yet) decodable: a truncated header throws RangeError or TypeError
  }
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}
