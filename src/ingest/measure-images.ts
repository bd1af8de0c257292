import { imageSize } from "image-size";
import type { Config } from "../config.ts";
import { mimeTypeForExtension, normalizeMimeType } from "../extract/mime.ts";
import { outboundFor, type Outbound } from "../fetch/index.ts";
import { ImageSchema, type Image, type ImageMimeType } from "../model/image.ts";
import type { MeasureImages } from "./pipeline.ts";

/**
 * Measures each photo once at ingest: its byte size, its MIME type and its width and height, read
 * from the file's header with one ranged GET. A photo that cannot be measured keeps what extraction
 * found; measuring never fails an ingest. Photo URLs come from article content, so every request
 * goes through the outbound module's URL policy (src/fetch/): a refused URL is never measured.
 */
export type MeasureOptions = {
  /** The only I/O: the outbound module (policy, redirects re-checked, byte cap). */
  outbound: Outbound;
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

/**
 * The photo measurer of this deployment, or none when MEASURE_IMAGES is "false". Photos whose host
 * cannot be reached (offline: DNS) are logged as one line per article, not one per photo: the
 * ingest goes on without their sizes, and `npm start` sums these lines into one (README, "Offline").
 */
export function imageMeasurer(config: Config, fetcher?: (request: Request) => Promise<Response>): MeasureImages {
  if (!config.measureImages) return undefined;
  return async (images) => {
    const outbound = outboundFor(config, fetcher);
    const unreachable: string[] = [];
    const counting: Outbound = {
      fetch: (request) =>
        outbound.fetch(request).then((result) => {
          if (!result.ok && result.reason === "network") unreachable.push(new URL(result.url).host);
          return result;
        }),
    };
    const measured = await measureImages(images, { outbound: counting });
    if (unreachable.length > 0) {
      const photos = unreachable.length === 1 ? "1 photo" : `${unreachable.length} photos`;
      console.warn(`wirefeed: ${photos} not measured: host unreachable (${[...new Set(unreachable)].join(", ")})`);
    }
    return measured;
  };
}

type Measurement = Partial<Pick<Image, "byteLength" | "mimeType" | "width" | "height">>;
type Settings = { outbound: Outbound; timeoutMs: number; maxHeaderBytes: number };

export async function measureImages(images: readonly Image[], options: MeasureOptions): Promise<Image[]> {
  const settings: Settings = {
    outbound: options.outbound,
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

async function measure(url: string, { outbound, timeoutMs, maxHeaderBytes }: Settings): Promise<Measurement | undefined> {
  // One GET for the first bytes only (RFC 9110 §14.2 Range). A server may ignore Range and send the
  // whole file with 200 (§14.2: "a server MAY ignore the Range header field"); then the body is
  // read only until the header decodes or the cap is reached, and the rest is cancelled.
  let size: ImageHeader | undefined;
  const result = await outbound.fetch({
    url,
    headers: { Range: `bytes=0-${maxHeaderBytes - 1}` },
    timeoutMs,
    maxBytes: maxHeaderBytes,
    truncate: true,
    enough: (bytes) => (size = decode(bytes)) !== undefined,
  });
  if (!result.ok) return undefined;
  const { status, headers } = result;
  const byteLength = status === 206 ? rangeCompleteLength(headers) : status === 200 ? fullLength(headers) : null;
  size ??= decode(result.body);
  if (byteLength === null || !size) return undefined;
  // EXIF orientations 5-8 turn the photo by 90° (CIPA DC-008 tag 0x0112) and browsers apply them
  // (CSS Images 3 `image-orientation: from-image` is the default), so the shown size is swapped.
  const turned = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
  return {
    byteLength,
    mimeType: declaredMimeType(headers.get("Content-Type")) ?? mimeTypeForExtension(size.type ?? ""),
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
  const mimeType = normalizeMimeType(contentType ?? undefined);
  return mimeType === "application/octet-stream" ? undefined : mimeType;
}

type ImageHeader = ReturnType<typeof imageSize>;

/** The header of the bytes so far; undefined while they do not decode (a truncated header throws). */
function decode(bytes: Uint8Array): ImageHeader | undefined {
  try {
    return imageSize(bytes);
  } catch {
    return undefined;
  }
}
