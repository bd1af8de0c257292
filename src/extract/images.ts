import type { Image, ImageMimeType } from "../model/index.ts";
import { looksLikeCaption, splitCaptionCredit } from "./captions.ts";
import { closestSimple, compileSimple, matchesSimple, selectSimple } from "./selectors.ts";
import { descendantsByTag, isElement, textOf, type AnyNode, type Cheerio, type CheerioAPI, type Element } from "./document.ts";
import { dimension, isPlaceholderUrl, nonPhotoReason, unwrapNoscriptImages } from "./image-filters.ts";
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
/** Where a figure keeps its credit apart from the caption. */
const CREDIT_SELECTOR = ".credit, .copyright, .photo-credit, .image-credit, [itemprop=copyrightHolder], [itemprop=creditText], cite";
const CAPTION_SELECTOR = "figcaption, .caption, [itemprop=caption]";
/** Wrappers that may hold nothing but the image (an image-only paragraph or link). */
const IMAGE_WRAPPERS = new Set(["p", "a", "div", "span", "picture", "center"]);

type Candidate = { url: string; size: number; type?: ImageMimeType };

/** The widest candidate of a srcset ("a.jpg 640w, b.jpg 1280w" -> b.jpg); density "2x" counts as 2. */
function widestCandidate(srcset: string): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = "1x"] = candidate.trim().split(/\s+/);
    const parsed = Number.parseFloat(descriptor);
    const size = Number.isFinite(parsed) ? parsed : 1;
    if (url && !isPlaceholderUrl(url) && (!best || size > best.size)) best = { url, size };
  }
  return best;
}

/**
 * The renditions a <picture> offers in its <source>s: the widest wins, and its `type` names the MIME
 * type (HTML Standard, the picture element: `type` is the source's MIME type). Equal sizes keep the
 * first, the browser's own preference order.
 */
function pictureCandidate(el: Element): Candidate | undefined {
  const picture = el.parent && isElement(el.parent) && el.parent.name === "picture" ? el.parent : undefined;
  if (!picture) return undefined;
  let best: Candidate | undefined;
  for (const source of picture.children) {
    if (!isElement(source) || source.name !== "source") continue;
    const found = widestCandidate(source.attribs.srcset ?? source.attribs["data-srcset"] ?? "");
    const type = normalizeMimeType(source.attribs.type);
    if (found && (!best || found.size > best.size)) best = type ? { ...found, type } : found;
  }
  return best;
}

function imageUrl(el: Element, baseUrl: string | undefined): { url: string; type?: ImageMimeType } | undefined {
  const picture = pictureCandidate(el);
  const candidates: (string | undefined)[] = [
    picture?.url,
    ...LAZY_URL_ATTRIBUTES.map((attr) => el.attribs[attr]),
    el.attribs.src,
    ...SRCSET_ATTRIBUTES.map((attr) => widestCandidate(el.attribs[attr] ?? "")?.url),
  ];
  for (const candidate of candidates) {
    const value = candidate?.trim();
    if (!value || isPlaceholderUrl(value)) continue;
    const url = absoluteUrl(value, baseUrl);
    if (url) return candidate === picture?.url && picture?.type ? { url, type: picture.type } : { url };
  }
  return undefined;
}

/** The outermost wrapper that holds only this image, so the figure replaces the whole block. */
function imageBlock(img: Element, roots: ReadonlySet<AnyNode>): Element {
  // cheerio's parent() / is(root) / prop("tagName") / text() / find("img"), on the raw tree.
  let block = img;
  for (let parent = img.parent; parent && parent.type !== "root" && !roots.has(parent); parent = parent.parent) {
    const tag = isElement(parent) ? parent.name : "";
    if (!IMAGE_WRAPPERS.has(tag) || normalizeSpace(textOf(parent)) !== "" || descendantsByTag([parent], IMG).length > 1) break;
    block = parent as Element;
  }
  return block;
}

/** Caption text of a figure, or of the caption-shaped block right after a bare image. */
function captionFor($: CheerioAPI, img: Element, block: Element): { text: string; credit?: string } {
  // Tree walks with the simple-selector engine (selectors.ts) instead of cheerio queries: the same
  // matches, in document order, as closest() / find() / is() / next() would give.
  const figure = closestSimple(img, "figure");
  let captionEl: Element | undefined = figure ? selectSimple([figure], [CAPTION])[0]![0] : undefined;
  if (!captionEl) {
    let next: AnyNode | null = block.next;
    while (next && !isElement(next)) next = next.next;
    if (next && isElement(next)) {
      const isCaption = matchesSimple(next, CAPTION) || (matchesSimple(next, CAPTION_SHAPED) && looksLikeCaption(textOf(next)));
      if (isCaption && descendantsByTag([next], IMG).length === 0) captionEl = next;
    }
  }
  if (!captionEl) return { text: "" };
  const credits = selectSimple([captionEl], [CREDIT])[0]!;
  let creditText = "";
  for (const el of credits) creditText += textOf(el);
  const credit = normalizeSpace(creditText) || undefined;
  const text = normalizeSpace(textWithout(captionEl, new Set(credits)));
  if (!closestSimple(captionEl, "figure")) $(captionEl).remove(); // a sibling caption moves into the figure
  return { text, credit };
}

const CAPTION = compileSimple(CAPTION_SELECTOR)!;
const CREDIT = compileSimple(CREDIT_SELECTOR)!;
const CAPTION_SHAPED = compileSimple("p, div, small, em, span")!;

/** textOf(root) with the subtrees of `skipped` left out (root itself is never skipped). */
function textWithout(root: Element, skipped: ReadonlySet<AnyNode>): string {
  let text = "";
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") text += node.data;
    else if ("children" in node && (node === root || !skipped.has(node))) for (let j = node.children.length - 1; j >= 0; j--) stack.push(node.children[j]!);
  }
  return text;
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
 * without a usable http(s) URL, and images that are not the story's photos (tracking pixels, icons,
 * logos, avatars, ads, related-story thumbnails: image-filters.ts) are removed.
 */
export function collectBodyImages($: CheerioAPI, root: Cheerio<Element>, baseUrl: string | undefined): Image[] {
  const images: Image[] = [];
  const roots = new Set<AnyNode>(root.toArray());
  unwrapNoscriptImages($, descendantsByTag(root.toArray(), NOSCRIPT));
  for (const el of descendantsByTag(root.toArray(), IMG)) {
    if (!el.parent) continue;
    const img = $(el);
    const found = imageUrl(el, baseUrl);
    const width = dimension(el.attribs.width);
    const height = dimension(el.attribs.height);
    if (!found || nonPhotoReason(el, found.url, width, height, roots)) {
      removeImage($, el, roots);
      continue;
    }
    const { url } = found;
    const block = imageBlock(el, roots);
    const figure = closestSimple(el, "figure");
    const caption = captionFor($, el, block);
    const parts = splitCaptionCredit(caption.text);
    const credit = caption.credit ?? parts.credit;
    const altParts = splitCaptionCredit(img.attr("alt") ?? "");
    const alt = altParts.caption ?? parts.caption;
    const image: Image = { url, mimeType: found.type ?? mimeTypeFromUrl(url) };
    if (width) image.width = width;
    if (height) image.height = height;
    if (alt) image.alt = alt;
    if (parts.caption) image.caption = parts.caption;
    if (credit) image.credit = credit;
    images.push(image);
    const target = figure && descendantsByTag([figure], IMG).length === 1 ? figure : block;
    $(target).replaceWith(buildFigure($, image));
  }
  return images;
}

const IMG = new Set(["img"]);
const NOSCRIPT = new Set(["noscript"]);

/** Remove an image and the wrappers (link, picture, empty figure) that held nothing else. */
function removeImage($: CheerioAPI, el: Element, roots: ReadonlySet<AnyNode>): void {
  let target: Element = el;
  for (let parent = el.parent; parent && isElement(parent) && !roots.has(parent); parent = parent.parent) {
    if (!IMAGE_WRAPPERS.has(parent.name) && parent.name !== "figure") break;
    const others = parent.children.some((c) => c !== target && (isElement(c) ? c.name !== "source" && c.name !== "figcaption" : c.type === "text" && c.data.trim() !== ""));
    if (others) break;
    target = parent;
  }
  $(target).remove();
}

/**
 * Same photo when origin and path match (CDNs vary only the query, size or crop, between og:image
 * and body), or when the paths differ only by a WordPress-style size suffix ("photo-1024x683.jpg").
 */
export function samePhoto(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    if (x.origin !== y.origin) return false;
    const bare = (path: string) => path.replace(/-\d{2,5}x\d{2,5}(?=\.[a-z0-9]+$)/i, "");
    return x.pathname === y.pathname || bare(x.pathname) === bare(y.pathname);
  } catch {
    return a === b;
  }
}

/**
 * Body photos completed from the page's JSON-LD ImageObjects (`image`, `associatedMedia`) of the same
 * photo: the credit (`creditText`, `copyrightHolder`), caption and size fill what the figure lacks;
 * what the page's own figure says wins.
 */
export function withMetadataDetails(images: readonly Image[], described: readonly Image[]): Image[] {
  return images.map((image) => {
    const match = described.find((d) => samePhoto(d.url, image.url));
    if (!match) return image;
    const merged: Image = { ...image };
    if (!merged.credit && match.credit) merged.credit = match.credit;
    if (!merged.caption && match.caption) merged.caption = match.caption;
    if (!merged.width && !merged.height && match.width && match.height) [merged.width, merged.height] = [match.width, match.height];
    return merged;
  });
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
