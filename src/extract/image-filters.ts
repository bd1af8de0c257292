import { isElement, type AnyNode, type CheerioAPI, type Element } from "./document.ts";
import { absoluteUrl } from "./urls.ts";

/**
 * Which <img>s in the body are not the story's photos, and lazy-loading fallbacks put back in place.
 * Judged from the markup alone (no fetching): declared sizes, names in class/id/alt/URL, and where the
 * image sits (a related-article rail, a byline box, a link list). Readability's own image cleanup
 * (_cleanConditionally, _unwrapNoscriptImages) works from the same evidence.
 */

/** Declared sizes at or under these are not photos: 1-2 px tracking pixels, and icons. */
const PIXEL_MAX = 2;
const ICON_MAX = 64;
const ICON_SIDE_MAX = 32;

/** Names of non-photo images in class, id or alt ("site-logo", "icon-share", "avatar", "ad-slot"). */
const NON_PHOTO_NAME = /(?:^|[\s_-])(?:logo|logos|icon|icons|avatar|avatars|sprite|sprites|emoji|emoticon|badge|gravatar|favicon|spinner|loader|advert|advertisement|ad|ads|adslot|sponsor|sponsored|pixel|tracking|beacon|social|share)(?:$|[\s_-])/i;
/** The same words as file or folder names in the image URL ("/img/logo.svg", "/icons/share-16.png"). */
const NON_PHOTO_PATH = /(?:^|[/_.-])(?:logo|logos|icon|icons|avatar|avatars|sprite|sprites|emoji|emoticons?|badge|favicon|spinner|loader|pixel|spacer|blank|tracking|beacon|1x1)(?:[/_.-]|$)/i;
/** Hosts that serve ads, tracking pixels, avatars and recommendation widgets, never a story's photos. */
const NON_PHOTO_HOST = /(?:^|\.)(?:doubleclick\.net|googlesyndication\.com|googleadservices\.com|adnxs\.com|taboola\.com|taboolasyndication\.com|outbrain\.com|outbrainimg\.com|gravatar\.com|scorecardresearch\.com|quantserve\.com|feedburner\.com|stats\.wp\.com|pixel\.wp\.com|facebook\.com|amazon-adsystem\.com)$/i;
/** Containers whose images are someone else's: related rails, recommendations, author boxes, ads. */
const NON_PHOTO_CONTAINER = /(?:^|[\s_-])(?:related|recirc|recommended|recommendations|more-stories|read-more|readmore|promo|outbrain|taboola|author|byline|avatar|share|social|sharing|advert|ad|ads|sponsor|sponsored|newsletter)(?:$|[\s_-])/i;
/** How far up a container name is looked for. */
const CONTAINER_LEVELS = 6;
/** A list of this many linked items with images is a "related stories" rail. */
const RAIL_ITEMS = 3;

export function dimension(value: string | undefined): number | undefined {
  const number = value && /^\s*\d+\s*(?:px)?\s*$/.test(value) ? Number.parseInt(value, 10) : undefined;
  return number && number > 0 ? number : undefined;
}

function nameOf(el: Element): string {
  return `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
}

/** True when the declared size is a tracking pixel or an icon. */
export function isTinyImage(width: number | undefined, height: number | undefined): boolean {
  if ((width !== undefined && width <= PIXEL_MAX) || (height !== undefined && height <= PIXEL_MAX)) return true;
  if (width !== undefined && height !== undefined) return width <= ICON_MAX && height <= ICON_MAX;
  return (width ?? height ?? Infinity) <= ICON_SIDE_MAX;
}

/** File names of a site's default share picture, used when a story has none: not the story's photo. */
const DEFAULT_SHARE_FILE = /(?:^|[_.-])(?:default|fallback|placeholder|fbico|og-?image-?default|share-?default)(?:[_.-]|$)/i;

export function isNonPhotoUrl(url: string): boolean {
  try {
    const { hostname, pathname } = new URL(url);
    const file = pathname.replace(/\.[a-z0-9]+$/i, "").replace(/^.*\//, "/");
    return NON_PHOTO_HOST.test(hostname) || NON_PHOTO_PATH.test(file) || NON_PHOTO_PATH.test(pathname.replace(/[^/]*$/, "")) ||
      DEFAULT_SHARE_FILE.test(file.slice(1));
  } catch {
    return true;
  }
}

/** An <li> of a list whose items are mostly links with images: a rail of other stories. */
function inLinkRail(el: Element, root: ReadonlySet<AnyNode>): boolean {
  for (let node = el.parent; node && !root.has(node); node = node.parent) {
    if (!isElement(node) || node.name !== "li" || !node.parent || !isElement(node.parent)) continue;
    const items = node.parent.children.filter((c): c is Element => isElement(c) && c.name === "li");
    const linked = items.filter((item) => hasDescendant(item, "a") && hasDescendant(item, "img"));
    return items.length >= RAIL_ITEMS && linked.length >= items.length * 0.75;
  }
  return false;
}

function hasDescendant(el: Element, name: string): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.name === name) return true;
    stack.push(...node.children);
  }
  return false;
}

/**
 * Why an image is not one of the story's photos, or undefined when it is. `url` is the chosen
 * (absolute) URL; `root` the body root(s).
 */
export function nonPhotoReason(img: Element, url: string, width: number | undefined, height: number | undefined, root: ReadonlySet<AnyNode>): string | undefined {
  if (isTinyImage(width, height)) return "tiny";
  if (NON_PHOTO_NAME.test(nameOf(img)) || NON_PHOTO_NAME.test(img.attribs.alt ?? "")) return "named";
  if (isNonPhotoUrl(url)) return "url";
  let level = 0;
  for (let node = img.parent; node && !root.has(node) && level < CONTAINER_LEVELS; node = node.parent, level++) {
    if (isElement(node) && node.name !== "figure" && NON_PHOTO_CONTAINER.test(nameOf(node))) return "container";
  }
  if (inLinkRail(img, root)) return "rail";
  return undefined;
}

const PLACEHOLDER_URL = /^data:|(?:^|\/)(?:blank|spacer|pixel|placeholder|transparent|1x1|lazy|loading)[^/]*\.(?:gif|png|svg|jpe?g|webp)(?:$|\?)/i;
const LAZY_URL_ATTRIBUTES = ["data-src", "data-original", "data-lazy-src", "data-url", "data-full-src", "data-srcset", "srcset"] as const;

/**
 * A value that cannot be a photo's address: empty, a data: spacer, a placeholder file, a bare word with
 * neither a dot nor a slash (`src="x"`, `src="#"`), or a JSON blob some lazy loaders put in data
 * attributes (`{"default":{"src":…}}`): characters the URL Standard does not allow unescaped in a URL.
 */
export function isPlaceholderUrl(value: string | undefined): boolean {
  const v = value?.trim();
  return !v || PLACEHOLDER_URL.test(v) || !/[./]/.test(v) || /[{}"<>\\^`|]/.test(v);
}

/**
 * A photo's absolute URL from an attribute or metadata value, or undefined when the value is not one.
 * A literal `&amp;` left in a URL is an escaping slip (the value was escaped twice, or JSON-LD text was
 * HTML-escaped): it is decoded, so every URL we emit has its entities decoded exactly once.
 */
export function photoUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (isPlaceholderUrl(value)) return undefined;
  return absoluteUrl(value!.trim().replace(/&amp;/gi, "&"), base);
}

/** An <img> whose only URL is a placeholder: the real one is in a lazy attribute, a <noscript>, or nowhere. */
function hasRealUrl(img: Element): boolean {
  return !isPlaceholderUrl(img.attribs.src) || LAZY_URL_ATTRIBUTES.some((attr) => !isPlaceholderUrl(img.attribs[attr]));
}

function previousElement(node: AnyNode): Element | undefined {
  for (let prev = node.prev; prev; prev = prev.prev) {
    if (isElement(prev)) return prev;
    if (prev.type === "text" && prev.data.trim() !== "") return undefined;
  }
  return undefined;
}

function onlyImg(el: Element): Element | undefined {
  if (el.name === "img") return el;
  const stack: AnyNode[] = [...el.children];
  const found: Element[] = [];
  while (stack.length && found.length < 2) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.name === "img") found.push(node);
    else stack.push(...node.children);
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Lazy-loading pages put the real <img> in a <noscript> after a placeholder (Readability's
 * _unwrapNoscriptImages). A <noscript> holding one image replaces the placeholder <img> before it; when
 * that image already has a real URL the <noscript> is a duplicate and goes; else the <noscript> is
 * unwrapped, its image kept in place.
 */
export function unwrapNoscriptImages($: CheerioAPI, noscripts: readonly Element[]): void {
  for (const noscript of noscripts) {
    if (!noscript.parent) continue;
    const inner = onlyImg(noscript);
    if (!inner) continue;
    const prev = previousElement(noscript);
    const prevImg = prev ? onlyImg(prev) : undefined;
    if (prevImg && !hasRealUrl(prevImg)) {
      $(prevImg).replaceWith(inner);
      $(noscript).remove();
    } else if (prevImg) {
      $(noscript).remove();
    } else {
      $(noscript).replaceWith(noscript.children);
    }
  }
}
