/**
 * Partner bodies: the article's sanitized HTML rewritten through the partner's allow-list profile,
 * with every figure rebuilt the way portals ingest captions and credits:
 *
 *   <figure itemscope itemtype="https://schema.org/ImageObject">
 *     <img itemprop="contentUrl" src="…" alt="…" width="…" height="…">
 *     <figcaption><span itemprop="caption">What it shows</span> <span class="credit" itemprop="copyrightHolder">YONHAP</span></figcaption>
 *   </figure>
 *
 * The body goes through the one allow-list serializer (src/extract/sanitize.ts sanitizeHtml) with
 * the profile's tags: read as untrusted anyway, parsed, and written back so that it parses to the
 * tree written (extract/html-emitter.ts), every text and attribute escaped by the one escaping module.
 */
import { descendantsByTag, sanitizeHtml, type AllowList, type Element } from "../extract/index.ts";
import { samePhoto } from "../extract/same-photo.ts";
import type { Image } from "../model/index.ts";
import { escapeXml } from "../render/index.ts";
import type { PartnerHtmlProfile } from "./schema.ts";

const INLINE = ["a", "strong", "em", "b", "i", "br"];
/** Tags each profile keeps (attributes: KEPT_ATTRIBUTES); figure, img and figcaption are rebuilt, never copied. */
const PROFILE_TAGS: Readonly<Record<PartnerHtmlProfile, readonly string[]>> = {
  minimal: ["p", ...INLINE],
  basic: ["p", ...INLINE, "h2", "h3", "blockquote", "ul", "ol", "li"],
  full: [
    "p", ...INLINE, "h2", "h3", "h4", "h5", "h6", "blockquote", "q", "ul", "ol", "li", "dl", "dt", "dd", "hr", "u", "s",
    "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "code", "pre", "kbd", "samp", "time",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
  ],
};
const KEPT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "title"], abbr: ["title"], time: ["datetime"], ol: ["start"], th: ["colspan", "rowspan", "scope"], td: ["colspan", "rowspan"],
};
const PROFILE_ATTRIBUTES: Readonly<Record<PartnerHtmlProfile, Readonly<Record<string, readonly string[]>>>> = {
  minimal: attributesOf("minimal"),
  basic: attributesOf("basic"),
  full: attributesOf("full"),
};
function attributesOf(profile: PartnerHtmlProfile): Record<string, readonly string[]> {
  return Object.fromEntries(PROFILE_TAGS[profile].map((tag) => [tag, KEPT_ATTRIBUTES[tag] ?? []]));
}

/** The figure markup of one photo that passed the partner's rules. */
export function partnerFigure(image: Image): string {
  const size = (image.width ? ` width="${image.width}"` : "") + (image.height ? ` height="${image.height}"` : "");
  const alt = escapeXml(image.alt ?? image.caption ?? "");
  const caption = image.caption === undefined ? "" : `<span itemprop="caption">${escapeXml(image.caption)}</span>`;
  const credit = image.credit === undefined ? "" : `<span class="credit" itemprop="copyrightHolder">${escapeXml(image.credit)}</span>`;
  const figcaption = caption || credit ? `<figcaption>${[caption, credit].filter(Boolean).join(" ")}</figcaption>` : "";
  return `<figure itemscope itemtype="https://schema.org/ImageObject"><img itemprop="contentUrl" src="${escapeXml(image.url)}" alt="${alt}"${size}>${figcaption}</figure>`;
}

/**
 * Rewrites a body for a partner. `kept` are the article's photos that passed the partner's rules:
 * a body photo that is one of them becomes a partner figure; any other photo is left out. A kept
 * lead photo that the body does not show opens the body.
 */
export function partnerHtml(contentHtml: string, kept: readonly Image[], profile: PartnerHtmlProfile): string {
  // The one "same photo" test (src/extract/same-photo.ts): the body's `photo.jpg?w=1200` or
  // `photo-1024x683.webp` is the Article's `photo.jpg`.
  const imageFor = (src: string | undefined): Image | undefined => (src ? kept.find((image) => samePhoto(image.url, src)) : undefined);
  const shown = new Set<Image>();
  const show = (image: Image | undefined, html: (image: Image) => string): string => {
    if (image === undefined || shown.has(image)) return "";
    shown.add(image);
    return html(image);
  };
  const allowList: AllowList = {
    attributes: PROFILE_ATTRIBUTES[profile],
    replace(element: Element, tag: string) {
      // A figure is rebuilt from its photo (its own caption markup is not copied), or left out.
      if (tag === "figure") {
        const image = descendantsByTag([element], IMG).map((img) => imageFor(img.attribs["src"])).find((i) => i !== undefined);
        return show(image, partnerFigure);
      }
      // A photo outside a figure may sit inside a <p>, where a <figure> is not allowed: a plain img.
      if (tag === "img") {
        return show(imageFor(element.attribs["src"]), (image) => `<img src="${escapeXml(image.url)}" alt="${escapeXml(image.alt ?? image.caption ?? "")}">`);
      }
      return undefined;
    },
  };
  const body = sanitizeHtml(contentHtml, allowList);
  const lead = kept[0];
  return lead && !shown.has(lead) ? `${partnerFigure(lead)}\n${body}` : body;
}

const IMG = new Set(["img"]);
