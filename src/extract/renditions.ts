import type { Image, ImageMimeType } from "../model/index.ts";
import { isElement, type Element } from "./document.ts";
import { dimension, photoUrl } from "./image-filters.ts";
import { mimeTypeFromUrl, normalizeMimeType } from "./mime.ts";
import { declaredWidth, photoKey } from "./same-photo.ts";

/**
 * The renditions (files) of one photo and the choice among them. An <img> offers several: `src`, lazy
 * attributes, `srcset` widths and densities, its <picture>'s <source>s; the page's og:image and JSON-LD
 * ImageObjects may name more. They are one Image, whose URL is the best rendition for feed readers and
 * whose width, height and MIME type are that rendition's own, never another's.
 */

export type Rendition = {
  url: string;
  mimeType: ImageMimeType;
  /** Only what is known about this very URL (its own attributes, a `w` descriptor, og:image:width). */
  width?: number;
  height?: number;
  /** Named by the page's metadata (og:image, JSON-LD): the publisher's full-size file. */
  fromMetadata?: boolean;
  /** The width the URL asks the CDN for (same-photo.ts declaredWidth), read once. */
  asked?: number;
};

/** Lazy-loading attributes carry the real URL while `src` holds a placeholder; they are read first. */
const LAZY_URL_ATTRIBUTES = ["data-src", "data-original", "data-lazy-src", "data-url", "data-full-src"] as const;
const SRCSET_ATTRIBUTES = ["srcset", "data-srcset"] as const;
/** A rendition this narrow is a blurred stand-in (Medium's `/max/60/…?q=20`) or an icon, not the photo. */
const STAND_IN_MAX_WIDTH = 64;

/**
 * Feed readers show JPEG, PNG and GIF everywhere; WebP and AVIF not in every reader (RSS and Atom
 * clients, mail-based readers). An unknown type sits between: usually a CDN's JPEG without extension.
 */
const FORMAT_RANK: Readonly<Record<ImageMimeType, number>> = {
  "image/jpeg": 0, "image/png": 0, "image/gif": 0, "application/octet-stream": 1, "image/svg+xml": 1, "image/webp": 2, "image/avif": 2,
};

/** srcset candidates ("a.jpg 640w, b.jpg 2x"): width from a `w` descriptor, or display width × density. */
function srcsetRenditions(srcset: string | undefined, type: ImageMimeType | undefined, box: Box, base: string | undefined): Rendition[] {
  if (!srcset) return [];
  const out: Rendition[] = [];
  // HTML Standard, srcset: candidates are separated by commas followed by white space (URLs may hold commas).
  for (const candidate of srcset.split(/,\s+/)) {
    const [raw, descriptor = "1x"] = candidate.trim().split(/\s+/);
    const url = raw ? photoUrl(raw, base) : undefined;
    if (!url) continue;
    const value = Number.parseFloat(descriptor);
    const width = descriptor.endsWith("w") && value > 0 ? Math.round(value) : descriptor.endsWith("x") && box.width && value > 0 ? Math.round(box.width * value) : undefined;
    out.push(rendition(url, type, width, width && box.width && box.height ? Math.round((width * box.height) / box.width) : undefined));
  }
  return out;
}

type Box = { width?: number; height?: number };

function rendition(url: string, type: ImageMimeType | undefined, width: number | undefined, height: number | undefined): Rendition {
  const r: Rendition = { url, mimeType: type ?? mimeTypeFromUrl(url), asked: declaredWidth(url) };
  if (width) r.width = width;
  if (height && width) r.height = height;
  return r;
}

/**
 * Every rendition an <img> offers, stand-ins and placeholders left out. The width/height attributes
 * describe the file that loads into the element (`src`, or the lazy attribute that replaces it), so
 * only that rendition gets them; srcset widths get their descriptor and the same aspect ratio.
 */
export function imgRenditions(el: Element, base: string | undefined): Rendition[] {
  const box: Box = { width: dimension(el.attribs.width), height: dimension(el.attribs.height) };
  const out: Rendition[] = [];
  let sized = false;
  for (const attr of [...LAZY_URL_ATTRIBUTES, "src"]) {
    const url = photoUrl(el.attribs[attr], base);
    if (!url) continue;
    out.push(rendition(url, undefined, sized ? undefined : box.width, sized ? undefined : box.height));
    sized = true;
  }
  for (const attr of SRCSET_ATTRIBUTES) out.push(...srcsetRenditions(el.attribs[attr], undefined, box, base));
  const picture = el.parent && isElement(el.parent) && el.parent.name === "picture" ? el.parent : undefined;
  for (const source of picture?.children ?? []) {
    if (!isElement(source) || source.name !== "source") continue;
    // HTML Standard, the picture element: a <source>'s `type` is the MIME type of its candidates.
    const type = normalizeMimeType(source.attribs.type);
    out.push(...srcsetRenditions(source.attribs.srcset ?? source.attribs["data-srcset"], type, box, base));
  }
  return out.filter((r) => (sizeOf(r) ?? Infinity) > STAND_IN_MAX_WIDTH);
}

/**
 * The width a rendition is known or asked to have: the smaller of its declared width and the width
 * its URL asks the CDN for (`/max/60/` with width="1844" is a 60-pixel stand-in shown stretched).
 */
function sizeOf(r: Rendition): number | undefined {
  const asked = r.asked;
  return r.width !== undefined && asked !== undefined ? Math.min(r.width, asked) : (r.width ?? asked);
}

/** An Image from metadata as a rendition of the photo it names. */
export function metadataRendition(image: Image): Rendition {
  const r: Rendition = { url: image.url, mimeType: image.mimeType, fromMetadata: true, asked: declaredWidth(image.url) };
  if (image.width && image.height) [r.width, r.height] = [image.width, image.height];
  return r;
}

/** True when `a` is a better file for feed readers than `b`: a widely supported format, then the widest. */
function better(a: Rendition, b: Rendition): boolean {
  if (FORMAT_RANK[a.mimeType] !== FORMAT_RANK[b.mimeType]) return FORMAT_RANK[a.mimeType] < FORMAT_RANK[b.mimeType];
  const [wa, wb] = [sizeOf(a), sizeOf(b)];
  if (wa !== undefined && wb !== undefined && wa !== wb) return wa > wb;
  // No size to compare: metadata names the publisher's full-size file (og:image is not a thumbnail of
  // the body's resized copy); else a known size beats an unknown one, else the page's first choice.
  if (a.fromMetadata !== b.fromMetadata && (wa === undefined || wb === undefined)) return Boolean(a.fromMetadata);
  return wa !== undefined && wb === undefined;
}

/** The best rendition (see `better`); the first of equals wins. */
export function bestRendition(renditions: readonly Rendition[]): Rendition | undefined {
  let best: Rendition | undefined;
  for (const r of renditions) if (!best || better(r, best)) best = r;
  return best;
}

/** The photo keys of a set of renditions (same-photo.ts). */
export function keysOf(renditions: readonly Rendition[]): Set<string> {
  const keys = new Set<string>();
  for (const r of renditions) keys.add(photoKey(r.url) ?? r.url);
  return keys;
}
