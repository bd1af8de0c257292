import { describe, expect, it } from "vitest";
import { cdata, escapeXml, escapeXmlAttribute, stripInvalidXmlChars, stripLoneSurrogates, Utf8Builder, XmlWriter } from "../../src/render/xml.ts";
import { parseXmlStrict } from "../tools/strict-xml.ts";

describe("stripInvalidXmlChars", () => {
  it("keeps tab, LF, CR and everything in the XML 1.0 Char production", () => {
    const valid = "\t\n\r ~\u007F\u0085\uD7FF\uE000\uFFFD😀\u{10FFFF}é한";
    expect(stripInvalidXmlChars(valid)).toBe(valid);
  });

  it("removes C0 controls, lone surrogates, U+FFFE and U+FFFF", () => {
    expect(stripInvalidXmlChars("a\u0000b\u0001c\u000Bd\u000Ce\u001Bf\u001Fg")).toBe("abcdefg");
    expect(stripInvalidXmlChars("x\uD800y\uDFFFz\uFFFE\uFFFF!")).toBe("xyz!");
    // A high surrogate followed by a high surrogate + low surrogate pair: only the first is lone.
    expect(stripInvalidXmlChars("\uD800\uD83D\uDE00")).toBe("😀");
  });

  it("returns the same string when nothing needs removing", () => {
    const s = "plain text";
    expect(stripInvalidXmlChars(s)).toBe(s);
  });
});

describe("stripLoneSurrogates", () => {
  it("removes only unpaired surrogates", () => {
    expect(stripLoneSurrogates("a\uD800b\uDC00c😀\u0001\uFFFE")).toBe("abc😀\u0001\uFFFE");
    expect(stripLoneSurrogates("\uDE00\uD83D")).toBe("");
  });
});

describe("escapeXml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe("a &amp; b &lt; c &gt; d &quot; e &#39; f");
  });

  it("escapes an existing entity again (text is never taken as markup)", () => {
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  it("strips invalid characters before escaping and keeps CR as a reference", () => {
    expect(escapeXml("\u0000<\uFFFF\r\n")).toBe("&lt;&#13;\n");
  });

  it("round-trips every BMP code point through element text and an attribute", () => {
    let all = "";
    for (let cp = 0; cp <= 0xffff; cp++) all += String.fromCharCode(cp);
    all += "😀\u{10FFFF}";
    const doc = parseXmlStrict(`<r a="${escapeXmlAttribute(all)}">${escapeXml(all)}</r>`);
    const expected = stripInvalidXmlChars(all);
    expect(doc.text).toBe(expected);
    expect(doc.attributes["a"]).toBe(expected);
  });
});

describe("escapeXmlAttribute", () => {
  it("keeps tab and LF from attribute-value normalization (XML 1.0 §3.3.3)", () => {
    expect(escapeXmlAttribute("a\tb\nc\rd")).toBe("a&#9;b&#10;c&#13;d");
    expect(parseXmlStrict(`<r a="${escapeXmlAttribute("a\tb\nc\r\nd")}"/>`).attributes["a"]).toBe("a\tb\nc\r\nd");
  });
});

describe("cdata", () => {
  it("wraps text in one CDATA section", () => {
    expect(cdata("<p>x</p>")).toBe("<![CDATA[<p>x</p>]]>");
  });

  it("splits EVERY ]]>", () => {
    expect(cdata("a]]>b]]>c")).toBe("<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>");
    for (const input of ["]]>", "]]>]]>", "]]]>>", "x]]>", "]]>]]]]>", "]]"]) {
      expect(parseXmlStrict(`<r>${cdata(input)}</r>`).text).toBe(input);
    }
  });

  it("keeps CR, which XML 1.0 §2.11 would turn into LF inside CDATA", () => {
    expect(parseXmlStrict(`<r>${cdata("a\r\nb\rc")}</r>`).text).toBe("a\r\nb\rc");
  });

  it("strips invalid characters", () => {
    expect(cdata("a\u0000\uD800\uFFFEb")).toBe("<![CDATA[ab]]>");
  });
});

describe("XmlWriter", () => {
  it("writes a declaration, indented elements, escaped attributes and omits undefined ones", () => {
    const xml = new XmlWriter()
      .open("r", { a: "x&y", b: undefined, c: 3 })
      .text("t", "<1>")
      .cdata("h", "<b>]]>")
      .empty("e", { href: 'q"' })
      .close("r")
      .finish();
    expect(new TextDecoder().decode(xml)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<r a="x&amp;y" c="3">\n  <t>&lt;1&gt;</t>\n  <h><![CDATA[<b>]]]]><![CDATA[>]]></h>\n  <e href="q&quot;"/>\n</r>\n',
    );
    expect(parseXmlStrict(new TextDecoder().decode(xml)).children.map((c) => c.text)).toEqual(["<1>", "<b>]]>", ""]);
  });
});

describe("Utf8Builder", () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  // toEqual walks large arrays element by element (seconds for these sizes); Buffer#equals is memcmp.
  const sameBytes = (actual: Uint8Array, expected: Uint8Array) => expect(Buffer.from(actual).equals(expected), "same bytes").toBe(true);

  it("returns the UTF-8 of everything appended, across many flushes", () => {
    // Pieces of every UTF-8 length (1 to 4 bytes), some longer than a flush, none split.
    const pieces = Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? "x".repeat(20_000) : `${i} a é “q” 한 😀 `));
    const builder = new Utf8Builder();
    for (const piece of pieces) builder.append(piece);
    sameBytes(builder.finish(), encode(pieces.join("")));
  });

  it("keeps a surrogate pair whole when a flush falls between its halves", () => {
    const builder = new Utf8Builder();
    builder.append("x".repeat(16_383) + "\uD83D"); // the flush threshold is reached on the high half
    builder.append("\uDE00!");
    sameBytes(builder.finish(), encode("x".repeat(16_383) + "😀!"));
    const lone = new Utf8Builder();
    lone.append("x".repeat(16_383) + "\uD83D");
    sameBytes(lone.finish(), encode("x".repeat(16_383) + "\uD83D")); // lone at the end: U+FFFD, as TextEncoder does
  });

  it("handles nothing, one small piece and one piece larger than a flush", () => {
    expect(new Utf8Builder().finish()).toEqual(new Uint8Array(0));
    const one = new Utf8Builder();
    one.append("한");
    expect(one.finish()).toEqual(encode("한"));
    const large = new Utf8Builder();
    large.append("😀".repeat(50_000));
    large.append("!");
    sameBytes(large.finish(), encode("😀".repeat(50_000) + "!"));
  });
});
