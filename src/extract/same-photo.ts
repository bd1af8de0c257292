/**
 * "Same photo": the one test used by extraction (og:image against body figures, a figure's srcset and
 * <picture> renditions, repeated figures) and by partner HTML (src/partners/partner-html.ts), so a
 * photo is one Image with one URL everywhere it appears.
 *
 * Two URLs show the same photo when their photo keys are equal. The key is the URL with what image
 * CDNs vary between renditions of one photo taken out:
 *   - the file format: `photo.jpg`, `photo.webp`, `photo.jpg.webp` (a <picture>'s WebP/AVIF sources);
 *   - WordPress size suffixes: `photo-1024x683.jpg`, `photo-scaled.jpg`, `photo@2x.jpg`;
 *   - resize path segments: `/max/800/`, `/800x600/`, `/fit-in/570x0/`, `/w_800,c_fill/`,
 *     `/resize:fit:1400/`, Blogger's `/s640/` and `/w1200-h630-p-nu/`;
 *   - resize query parameters (`?w=1200&q=80&format=webp`); other parameters name the photo and are
 *     kept (a CDN's `image.php?id=7` is not `image.php?id=8`), and a parameter that is itself a URL
 *     (`dims?image_uri=…`) is keyed the same way.
 * The origin counts: two hosts are two photos (a CDN host serves many publishers).
 */

/** Query parameters that choose a rendition (size, crop, quality, format), never the photo. */
const RENDITION_PARAMS = new Set([
  "w", "h", "width", "height", "resize", "fit", "crop", "quality", "q", "auto", "format", "fm", "f", "dpr", "fl",
  "ixlib", "s", "sz", "size", "im", "output-quality", "output-format", "strip", "rect", "ar", "thumbnail", "v",
  "mod", "ver", "version", "cb", "ssl", "zoom", "scale", "mode", "m", "x", "y", "o", "l", "anchor", "bg", "trim", "sharpen", "blur",
  "fill",
]);
/** Words CDNs put before a size segment (`/max/800/`, `/fit/640/`); a number alone after one is a size. */
const RESIZE_WORD = /^(?:max|min|fit|fit-in|fill|crop|resize|thumb|thumbnail|freeze|scale|smart|width|w|h)$/i;
/** Path segments that only choose a rendition. */
const RENDITION_SEGMENT = [
  /^\d{1,5}x\d{1,5}$/, // /800x600/
  RESIZE_WORD,
  /^(?:w|h|c|q|f|g|x|y|e|t|b|o|r|a|ar|dpr|fl)_[^/,]+$/i, // Cloudinary, one parameter: w_800
  /^[a-z]{1,3}_[^/,]+(?:,[a-z]{1,3}_[^/,]+)+$/i, // Cloudinary, several: c_fill,g_center,h_675,pg_1,w_1200
  /^(?:resize|format|quality|rs|q|g|sm|scp|ar|w|h):[^/]*$/i, // Medium v2, imgproxy
  /^[swh]\d{1,5}(?:-[a-z0-9]+)*$/i, // Blogger: s640, w1200-h630-p-nu
];
/** What the file name carries besides the photo: format extension(s) and WordPress size suffixes. */
const FILE_EXTENSION = /(?:\.(?:jpe?g|jfif|png|gif|webp|avif|heic))+$/i;
const SIZE_SUFFIX = /(?:-\d{2,5}x\d{2,5}|-scaled|@\dx|_\d{2,5}x\d{2,5})$/i;

/** The photo key of `url` (see above); undefined for a string that is not an http(s) URL. */
export function photoKey(url: string): string | undefined {
  const parsed = httpUrl(url);
  if (!parsed) return undefined;
  const segments = parsed.pathname.split("/");
  const file = (segments.pop() ?? "").replace(FILE_EXTENSION, "").replace(SIZE_SUFFIX, "");
  // A number alone is a size only right after a resize word: elsewhere it is a date or an id folder
  // (`/2025/04/30/`, `/uploads/123/image.jpg`), which names the photo.
  const folders = segments.filter((segment, i) =>
    segment !== "" && !RENDITION_SEGMENT.some((re) => re.test(segment)) && !(/^\d{1,5}$/.test(segment) && RESIZE_WORD.test(segments[i - 1] ?? "")));
  const params = [...parsed.searchParams]
    .filter(([name]) => !RENDITION_PARAMS.has(name.toLowerCase()))
    .map(([name, value]) => `${name}=${/^https?:\/\//i.test(value) ? (photoKey(value) ?? value) : value}`)
    .sort();
  return `${parsed.host.toLowerCase()}/${[...folders, file].join("/")}${params.length ? `?${params.join("&")}` : ""}`;
}

/** True when both URLs show the same photo (equal photo keys); unparsable URLs only equal themselves. */
export function samePhoto(a: string, b: string): boolean {
  if (a === b) return true;
  const key = photoKey(a);
  return key !== undefined && key === photoKey(b);
}

/**
 * A width the URL itself declares for its rendition (`/max/1200/`, `?w=800`, `-1024x683.jpg`,
 * `/s640/`, `w_470`), for choosing among renditions only: it is a request, not a measurement, so it is
 * never written to an Image.
 */
export function declaredWidth(url: string): number | undefined {
  const parsed = httpUrl(url);
  if (!parsed) return undefined;
  for (const name of ["w", "width", "resize", "thumbnail"]) {
    const value = parsed.searchParams.get(name)?.match(/^\d{1,5}/)?.[0];
    if (value) return Number(value);
  }
  const path = parsed.pathname;
  const match =
    path.match(/-(\d{2,5})x\d{2,5}(?:\.[a-z]+)+$/i) ??
    path.match(/\/(?:max|fit|resize:fit:|w_|[sw](?=\d))(?:\/)?(\d{1,5})(?=[/,-]|$)/i) ??
    path.match(/[/,]w_(\d{1,5})(?=[/,]|$)/i) ??
    path.match(/\/(\d{2,5})x\d{1,5}\//);
  return match ? Number(match[1]) : undefined;
}

function httpUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
