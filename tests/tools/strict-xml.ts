/**
 * A strict XML 1.0 + Namespaces reader for tests: saxes with xmlns on, and ANY reported error
 * (malformed markup, a character outside `Char`, an unbound prefix) throws.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";

export interface XmlElement {
  /** Qualified name as written, e.g. "media:content". */
  name: string;
  /** Namespace URI ("" for none) and local name, resolved by the parser. */
  uri: string;
  local: string;
  /** Attribute values by qualified name. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data (text and CDATA) directly inside this element. */
  text: string;
}

export function parseXmlStrict(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (error) => errors.push(error.message));
  parser.on("opentag", (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const element: XmlElement = { name: tag.name, uri: tag.uri, local: tag.local, attributes, children: [], text: "" };
    const parent = stack.at(-1);
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => void stack.pop());
  const appendText = (text: string): void => {
    const current = stack.at(-1);
    if (current !== undefined) current.text += text;
  };
  parser.on("text", appendText);
  parser.on("cdata", appendText);
  parser.write(xml).close();
  if (errors.length > 0) throw new Error(`XML is not well-formed:\n${errors.join("\n")}`);
  if (root === undefined) throw new Error("XML has no root element");
  return root;
}

/** Direct children with the given qualified name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The single direct child with that name; throws when there are none or several. */
export function childNamed(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${element.name}>, found ${found.length}`);
  return found[0]!;
}

/** Text of the single child with that name, or undefined when absent. */
export function childText(element: XmlElement, name: string): string | undefined {
  const found = childrenNamed(element, name);
  if (found.length > 1) throw new Error(`expected at most one <${name}> in <${element.name}>, found ${found.length}`);
  return found[0]?.text;
}
