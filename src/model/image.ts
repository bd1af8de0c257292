import * as z from "zod/mini";

/**
 * Image MIME types Wirefeed emits. Every value is registered with IANA
 * (https://www.iana.org/assignments/media-types/#image); `image/jpg` is not, so it never appears.
 * `application/octet-stream` marks a photo whose type could not be established (RFC 2046 §4.5.1:
 * "arbitrary binary data"); ingest-time measurement replaces it with the type the server reports.
 */
export const IMAGE_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/svg+xml",
  "application/octet-stream",
] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

const text = z.string().check(z.trim(), z.minLength(1));
const positiveInt = z.int().check(z.positive());


export const ImageSchema = z.object({
  /** Absolute http(s) URL of the full-size photo. */
  url: z.url({ protocol: /^https?$/ }),
  mimeType: z.enum(IMAGE_MIME_TYPES),
  /** Size of the file in bytes, when known (RSS enclosure@length, JSON Feed size_in_bytes). */
  byteLength: z.optional(z.int().check(z.nonnegative())),
  width: z.optional(positiveInt),
  height: z.optional(positiveInt),
  /** Text alternative for people who cannot see the photo. */
  alt: z.optional(text),
  /** What the photo shows, without the credit. */
  caption: z.optional(text),
  /** Who made or supplied the photo (agency, photographer), e.g. "YONHAP". */
  credit: z.optional(text),
});
export type Image = z.infer<typeof ImageSchema>;
