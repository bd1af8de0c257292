import type { Image } from "../model/index.ts";
import { looksLikeCaption, splitCaptionCredit } from "./captions.ts";
import { closestSimple, compileSimple, matchesSimple, selectSimple } from "./selectors.ts";
import { descendantsByTag, isElement, textOf, type AnyNode, type Cheerio, type CheerioAPI, type Element } from "./document.ts";
import { dimension, nonPhotoReason, photoUrl, unwrapNoscriptImages } from "./image-filters.ts";
import { mimeTypeFromUrl, normalizeMimeType } from "./mime.ts";
import { bestRendition, imgRenditions, keysOf, metadataRendition, type Rendition } from "./renditions.ts";
import { normalizeSpace, plainText } from "./text.ts";

/**
 * Photos in the body: find each <img>, pick its real URL (lazy-loading attributes, srcset), read its
 * caption and credit, and rewrite its block as one normalized figure:
 * `<figure><img src alt width height><figcaption>caption <span class="credit">CREDIT</span></figcaption></figure>`.
 */

/** Where a figure keeps its credit apart from the caption. */
const CREDIT_SELECTOR = ".credit, .copyright, .photo-credit, .image-credit, [itemprop=copyrightHolder], [itemprop=creditText], cite";
const CAPTION_SELECTOR = "figcaption, .caption, [itemprop=caption]";
/** Wrappers that may hold nothing but the image (an image-only paragraph or link). */
const IMAGE_WRAPPERS = new Set(["p", "a", "div", "span", "picture", "center"]);

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

/** The photos the page's metadata names: the lead image (og:image, JSON-LD image) and JSON-LD ImageObjects. */
export type MetadataImages = { lead?: Image; described: readonly Image[] };

type Figure = { target: Element; renditions: Rendition[]; alt?: string; caption?: string; credit?: string };
/** One photo: every figure that shows it and every rendition anyone names. */
type Photo = { keys: Set<string>; figures: Figure[]; renditions: Rendition[]; metadata: Image[] };

/**
 * Rewrite every photo in `root` as a normalized figure and return the story's photos, one Image per
 * photo (same-photo.ts), the lead first. Images without a usable http(s) URL, and images that are not
 * the story's photos (tracking pixels, icons, logos, avatars, ads, related-story thumbnails:
 * image-filters.ts) are removed. A body photo that metadata also names takes the metadata's renditions
 * into the choice, so contentHtml, enclosures and attachments all carry the same URL and size.
 */
export function collectBodyImages($: CheerioAPI, root: Cheerio<Element>, baseUrl: string | undefined, metadata: MetadataImages): Image[] {
  const roots = new Set<AnyNode>(root.toArray());
  unwrapNoscriptImages($, descendantsByTag(root.toArray(), NOSCRIPT));
  const photos: Photo[] = [];
  for (const el of descendantsByTag(root.toArray(), IMG)) {
    if (!el.parent) continue;
    const renditions = imgRenditions(el, baseUrl);
    const shown = bestRendition(renditions);
    if (!shown || nonPhotoReason(el, shown.url, dimension(el.attribs.width), dimension(el.attribs.height), roots)) {
      removeImage($, el, roots);
      continue;
    }
    const block = imageBlock(el, roots);
    const figureEl = closestSimple(el, "figure");
    const caption = captionFor($, el, block);
    const parts = splitCaptionCredit(caption.text);
    const altParts = splitCaptionCredit(el.attribs.alt ?? "");
    const figure: Figure = {
      target: figureEl && descendantsByTag([figureEl], IMG).length === 1 ? figureEl : block,
      renditions,
      alt: altParts.caption ?? parts.caption,
      caption: parts.caption,
      credit: caption.credit ?? parts.credit,
    };
    const keys = keysOf(renditions);
    const photo = photos.find((p) => overlaps(p.keys, keys));
    if (photo) {
      photo.figures.push(figure);
      photo.renditions.push(...renditions);
      for (const key of keys) photo.keys.add(key);
    } else {
      photos.push({ keys, figures: [figure], renditions: [...renditions], metadata: [] });
    }
  }
  const { lead, described } = metadata;
  for (const image of [...(lead ? [lead] : []), ...described]) {
    const photo = photos.find((p) => overlaps(p.keys, keysOf([metadataRendition(image)])));
    if (!photo) continue;
    photo.renditions.push(metadataRendition(image));
    photo.metadata.push(image);
  }
  const images = photos.map((photo) => {
    const image = photoImage(photo);
    // The first figure says what the Image says (metadata may complete it); a repeat keeps its own words.
    photo.figures.forEach((figure, i) => {
      const words = i === 0 ? image : { ...image, alt: figure.alt, caption: figure.caption, credit: figure.credit };
      $(figure.target).replaceWith(buildFigure($, words));
    });
    return image;
  });
  if (!lead) return images;
  const index = photos.findIndex((photo) => photo.metadata.includes(lead));
  // A lead photo the body does not show opens the list; one it shows moves first.
  return index < 0 ? [lead, ...images] : [images[index]!, ...images.filter((_, i) => i !== index)];
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of b) if (a.has(key)) return true;
  return false;
}

/** The Image of a photo: the best rendition's URL, type and size; the page's words, then metadata's. */
function photoImage(photo: Photo): Image {
  const chosen = bestRendition(photo.renditions)!;
  // The same URL named twice (og:image and the figure's src): what is known of that file is merged.
  const best = photo.renditions.find((r) => r.url === chosen.url && r.width) ?? chosen;
  const image: Image = { url: chosen.url, mimeType: chosen.mimeType };
  if (best.width && best.height) [image.width, image.height] = [best.width, best.height];
  else if (best.width) image.width = best.width;
  const first = photo.figures[0]!;
  const alt = first.alt ?? photo.metadata.find((m) => m.alt)?.alt;
  const caption = first.caption ?? photo.metadata.find((m) => m.caption)?.caption;
  const credit = first.credit ?? photo.metadata.find((m) => m.credit)?.credit;
  if (alt) image.alt = alt;
  if (caption) image.caption = caption;
  if (credit) image.credit = credit;
  return image;
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

/** An Image from JSON-LD ImageObject / URL string or an og:image URL with its companion values. */
export function imageFromMetadata(
  value: unknown,
  extra: { width?: string; height?: string; alt?: string; type?: string },
  baseUrl: string | undefined,
): Image | undefined {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const str = (v: unknown): string | undefined => (typeof v === "string" ? plainText(v) || undefined : typeof v === "number" ? String(v) : undefined);
  const rawUrl = typeof value === "string" ? value : (str(record.url) ?? str(record.contentUrl));
  const url = photoUrl(rawUrl, baseUrl);
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
