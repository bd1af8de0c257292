/**
 * What a clean feed is, as checks that return problems (strings) instead of throwing, so a test over
 * a corpus reports every problem of every feed at once. Pure: runs in Node and in workerd.
 *
 * - XML feeds: well-formed by a strict XML 1.0 + Namespaces parser (tests/tools/strict-xml.ts).
 * - JSON Feed: the rules of JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
 * - Every string: no C0 control character (XML 1.0 §2.2 `Char`; RFC 8259 allows them only escaped,
 *   and readers choke on them), no lone surrogate (no UTF-8 form), no U+FFFE/U+FFFF.
 * - Every URI where a URI is due: absolute, RFC 3986 characters only, `%` followed by two hex digits,
 *   parseable by WHATWG URL, http(s) (mailto: where an author or a link may be one).
 * - Every HTML body: parsed by the HTML5 algorithm (parse5) without a parse error and to the same tree
 *   of elements as written (a nested `<p>` does not survive), no relative reference left.
 * - Titles and plain-text fields: no markup and no character reference left in the text.
 */
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { parseXmlStrict, type XmlElement } from "./strict-xml.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function charProblem(value: string, where: string): string | undefined {
  const m = BAD_CHAR.exec(value);
  return m ? `${where}: forbidden character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} at ${m.index}` : undefined;
}

// RFC 3986 §2: unreserved / reserved / pct-encoded; nothing else may appear in a URI.
const URI_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

export function uriProblem(value: string, where: string, schemes: readonly string[] = ["http:", "https:"]): string | undefined {
  const say = (why: string) => `${where}: ${why}: ${JSON.stringify(value.slice(0, 200))}`;
  if (!URI_CHARS.test(value)) return say("not an absolute URI of RFC 3986 characters");
  if (BAD_PERCENT.test(value)) return say("a % that starts no percent-encoding");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return say("not parseable as a URL");
  }
  if (!schemes.includes(url.protocol)) return say(`scheme ${url.protocol} is not one of ${schemes.join(" ")}`);
  if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "") return say("no host");
  return undefined;
}

const MARKUP = /<\/?[A-Za-z][^<>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/;

/** Plain text (titles, Atom type="text", JSON Feed summary): no tag and no character reference. */
export function textProblem(value: string, where: string): string | undefined {
  const m = MARKUP.exec(value);
  return m ? `${where}: markup in plain text: ${JSON.stringify(m[0])}` : charProblem(value, where);
}

// The elements with an end tag in our serializers' output: everything but the void elements.
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "srcset", "poster", "action", "longdesc", "usemap", "background"]);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)[^>]*>/g;

/** The sequence of elements as written: `<p><em>` `</em>` `</p>` -> "+p +em -em -p" (void ones open and close). */
function writtenShape(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) out.push(`-${name}`);
    else out.push(`+${name}`, ...(VOID.has(name) ? [`-${name}`] : []));
  }
  return out;
}

function parsedShape(node: Node, out: string[]): string[] {
  if ("tagName" in node) out.push(`+${node.tagName}`);
  const children = "childNodes" in node ? node.childNodes : [];
  for (const child of children) parsedShape(child, out);
  if ("tagName" in node) out.push(`-${node.tagName}`);
  return out;
}

function elements(node: Node, out: Element[] = []): Element[] {
  if ("tagName" in node) out.push(node);
  for (const child of "childNodes" in node ? node.childNodes : []) elements(child, out);
  return out;
}

/** An HTML body (content:encoded, Atom content, content_html). */
export function htmlProblems(html: string, where: string): string[] {
  const problems: string[] = [];
  const char = charProblem(html, where);
  if (char) problems.push(char);
  const errors: string[] = [];
  const fragment = parseFragment(html, {
    onParseError: (error) => void errors.push(`${error.code} at ${error.startOffset}: ${JSON.stringify(html.slice(Math.max(0, error.startOffset - 40), error.startOffset + 40))}`),
  });
  for (const error of errors.slice(0, 3)) problems.push(`${where}: HTML parse error ${error}`);
  const written = writtenShape(html).join(" ");
  const parsed = parsedShape(fragment, []).join(" ");
  if (written !== parsed) {
    let i = 0;
    while (i < written.length && written[i] === parsed[i]) i++;
    problems.push(`${where}: HTML parses to another tree: written …${written.slice(Math.max(0, i - 60), i + 60)}… parsed …${parsed.slice(Math.max(0, i - 60), i + 60)}…`);
  }
  for (const element of elements(fragment)) {
    for (const { name, value } of element.attrs) {
      if (!URL_ATTRIBUTES.has(name)) continue;
      const problem = uriProblem(value, `${where} <${element.tagName} ${name}>`, name === "href" ? ["http:", "https:", "mailto:"] : ["http:", "https:"]);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

// ---- XML feeds --------------------------------------------------------------------------------

const ATOM = "http://www.w3.org/2005/Atom";
/** Elements whose text is a URI: RSS link, Atom id/uri/icon/logo, RSS image url, Feedly's icon/logo. */
const URI_TEXT = new Set(["link", "uri", "icon", "logo", "url", "docs", "guid"]);
const URI_ATTRIBUTES = new Set(["href", "url", "image", "src"]);
/** Elements whose text must be plain (no markup, no character reference). */
const PLAIN_TEXT = new Set(["title", "name", "media:description", "media:credit", "category", "dc:creator", "media:title"]);

export function xmlFeedProblems(xml: string, where: string): string[] {
  let root: XmlElement;
  try {
    root = parseXmlStrict(xml);
  } catch (error) {
    return [`${where}: ${(error as Error).message.slice(0, 500)}`];
  }
  const problems: string[] = [];
  const add = (problem: string | undefined) => void (problem && problems.push(problem));
  const walk = (element: XmlElement, path: string) => {
    const here = `${path}/${element.name}`;
    for (const [name, value] of Object.entries(element.attributes)) {
      add(charProblem(value, `${where} ${here}@${name}`));
      if (URI_ATTRIBUTES.has(name)) add(uriProblem(value, `${where} ${here}@${name}`));
    }
    const isAtom = element.uri === ATOM;
    const text = element.text.trim();
    if (element.children.length === 0) {
      add(charProblem(element.text, `${where} ${here}`));
      const isUri = URI_TEXT.has(element.local) && !(element.local === "guid" && element.attributes["isPermaLink"] === "false");
      const hasText = text !== "" || Object.keys(element.attributes).length === 0; // <atom:link href/> is empty
      if (hasText && (isUri || (isAtom && element.local === "id") || element.name.startsWith("webfeeds:"))) {
        if (element.name !== "webfeeds:accentColor") add(uriProblem(text, `${where} ${here}`));
      }
      const type = element.attributes["type"];
      const isHtml = element.name === "content:encoded" || element.name === "description" || (isAtom && type === "html");
      // An RSS description is HTML, and a summary written as HTML-escaped text must read as plain text.
      if (element.name === "description") add(textProblem(element.text.replace(/&(amp|lt|gt|quot|#39);/g, ""), `${where} ${here}`));
      if (isHtml) problems.push(...htmlProblems(element.text, `${where} ${here}`));
      else if (PLAIN_TEXT.has(element.name) || (isAtom && (element.local === "summary" || element.local === "subtitle") && type !== "html")) {
        add(textProblem(element.text, `${where} ${here}`));
      }
    }
    for (const child of element.children) walk(child, here);
  };
  walk(root, "");
  return problems;
}

// ---- JSON Feed 1.1 ----------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** JSON Feed 1.1: the top-level, item, author, hub and attachment rules, plus our string rules. */
export function jsonFeedProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  const add = (problem: string | undefined) => void (problem && problems.push(problem));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return [`${where}: not JSON: ${(error as Error).message}`];
  }
  // Every string anywhere, extensions included; no null anywhere (we omit unknown members).
  const strings = (value: unknown, path: string): void => {
    if (value === null) problems.push(`${where} ${path}: null`);
    else if (typeof value === "string") add(charProblem(value, `${where} ${path}`));
    else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`);
  };
  strings(doc, "$");
  if (!isObject(doc)) return [...problems, `${where}: not an object`];
  const expect = (ok: boolean, what: string) => void (ok || problems.push(`${where} ${what}`));
  const str = (o: Record<string, Json>, key: string, path: string, required = false) => {
    const v = o[key];
    if (v === undefined) return expect(!required, `${path}.${key} is required`);
    expect(typeof v === "string", `${path}.${key} must be a string`);
  };
  const url = (o: Record<string, Json>, key: string, path: string, schemes?: string[]) => {
    const v = o[key];
    if (v === undefined) return;
    if (typeof v !== "string") return expect(false, `${path}.${key} must be a string`);
    add(uriProblem(v, `${where} ${path}.${key}`, schemes));
  };
  const authors = (o: Record<string, Json>, path: string) => {
    const list = o["authors"];
    if (list === undefined) return;
    if (!Array.isArray(list) || list.length === 0) return expect(false, `${path}.authors must be a non-empty array`);
    list.forEach((a, i) => {
      const p = `${path}.authors[${i}]`;
      if (!isObject(a)) return expect(false, `${p} must be an object`);
      expect(a["name"] !== undefined || a["url"] !== undefined || a["avatar"] !== undefined, `${p} needs name, url or avatar`);
      str(a, "name", p);
      if (typeof a["name"] === "string") add(textProblem(a["name"], `${where} ${p}.name`));
      url(a, "url", p, ["http:", "https:", "mailto:"]);
      url(a, "avatar", p);
    });
  };
  expect(doc["version"] === "https://jsonfeed.org/version/1.1", "$.version must be https://jsonfeed.org/version/1.1");
  str(doc, "title", "$", true);
  if (typeof doc["title"] === "string") add(textProblem(doc["title"], `${where} $.title`));
  for (const key of ["home_page_url", "feed_url", "next_url", "icon", "favicon"]) url(doc, key, "$");
  for (const key of ["description", "user_comment", "language"]) str(doc, key, "$");
  if (doc["expired"] !== undefined) expect(typeof doc["expired"] === "boolean", "$.expired must be a boolean");
  authors(doc, "$");
  const hubs = doc["hubs"];
  if (hubs !== undefined) {
    if (!Array.isArray(hubs)) expect(false, "$.hubs must be an array");
    else hubs.forEach((h, i) => (isObject(h) ? (str(h, "type", `$.hubs[${i}]`, true), url(h, "url", `$.hubs[${i}]`)) : expect(false, `$.hubs[${i}] must be an object`)));
  }
  const items = doc["items"];
  if (!Array.isArray(items)) return [...problems, `${where} $.items must be an array`];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const p = `$.items[${i}]`;
    if (!isObject(item)) return expect(false, `${p} must be an object`);
    str(item, "id", p, true);
    if (typeof item["id"] === "string") {
      expect(item["id"] !== "", `${p}.id must not be empty`);
      expect(!ids.has(item["id"]), `${p}.id is not unique`);
      ids.add(item["id"]);
    }
    for (const key of ["url", "external_url", "image", "banner_image"]) url(item, key, p);
    for (const key of ["title", "content_html", "content_text", "summary", "language"]) str(item, key, p);
    expect(item["content_html"] !== undefined || item["content_text"] !== undefined, `${p} needs content_html or content_text`);
    if (typeof item["title"] === "string") add(textProblem(item["title"], `${where} ${p}.title`));
    if (typeof item["summary"] === "string") add(textProblem(item["summary"], `${where} ${p}.summary`));
    if (typeof item["content_html"] === "string") problems.push(...htmlProblems(item["content_html"], `${where} ${p}.content_html`));
    for (const key of ["date_published", "date_modified"]) {
      const v = item[key];
      if (v !== undefined) expect(typeof v === "string" && RFC3339.test(v) && !Number.isNaN(Date.parse(v)), `${p}.${key} must be an RFC 3339 date`);
    }
    authors(item, p);
    const tags = item["tags"];
    if (tags !== undefined) expect(Array.isArray(tags) && tags.every((t) => typeof t === "string"), `${p}.tags must be an array of strings`);
    const attachments = item["attachments"];
    if (attachments !== undefined) {
      if (!Array.isArray(attachments)) return expect(false, `${p}.attachments must be an array`);
      attachments.forEach((a, j) => {
        const q = `${p}.attachments[${j}]`;
        if (!isObject(a)) return expect(false, `${q} must be an object`);
        expect(typeof a["url"] === "string", `${q}.url is required`);
        url(a, "url", q);
        str(a, "mime_type", q, true);
        str(a, "title", q);
        for (const key of ["size_in_bytes", "duration_in_seconds"]) {
          if (a[key] !== undefined) expect(typeof a[key] === "number" && a[key] >= 0, `${q}.${key} must be a non-negative number`);
        }
      });
    }
  });
  return problems;
}
