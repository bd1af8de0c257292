/**
 * The one escaping module and the one XML writer (one way to escape, so no two renderers can disagree). Every renderer and any HTML
 * page builds text and attributes through these functions, so "never emit malformed output for any
 * string" is enforced in one place.
 */
import { concatBytes } from "../model/index.ts";

// XML 1.0 §2.2 `Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
// With the `u` flag a lone surrogate is its own code point in D800-DFFF, so it is outside the class.
const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// The same set by UTF-16 code unit, plus every surrogate (paired ones are valid). Without the `u`
// flag this pre-check is ~2.5x faster, and it is all that runs for ordinary text.
const SUSPECT_CODE_UNIT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Remove every character outside the XML 1.0 `Char` production (§2.2). */
export function stripInvalidXmlChars(s: string): string {
  // Test first: almost every string is clean and `replace` would allocate a copy.
  return SUSPECT_CODE_UNIT.test(s) && INVALID_XML_CHAR.test(s) ? s.replace(INVALID_XML_CHARS, "") : s;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Remove unpaired UTF-16 surrogates: they have no UTF-8 encoding (RFC 3629 §3). */
export function stripLoneSurrogates(s: string): string {
  // Not String#isWellFormed: tsconfig targets ES2023 and it is ES2024.
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, "") : s;
}

// `&#39;` rather than `&apos;`: HTML 4 has no `&apos;`, and HTML pages reuse this function.
// CR is a character reference because XML 1.0 §2.11 turns a literal CR (or CRLF) into LF.
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\r": "&#13;",
};
const TEXT_SPECIALS = /[&<>"'\r]/g;
// The markup characters plus SUSPECT_CODE_UNIT: one scan settles the common case (nothing to strip,
// nothing to escape) instead of two.
const NEEDS_ESCAPING = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Strip invalid characters, then escape `& < > " '` (and CR). The result is well-formed in element
 * content and in a quoted attribute value, in XML and in HTML.
 */
export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPING.test(s)) return s;
  return stripInvalidXmlChars(s).replace(TEXT_SPECIALS, (c) => TEXT_ESCAPES[c] ?? c);
}

const MARKUP_SPECIALS = /[&<>]/g;
const MARKUP_SPECIALS_QUOTED = /[&<>"]/g;
const NEEDS_MARKUP_ESCAPING = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Strip invalid characters, then escape `& < >` (and `"` for a double-quoted attribute value): the
 * least that keeps markup well-formed, for the HTML bodies the extractor writes, where apostrophes
 * and quotes in text stay as written (and stored bodies stay as small as they were).
 */
export function escapeXmlText(s: string, inAttribute = false): string {
  if (!NEEDS_MARKUP_ESCAPING.test(s)) return s;
  return stripInvalidXmlChars(s).replace(inAttribute ? MARKUP_SPECIALS_QUOTED : MARKUP_SPECIALS, (c) => TEXT_ESCAPES[c] ?? c);
}

// XML 1.0 §3.3.3 (attribute-value normalization) turns a literal tab or LF into a space; as
// character references they survive, so a caption in an Atom link@title round-trips exactly.
const ATTRIBUTE_WHITESPACE = /[\t\n]/;
const ATTRIBUTE_WHITESPACES = /[\t\n]/g;

/** escapeXml plus tab and LF as character references, for attribute values. */
export function escapeXmlAttribute(s: string): string {
  const escaped = escapeXml(s);
  return ATTRIBUTE_WHITESPACE.test(escaped)
    ? escaped.replace(ATTRIBUTE_WHITESPACES, (c) => (c === "\t" ? "&#9;" : "&#10;"))
    : escaped;
}

/**
 * Wrap in a CDATA section (XML 1.0 §2.7). A CDATA section ends at the first `]]>`, so EVERY `]]>`
 * is split across two sections: `]]]]><![CDATA[>`. A CR is emitted between sections as `&#13;`
 * because §2.11 would turn a literal CR inside CDATA into LF.
 */
export function cdata(s: string): string {
  let body = stripInvalidXmlChars(s);
  if (body.includes("]]>")) body = body.replaceAll("]]>", "]]]]><![CDATA[>");
  if (body.includes("\r")) body = body.replaceAll("\r", "]]>&#13;<![CDATA[");
  return `<![CDATA[${body}]]>`;
}

/** Attribute values by name; `undefined` omits the attribute. Insertion order is output order. */
export type XmlAttributes = Readonly<Record<string, string | number | undefined>>;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const INDENTS = Array.from({ length: 8 }, (_, depth) => "\n" + "  ".repeat(depth));

const encoder = new TextEncoder();
// Pending text is encoded once it reaches this many UTF-16 code units: small enough that the
// pending string stays a young-generation object (V8 puts strings over 128 KB in large-object
// space) unless a single appended piece is itself that large, large enough that there are few
// chunks to copy at the end.
const FLUSH_AT = 16 * 1024;

/**
 * Builds a document as UTF-8 bytes, which is what is served and hashed. Text is appended with `+=`
 * (a V8 rope) and encoded every FLUSH_AT code units; finish() copies the chunks into one exact-size
 * array. A feed built as one string instead has to be flattened into a single large allocation and
 * then encoded: for a 400 KB feed, those two large copies were 80% of the render time
 * (bench/README.md), and the string form is two bytes per character whenever the text holds any
 * character above U+00FF (a curly quote is enough). Single use: finish() ends it.
 */
export class Utf8Builder {
  private pending = "";
  private readonly chunks: Uint8Array[] = [];
  private byteLength = 0;
  private finishing = false;

  append(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  finish(): Uint8Array {
    this.finishing = true;
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0]!;
    return concatBytes(this.chunks, this.byteLength);
  }

  private flush(): void {
    if (this.pending === "") return;
    // A high surrogate at the end may be half of a pair whose other half the next append brings:
    // encoded alone it would become U+FFFD, so it waits (at the very end it is lone, and U+FFFD is
    // what TextEncoder makes of it anyway).
    const last = this.pending.charCodeAt(this.pending.length - 1);
    const keep = last >= 0xd800 && last <= 0xdbff && !this.finishing ? 1 : 0;
    const chunk = encoder.encode(keep ? this.pending.slice(0, -1) : this.pending);
    this.chunks.push(chunk);
    this.byteLength += chunk.byteLength;
    this.pending = keep ? this.pending.slice(-1) : "";
  }
}

/**
 * Writes an indented XML document into a Utf8Builder. Element names are constants from the
 * renderers, never input, so only text and attribute values are escaped.
 */
export class XmlWriter {
  private readonly out = new Utf8Builder();
  private depth = 0;

  constructor() {
    this.out.append(XML_DECLARATION);
  }

  /** `<name attrs>` on its own line; children follow until close(). */
  open(name: string, attributes?: XmlAttributes): this {
    this.out.append(this.indent() + "<" + name + renderAttributes(attributes) + ">");
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.out.append(this.indent() + "</" + name + ">");
    return this;
  }

  /** `<name attrs>escaped text</name>`. */
  text(name: string, value: string, attributes?: XmlAttributes): this {
    this.out.append(this.indent() + "<" + name + renderAttributes(attributes) + ">" + escapeXml(value) + "</" + name + ">");
    return this;
  }

  /** `<name attrs><![CDATA[value]]></name>`, for HTML that readers should take verbatim. */
  cdata(name: string, value: string, attributes?: XmlAttributes): this {
    this.out.append(this.indent() + "<" + name + renderAttributes(attributes) + ">" + cdata(value) + "</" + name + ">");
    return this;
  }

  /** `<name attrs/>`. */
  empty(name: string, attributes: XmlAttributes): this {
    this.out.append(this.indent() + "<" + name + renderAttributes(attributes) + "/>");
    return this;
  }

  /** The document as UTF-8, ending in a newline. The writer must not be used afterwards. */
  finish(): Uint8Array {
    this.out.append("\n");
    return this.out.finish();
  }

  private indent(): string {
    return INDENTS[this.depth] ?? "\n" + "  ".repeat(this.depth);
  }
}

function renderAttributes(attributes: XmlAttributes | undefined): string {
  if (attributes === undefined) return "";
  let out = "";
  for (const name in attributes) {
    const value = attributes[name];
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === "number" ? String(value) : escapeXmlAttribute(value)}"`;
  }
  return out;
}
