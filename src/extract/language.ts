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

/**
 * The most frequent function words of the Latin-script languages we tell apart (each list from the top
 * of the language's frequency lists; words two languages share, such as "de", "la", "a", count for
 * both). A text is taken as one language when at least 15% of its words are that language's and
 * clearly more than any other's.
 */
const STOPWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "at", "it", "from", "his", "her", "are", "were", "be", "has", "have", "said", "which", "an", "its", "their"]),
  es: new Set(["de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con", "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "fue", "este", "ha", "es", "son", "entre", "cuando", "muy", "sin", "sobre", "también"]),
  pt: new Set(["de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu", "sua", "ou", "ser", "quando", "muito", "há", "nos", "já", "está", "também"]),
  fr: new Set(["de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui", "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "il", "sont", "avec", "aux", "son", "sa", "mais", "ou", "été", "elle", "nous", "vous", "leur", "cette"]),
  de: new Set(["der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder"]),
  it: new Set(["di", "e", "il", "la", "che", "a", "per", "un", "in", "è", "del", "della", "non", "una", "le", "si", "con", "i", "da", "dei", "al", "gli", "alla", "sono", "anche", "come", "più", "ma", "nel", "ha", "lo", "delle", "questo", "nella"]),
  nl: new Set(["de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet", "aan", "er", "om", "ook", "als", "dan", "maar", "bij", "of", "uit", "nog", "wordt", "door", "naar", "heeft", "worden", "wel", "deze", "was", "hij", "ze", "werd"]),
};

/**
 * Script-based guess for text without a declared language: Hangul -> "ko", kana -> "ja", Han without
 * kana -> "zh", Latin -> the language whose function words it uses (STOPWORDS); anything else
 * undefined, because guessing wrong is worse than saying nothing.
 */
export function guessLanguage(text: string): string | undefined {
  const sample = text.slice(0, 5000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return undefined;
  const hangul = sample.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const kana = sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (hangul / letters > 0.3) return "ko";
  if (kana / letters > 0.1) return "ja";
  if (han / letters > 0.3) return "zh";
  if (latin / letters < 0.8) return undefined;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 5) return undefined;
  const shares = Object.entries(STOPWORDS)
    .map(([language, stopwords]) => [language, words.filter((word) => stopwords.has(word)).length / words.length] as const)
    .sort((a, b) => b[1] - a[1]);
  const [best, second] = shares as [readonly [string, number], readonly [string, number]];
  return best[1] >= 0.15 && best[1] >= second[1] * 1.25 ? best[0] : undefined;
}
