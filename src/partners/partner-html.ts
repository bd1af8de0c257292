/**
 * Partner bodies: the article's sanitized HTML rewritten through the partner's allow-list profile,
 * with every figure rebuilt the way portals ingest captions and credits:
 *
 *   <figure itemscope itemtype="https://schema.org/ImageObject">
 *     <img itemprop="contentUrl" src="…" alt="…" width="…" height="…">
 *     <figcaption><span itemprop="caption">What it shows</span> <span class="credit" itemprop="copyrightHolder">YONHAP</span></figcaption>
 *   </figure>
 *
 * The input is the extractor's output (src/extract/sanitize.ts: lower-case tags, double-quoted
 * attributes), but it is read as untrusted anyway: only listed tags and attributes are written, and
 * every text and attribute is decoded and re-escaped through the one escaping function.
 */
import type { Image } from "../model/index.ts";
import { escapeXml } from "../render/index.ts";
import { samePhoto } from "../extract/same-photo.ts";
import type { PartnerHtmlProfile } from "./schema.ts";
import { decodeCharacterReferences } from "../extract/text.ts";

const INLINE = ["a", "strong", "em", "b", "i", "br"];
/** Tags each profile keeps (attributes: href on a only); figure, img and figcaption are rebuilt, never copied. */
const PROFILE_TAGS: Readonly<Record<PartnerHtmlProfile, ReadonlySet<string>>> = {
  minimal: new Set(["p", ...INLINE]),
  basic: new Set(["p", ...INLINE, "h2", "h3", "blockquote", "ul", "ol", "li"]),
  full: new Set([
    "p", ...INLINE, "h2", "h3", "h4", "h5", "h6", "blockquote", "q", "ul", "ol", "li", "dl", "dt", "dd", "hr", "u", "s",
    "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "code", "pre", "kbd", "samp", "time",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
  ]),
};
const VOID = new Set(["br", "hr", "img"]);
const KEPT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "title"], abbr: ["title"], time: ["datetime"], ol: ["start"], th: ["colspan", "rowspan", "scope"], td: ["colspan", "rowspan"],
};

type Token = { kind: "open" | "close"; name: string; attributes: Record<string, string> } | { kind: "text"; text: string };
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>|<!--[\s\S]*?-->|[^<]+|</g;
const ATTRIBUTE = /([a-zA-Z-]+)(?:="([^"]*)")?/g;

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const m of html.matchAll(TOKEN)) {
    if (m[2] !== undefined) {
      const attributes: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(ATTRIBUTE)) attributes[a[1]!.toLowerCase()] = decodeCharacterReferences(a[2] ?? "");
      tokens.push({ kind: m[1] ? "close" : "open", name: m[2].toLowerCase(), attributes });
    } else if (!m[0].startsWith("<!--")) {
      tokens.push({ kind: "text", text: m[0] === "<" ? "<" : decodeCharacterReferences(m[0]) });
    }
  }
  return tokens;
}

const safeUrl = (value: string | undefined, schemes: RegExp): string | undefined => {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return schemes.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
};

function attributesHtml(name: string, attributes: Record<string, string>): string {
  let out = "";
  for (const key of KEPT_ATTRIBUTES[name] ?? []) {
    let value = attributes[key];
    if (key === "href") value = safeUrl(value, /^(https?|mailto):$/);
    if (value !== undefined) out += ` ${key}="${escapeXml(value)}"`;
  }
  return out;
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
  const imageFor = (src: string): Image | undefined => kept.find((image) => samePhoto(image.url, src));
  const shown = new Set<Image>();
  const allowed = PROFILE_TAGS[profile];
  const open: string[] = [];
  let out = "";
  let inFigure = 0;
  let figureImage: Image | undefined;

  for (const token of tokenize(contentHtml)) {
    if (token.kind === "text") {
      if (inFigure === 0) out += escapeXml(token.text);
      continue;
    }
    const { name } = token;
    if (name === "figure") {
      if (token.kind === "open") {
        inFigure++;
      } else if (inFigure > 0 && --inFigure === 0) {
        if (figureImage && !shown.has(figureImage)) out += partnerFigure(figureImage);
        if (figureImage) shown.add(figureImage);
        figureImage = undefined;
      }
      continue;
    }
    if (name === "img" && token.kind === "open") {
      const image = imageFor(token.attributes["src"] ?? "");
      if (inFigure > 0) figureImage ??= image;
      else if (image && !shown.has(image)) {
        // A photo outside a figure may sit inside a <p>, where a <figure> is not allowed: a plain img.
        out += `<img src="${escapeXml(image.url)}" alt="${escapeXml(image.alt ?? image.caption ?? "")}">`;
        shown.add(image);
      }
      continue;
    }
    if (inFigure > 0 || !allowed.has(name)) continue;
    if (token.kind === "open") {
      out += `<${name}${attributesHtml(name, token.attributes)}>`;
      if (!VOID.has(name)) open.push(name);
    } else if (!VOID.has(name) && open.lastIndexOf(name) !== -1) {
      // Close what the input left open inside this element, so the output is always balanced.
      while (open.length > 0) {
        const last = open.pop()!;
        out += `</${last}>`;
        if (last === name) break;
      }
    }
  }
  while (open.length > 0) out += `</${open.pop()}>`;
  const lead = kept[0];
  const body = out.replace(/(<\/(?:p|figure|h[2-6]|blockquote|ul|ol|pre|table)>)\s*/g, "$1\n").trim();
  return lead && !shown.has(lead) ? `${partnerFigure(lead)}\n${body}` : body;
}
