/**
 * Bytes -> string with web-standard TextDecoder only (runs in workerd and Node). Charset order, after
 * the HTML Standard's encoding sniffing (https://html.spec.whatwg.org/#encoding-sniffing-algorithm):
 * byte order mark -> the transport charset (HTTP Content-Type, `options.charset`) -> <meta charset> /
 * http-equiv in the first 1024 bytes -> UTF-8. One deviation: when <meta> names a legacy charset but the
 * bytes are valid UTF-8 with non-ASCII sequences, UTF-8 wins (saved and re-encoded pages keep their old
 * <meta>; a GBK, EUC-KR or Shift_JIS text almost never happens to be valid UTF-8). The transport
 * charset is not second-guessed.
 * Labels go to TextDecoder, whose WHATWG Encoding Standard table workerd and Node share ("euc-kr",
 * "shift_jis", "windows-1252", "gb2312" -> GBK, "iso-8859-1" -> windows-1252, ...).
 */

/** Inputs larger than this are refused before parsing (a news page is rarely above 2 MB of HTML). */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * The text comes as chunks of about CHUNK_BYTES, fed to the streaming parser one by one: a whole
 * page decoded into one string is a large-object allocation (hundreds of KB), which in V8 costs about
 * as much as parsing it; small strings stay in the young generation. Joined, the chunks are the text.
 */
export type Decoded = { ok: true; chunks: readonly string[] } | { ok: false; reason: string };
const CHUNK_BYTES = 8192;

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
];

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

/** The charset to decode with; `utf8First`: try UTF-8 before the declared legacy charset (see above). */
function sniffEncoding(bytes: Uint8Array, transportCharset: string | undefined): { label: string; utf8First: boolean } {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => bytes[i] === byte)) return { label: bom.encoding, utf8First: false };
  }
  if (transportCharset && isKnownLabel(transportCharset)) return { label: transportCharset.trim().toLowerCase(), utf8First: false };
  // Latin-1 view of the prescan window: ASCII-compatible, so the <meta> is readable whatever the charset.
  const head = Array.from(bytes.subarray(0, 1024), (byte) => String.fromCharCode(byte)).join("");
  const declared = head.match(META_CHARSET)?.[1]?.toLowerCase();
  if (!declared || !isKnownLabel(declared)) return { label: "utf-8", utf8First: false };
  return { label: declared, utf8First: !/^utf-?8$/.test(declared) && hasNonAscii(bytes) };
}

function isKnownLabel(label: string): boolean {
  try {
    new TextDecoder(label.trim());
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

function makeDecoder(label: string, fatal = false): TextDecoder {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: false });
  } catch {
    return new TextDecoder("utf-8"); // unknown label: the HTML Standard's default
  }
}

/** Decode in CHUNK_BYTES pieces (stream mode keeps a sequence split between pieces whole). Throws only when fatal. */
function decodeChunks(bytes: Uint8Array, label: string, fatal = false): string[] {
  const decoder = makeDecoder(label, fatal);
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) chunks.push(decoder.decode(bytes.subarray(i, i + CHUNK_BYTES), { stream: true }));
  chunks.push(decoder.decode());
  return chunks;
}

/**
 * Bytes -> chunks. A legacy <meta> charset over bytes that are valid UTF-8 is decoded as UTF-8: the
 * strict UTF-8 decode is both the test and the result, so the bytes are decoded once, not validated
 * and then decoded again.
 */
function decodeBytes(bytes: Uint8Array, transportCharset: string | undefined): string[] {
  const { label, utf8First } = sniffEncoding(bytes, transportCharset);
  if (utf8First) {
    try {
      return decodeChunks(bytes, "utf-8", true);
    } catch {
      // not UTF-8: the declared charset it is
    }
  }
  return decodeChunks(bytes, label);
}

/** The first `length` characters of the chunks' text. */
function headOf(chunks: readonly string[], length: number): string {
  let head = "";
  for (let i = 0; i < chunks.length && head.length < length; i++) head += chunks[i];
  return head.slice(0, length);
}

/** True when the text looks like binary data decoded by mistake (NULs, many control or U+FFFD chars). */
function looksBinary(chunks: readonly string[]): boolean {
  const sample = headOf(chunks, 8192);
  if (sample.includes("\u0000")) return true;
  const suspicious = sample.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return suspicious > sample.length * 0.05;
}

export function decodeInput(input: string | Uint8Array, transportCharset?: string): Decoded {
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > MAX_INPUT_BYTES) return { ok: false, reason: `the input is larger than ${MAX_INPUT_BYTES} bytes` };
  const chunks = typeof input === "string" ? [input.replace(/^\ufeff/, "")] : decodeBytes(input, transportCharset);
  if (chunks.every((chunk) => chunk.trim().length === 0)) return { ok: false, reason: "the input is empty" };
  if (looksBinary(chunks)) return { ok: false, reason: "the input looks like binary data, not HTML or Markdown text" };
  return { ok: true, chunks };
}

/** HTML when the first non-space character is "<" (after any BOM), otherwise Markdown. */
export function sniffContentType(chunks: readonly string[]): "text/html" | "text/markdown" {
  const first = chunks.find((chunk) => chunk.trim() !== "") ?? "";
  return first.trimStart().startsWith("<") ? "text/html" : "text/markdown";
}
