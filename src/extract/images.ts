import type { Image } from "../model/index.ts";
import { looksLikeCaption, splitCaptionCredit } from "./captions.ts";
import { descendantsByTag, type Cheerio, type CheerioAPI, type Element } from "./document.ts";
import { mimeTypeFromUrl, normalizeMimeType } from "./mime.ts";
import { normalizeSpace } from "./text.ts";
import { absoluteUrl } from "./urls.ts";

/**
 * Photos in the body: find each <img>, pick its real URL (lazy-loading attributes, srcset), read its
 * caption and credit, and rewrite its block as one normalized figure:
 * `<figure><img src alt width height><figcaption>caption <span class="credit">CREDIT</span></figcaption></figure>`.
 */

/** Lazy-loading attributes carry the real URL while `src` holds a placeholder; they are read first. */
const LAZY_URL_ATTRIBUTES = ["data-src", "data-original", "data-lazy-src", "data-url", "data-full-src"] as const;
const SRCSET_ATTRIBUTES = ["srcset", "data-srcset"] as const;
const PLACEHOLDER_URL = /^data:|(?:^|\/)(?:blank|spacer|pixel|placeholder|transparent|1x1)[^/]*\.(?:gif|png|svg)(?:$|\?)/i;
/** Where a figure keeps its credit apart from the caption. */
const CREDIT_SELECTOR = ".credit, .copyright, .photo-credit, .image-credit, [itemprop=copyrightHolder], [itemprop=creditText], cite";
const CAPTION_SELECTOR = "figcaption, .caption, [itemprop=caption]";
/** Wrappers that may hold nothing but the image (an image-only paragraph or link). */
const IMAGE_WRAPPERS = new Set(["p", "a", "div", "span", "picture", "center"]);

/** The widest candidate of a srcset ("a.jpg 640w, b.jpg 1280w" -> b.jpg); density "2x" counts as 2. */
function widestSrcsetUrl(srcset: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = "1x"] = candidate.trim().split(/\s+/);
    const size = Number.parseFloat(descriptor);
    if (url && (!best || size > best.size)) best = { url, size: Number.isFinite(size) ? size : 1 };
  }
  return best?.url;
}

function imageUrl(img: Cheerio<Element>, baseUrl: string | undefined): string | undefined {
  const candidates = [
    ...LAZY_URL_ATTRIBUTES.map((attr) => img.attr(attr)),
    img.attr("src"),
    ...SRCSET_ATTRIBUTES.map((attr) => widestSrcsetUrl(img.attr(attr) ?? "")),
  ];
  for (const candidate of candidates) {
    const value = candidate?.trim();
    if (!value || PLACEHOLDER_URL.test(value)) continue;
    const url = absoluteUrl(value, baseUrl);
    if (url) return url;
  }
  return undefined;
}

function dimension(value: string | undefined): number | undefined {
  const number = value && /^\s*\d+\s*(?:px)?\s*$/.test(value) ? Number.parseInt(value, 10) : undefined;
  return number && number > 0 ? number : undefined;
}

/** The outermost wrapper that holds only this image, so the figure replaces the whole block. */
function imageBlock($: CheerioAPI, img: Cheerio<Element>, root: Cheerio<Element>): Cheerio<Element> {
  let block = img;
  for (let parent = img.parent(); parent.length && !parent.is(root); parent = parent.parent()) {
    const tag = parent.prop("tagName")?.toLowerCase() ?? "";
    if (!IMAGE_WRAPPERS.has(tag) || normalizeSpace(parent.text()) !== "" || parent.find("img").length > 1) break;
    block = parent as Cheerio<Element>;
  }
  return block;
}

/** Caption text of a figure, or of the caption-shaped block right after a bare image. */
function captionFor($: CheerioAPI, img: Cheerio<Element>, block: Cheerio<Element>): { text: string; credit?: string } {
  const figure = img.closest("figure");
  const container = figure.length ? figure : undefined;
  let captionEl = container?.find(CAPTION_SELECTOR).first();
  if (!captionEl?.length) {
    const next = block.next();
    const isCaption = next.is(CAPTION_SELECTOR) || (next.is("p, div, small, em, span") && looksLikeCaption(next.text()));
    if (next.length && isCaption && next.find("img").length === 0) captionEl = next;
  }
  if (!captionEl?.length) return { text: "" };
  const creditEl = captionEl.find(CREDIT_SELECTOR);
  const credit = normalizeSpace(creditEl.text()) || undefined;
  const clone = captionEl.clone();
  clone.find(CREDIT_SELECTOR).remove();
  if (!captionEl.closest("figure").length) captionEl.remove(); // a sibling caption moves into the figure
  return { text: normalizeSpace(clone.text()), credit };
}

function buildFigure($: CheerioAPI, image: Image): Cheerio<Element> {
  const img = $("<img>").attr("src", image.url).attr("alt", image.alt ?? "");
  if (image.width) img.attr("width", String(image.width));
  if (image.height) img.attr("height", String(image.height));
  const figure = $("<figure></figure>").append(img);
  if (image.caption || image.credit) {
    const figcaption = $("<figcaption></figcaption>").text(image.caption ?? "");
    if (image.credit) figcaption.append(image.caption ? " " : "", $('<span class="credit"></span>').text(image.credit));
    figure.append(figcaption);
  }
  return figure as Cheerio<Element>;
}

/**
 * Rewrite every photo in `root` as a normalized figure and return them in reading order. Images
 * without a usable http(s) URL and tracking pixels (1-2 px) are removed.
 */
export function collectBodyImages($: CheerioAPI, root: Cheerio<Element>, baseUrl: string | undefined): Image[] {
  const images: Image[] = [];
  for (const el of descendantsByTag(root.toArray(), new Set(["img"]))) {
    const img = $(el);
    const url = imageUrl(img, baseUrl);
    const width = dimension(img.attr("width"));
    const height = dimension(img.attr("height"));
    if (!url || (width !== undefined && width <= 2) || (height !== undefined && height <= 2)) {
      img.remove();
      continue;
    }
    const block = imageBlock($, img, root);
    const figure = img.closest("figure");
    const caption = captionFor($, img, block);
    const parts = splitCaptionCredit(caption.text);
    const credit = caption.credit ?? parts.credit;
    const altParts = splitCaptionCredit(img.attr("alt") ?? "");
    const alt = altParts.caption ?? parts.caption;
    const image: Image = { url, mimeType: mimeTypeFromUrl(url) };
    if (width) image.width = width;
    if (height) image.height = height;
    if (alt) image.alt = alt;
    if (parts.caption) image.caption = parts.caption;
    if (credit) image.credit = credit;
    images.push(image);
    const target = figure.length && figure.find("img").length === 1 ? figure : block;
    target.replaceWith(buildFigure($, image));
  }
  return images;
}

/** Same photo when origin and path match; CDNs vary only the query (size, crop) between og:image and body. */
function samePhoto(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

/** Lead image found in metadata (JSON-LD image, og:image): merged into the list and moved first. */
export function withLeadImage(images: readonly Image[], lead: Image | undefined): Image[] {
  if (!lead) return [...images];
  const index = images.findIndex((image) => samePhoto(image.url, lead.url));
  if (index < 0) return [lead, ...images];
  // The page's own figure gives alt/caption/credit; metadata names the full-size file and its size
  // (the body often shows a resized "?w=1200" variant of the same path).
  const body = images[index]!;
  const merged: Image = { ...lead, ...body, url: lead.url, mimeType: lead.mimeType };
  if (lead.width && lead.height) [merged.width, merged.height] = [lead.width, lead.height];
  return [merged, ...images.filter((_, i) => i !== index)];
}

/** An Image from JSON-LD ImageObject / URL string or an og:image URL with its companion values. */
export function imageFromMetadata(
  value: unknown,
  extra: { width?: string; height?: string; alt?: string; type?: string },
  baseUrl: string | undefined,
): Image | undefined {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const str = (v: unknown): string | undefined => (typeof v === "string" ? normalizeSpace(v) || undefined : typeof v === "number" ? String(v) : undefined);
  const rawUrl = typeof value === "string" ? value : (str(record.url) ?? str(record.contentUrl));
  const url = rawUrl ? absoluteUrl(rawUrl, baseUrl) : undefined;
  if (!url) return undefined;
  const holder = record.copyrightHolder as Record<string, unknown> | undefined;
  const credit = str(record.creditText) ?? str(holder?.name) ?? str(record.copyrightHolder) ?? str((record.author as Record<string, unknown> | undefined)?.name);
  const image: Image = { url, mimeType: normalizeMimeType(str(record.encodingFormat) ?? extra.type) ?? mimeTypeFromUrl(url) };
  const width = dimension(str(record.width) ?? extra.width);
  const height = dimension(str(record.height) ?? extra.height);
  const caption = str(record.caption) ?? str(record.description);
  const alt = extra.alt ?? caption;
  if (width) image.width = width;
  if (height) image.height = height;
  if (alt) image.alt = alt;
  if (caption) image.caption = caption;
  if (credit) image.credit = credit;
  return image;
}
