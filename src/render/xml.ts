/**
 * The one escaping module and the one XML writer (DESIGN.md §4.11). Every renderer and any HTML
 * page builds text and attributes through these functions, so "never emit malformed output for any
 * string" is enforced in one place.
 */

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

/**
 * Builds the document with `+=`, which V8 turns into a rope (a tree of the pieces, no copying); the
 * one flat copy is made when the caller encodes the string to bytes. An array joined at the end made
 * a flat copy in join() and, after the trailing "\n", another one in the encoder: for a 400 KB
 * feed those two large allocations were most of the render time (bench/README.md). Element names
 * are constants from the renderers, never input, so only text and attribute values are escaped.
 */
export class XmlWriter {
  private out = XML_DECLARATION;
  private depth = 0;

  /** `<name attrs>` on its own line; children follow until close(). */
  open(name: string, attributes?: XmlAttributes): this {
    this.out += this.indent() + "<" + name + renderAttributes(attributes) + ">";
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.out += this.indent() + "</" + name + ">";
    return this;
  }

  /** `<name attrs>escaped text</name>`. */
  text(name: string, value: string, attributes?: XmlAttributes): this {
    this.out += this.indent() + "<" + name + renderAttributes(attributes) + ">" + escapeXml(value) + "</" + name + ">";
    return this;
  }

  /** `<name attrs><![CDATA[value]]></name>`, for HTML that readers should take verbatim. */
  cdata(name: string, value: string, attributes?: XmlAttributes): this {
    this.out += this.indent() + "<" + name + renderAttributes(attributes) + ">" + cdata(value) + "</" + name + ">";
    return this;
  }

  /** `<name attrs/>`. */
  empty(name: string, attributes: XmlAttributes): this {
    this.out += this.indent() + "<" + name + renderAttributes(attributes) + "/>";
    return this;
  }

  toString(): string {
    return this.out + "\n";
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
