import type { ImageMimeType } from "../model/index.ts";
import { IMAGE_MIME_TYPES } from "../model/index.ts";

/**
 * File extension -> IANA image media type (https://www.iana.org/assignments/media-types/#image).
 * A table, never `image/${ext}`: that would yield the unregistered `image/jpg` and `image/jpe`.
 */
const MIME_BY_EXTENSION: ReadonlyMap<string, ImageMimeType> = new Map(Object.entries({
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jpe: "image/jpeg",
  jfif: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
} satisfies Record<string, ImageMimeType>));

/** RFC 2046 §4.5.1: arbitrary binary data; ingest-time measurement replaces it with the server's answer. */
export const UNKNOWN_MIME_TYPE: ImageMimeType = "application/octet-stream";

/** Query parameters image CDNs read as the output format (`?format=jpg`, imgix `fm=png`). */
const FORMAT_PARAMS = ["format", "fm", "output-format"] as const;

/**
 * MIME type of an image URL: the format its query asks the CDN for, else its path's extension. The
 * query wins because it is what the server sends (`photo.jpg?format=webp` is WebP).
 */
export function mimeTypeFromUrl(url: string): ImageMimeType {
  let pathname: string;
  let params: URLSearchParams | undefined;
  try {
    const parsed = new URL(url);
    [pathname, params] = [parsed.pathname, parsed.searchParams];
  } catch {
    pathname = url.split(/[?#]/)[0] ?? "";
  }
  for (const name of FORMAT_PARAMS) {
    const asked = params?.get(name)?.toLowerCase();
    const type = asked ? MIME_BY_EXTENSION.get(asked) : undefined;
    if (type) return type;
  }
  const extension = pathname.match(/\.([A-Za-z0-9]+)$/)?.[1]?.toLowerCase();
  return (extension ? MIME_BY_EXTENSION.get(extension) : undefined) ?? UNKNOWN_MIME_TYPE;
}

/** MIME type of a file extension or a detected format name (`jpg`, `png`, `avif`), when we emit it. */
export function mimeTypeForExtension(extension: string): ImageMimeType | undefined {
  return MIME_BY_EXTENSION.get(extension.toLowerCase());
}

/** A declared type (og:image:type, JSON-LD encodingFormat) when it is one we emit; `image/jpg` is mapped. */
export function normalizeMimeType(declared: string | undefined): ImageMimeType | undefined {
  const value = declared?.trim().toLowerCase().split(";")[0];
  if (!value) return undefined;
  if (value === "image/jpg" || value === "image/pjpeg") return "image/jpeg";
  return (IMAGE_MIME_TYPES as readonly string[]).includes(value) ? (value as ImageMimeType) : undefined;
}
