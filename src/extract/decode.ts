/**
 * Bytes -> string with web-standard TextDecoder only (runs in workerd and Node). Charset order, after
 * the HTML Standard's encoding sniffing (https://html.spec.whatwg.org/#encoding-sniffing-algorithm):
 * byte order mark -> <meta charset> / http-equiv in the first 1024 bytes -> UTF-8.
 */

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
];

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

function sniffEncoding(bytes: Uint8Array): string {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => bytes[i] === byte)) return bom.encoding;
  }
  // Latin-1 view of the prescan window: ASCII-compatible, so the <meta> is readable whatever the charset.
  const head = Array.from(bytes.subarray(0, 1024), (byte) => String.fromCharCode(byte)).join("");
  return head.match(META_CHARSET)?.[1]?.toLowerCase() ?? "utf-8";
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

export function decodeInput(input: string | Uint8Array): Decoded {
  const text =
    typeof input === "string" ? input.replace(/^\ufeff/, "") : makeDecoder(sniffEncoding(input)).decode(input);
  if (text.trim().length === 0) return { ok: false, reason: "the input is empty" };
  if (looksBinary(text)) return { ok: false, reason: "the input looks like binary data, not HTML or Markdown text" };
  return { ok: true, text };
}

/** HTML when the first non-space character is "<" (after any BOM), otherwise Markdown. */
export function sniffContentType(text: string): "text/html" | "text/markdown" {
  return text.trimStart().startsWith("<") ? "text/html" : "text/markdown";
}
