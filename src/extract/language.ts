/** Language tags: normalize declared values and, when nothing is declared, guess cheaply from script. */

/** "en_GB" (og:locale) -> "en-GB", "EN" -> "en"; undefined when it is not a BCP 47 shape. */
export function normalizeLanguageTag(raw: string): string | undefined {
  const value = raw.trim().split(/[,;\s]/)[0]?.replace(/_/g, "-") ?? "";
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value)) return undefined;
  const [primary, ...rest] = value.split("-");
  // BCP 47 §2.1.1 case conventions: language lower, region upper, script title case.
  const subtags = rest.map((tag) =>
    tag.length === 2 ? tag.toUpperCase() : tag.length === 4 ? tag[0]!.toUpperCase() + tag.slice(1).toLowerCase() : tag.toLowerCase(),
  );
  return [primary!.toLowerCase(), ...subtags].join("-");
}

/** Frequent English function words; a Latin-script text where they are common is taken as English. */
const ENGLISH_STOPWORDS = new Set([
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "at", "it",
  "from", "his", "her", "are", "were", "be", "has", "have", "said", "which", "an", "its", "their",
]);

/**
 * Script-based guess for text without a declared language: Hangul -> "ko", kana -> "ja", Latin with at
 * least 15% English stopwords -> "en"; anything else (other Latin languages, Han only) -> undefined,
 * because guessing wrong is worse than saying nothing.
 */
export function guessLanguage(text: string): string | undefined {
  const sample = text.slice(0, 5000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return undefined;
  const hangul = sample.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const kana = sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (hangul / letters > 0.3) return "ko";
  if (kana / letters > 0.1) return "ja";
  if (latin / letters < 0.8) return undefined;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const stopwords = words.filter((word) => ENGLISH_STOPWORDS.has(word)).length;
  return words.length >= 5 && stopwords / words.length >= 0.15 ? "en" : undefined;
}
