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

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
];

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

function sniffEncoding(bytes: Uint8Array, transportCharset: string | undefined): string {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => bytes[i] === byte)) return bom.encoding;
  }
  if (transportCharset && isKnownLabel(transportCharset)) return transportCharset.trim().toLowerCase();
  // Latin-1 view of the prescan window: ASCII-compatible, so the <meta> is readable whatever the charset.
  const head = Array.from(bytes.subarray(0, 1024), (byte) => String.fromCharCode(byte)).join("");
  const declared = head.match(META_CHARSET)?.[1]?.toLowerCase();
  if (!declared || !isKnownLabel(declared)) return "utf-8";
  if (!/^utf-?8$/.test(declared) && hasNonAscii(bytes) && isValidUtf8(bytes)) return "utf-8";
  return declared;
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

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function makeDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder("utf-8"); // unknown label: the HTML Standard's default
  }
}

/** True when the text looks like binary data decoded by mistake (NULs, many control or U+FFFD chars). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes("\u0000")) return true;
  const suspicious = sample.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return suspicious > sample.length * 0.05;
}

export function decodeInput(input: string | Uint8Array, transportCharset?: string): Decoded {
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > MAX_INPUT_BYTES) return { ok: false, reason: `the input is larger than ${MAX_INPUT_BYTES} bytes` };
  const text =
    typeof input === "string" ? input.replace(/^\ufeff/, "") : makeDecoder(sniffEncoding(input, transportCharset)).decode(input);
  if (text.trim().length === 0) return { ok: false, reason: "the input is empty" };
  if (looksBinary(text)) return { ok: false, reason: "the input looks like binary data, not HTML or Markdown text" };
  return { ok: true, text };
}

/** HTML when the first non-space character is "<" (after any BOM), otherwise Markdown. */
export function sniffContentType(text: string): "text/html" | "text/markdown" {
  return text.trimStart().startsWith("<") ? "text/html" : "text/markdown";
}
