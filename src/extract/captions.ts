import { normalizeSpace } from "./text.ts";

/**
 * Split a caption into what the photo shows and who made it. Tried in order; the first match wins.
 * - `… [YONHAP]`: the bracketed trailing credit of Korea JoongAng Daily and Yonhap captions (also common
 *   on other Korean and Japanese English-language sites), so it is generic, not a site rule.
 * - `… (Photo: Reuters)`, `… Photo: Jonas Berg`, `… Photograph by X`, `… Credit: X`, `… © X`: the
 *   credit-line styles of AP/Reuters-syndicated and UK/US pages.
 * The caption keeps its own final period, if it has one.
 */
const CREDIT_PATTERNS: readonly { pattern: RegExp; afterSentence: boolean }[] = [
  { pattern: /^(.*?)\s*\[([^[\]]{1,80})\]$/s, afterSentence: false },
  { pattern: /^(.*?)\s*\((?:photos?|photograph|image|picture|credit|source)\s*(?::|by)\s*([^()]{1,80})\)\.?$/is, afterSentence: false },
  // Unbracketed credit lines must start the text or follow a sentence end: "a photo by the river" is prose.
  { pattern: /^(.*?)\s*\b(?:photos?|photograph|image|picture|credit)\s*(?::|by\b)\s*([^.:]{1,80}?)\.?$/is, afterSentence: true },
  { pattern: /^(.*?)\s*(?:©|\(c\)|\bcopyright\b)\s*([^.]{1,80}?)\.?$/is, afterSentence: true },
];

export type CaptionParts = { caption?: string; credit?: string };

export function splitCaptionCredit(text: string): CaptionParts {
  const clean = normalizeSpace(text);
  if (!clean) return {};
  for (const { pattern, afterSentence } of CREDIT_PATTERNS) {
    const match = clean.match(pattern);
    const caption = normalizeSpace(match?.[1] ?? "");
    const credit = normalizeSpace(match?.[2] ?? "");
    if (!match || !credit) continue;
    if (afterSentence && caption && !/[.!?"”’)\]]$/.test(caption)) continue;
    return caption ? { caption, credit } : { credit };
  }
  return { caption: clean };
}

/** True when a short block of text reads as a credit line or a captioned credit ("Photo: …"). */
export function looksLikeCaption(text: string): boolean {
  const clean = normalizeSpace(text);
  return clean.length > 0 && clean.length <= 400 && splitCaptionCredit(clean).credit !== undefined;
}
