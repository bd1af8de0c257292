import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

/** Readability 0.6 on a linkedom document: the reference body text the corpus test compares against. */
export function readabilityText(html: string): string {
  const { document } = parseHTML(html);
  // linkedom's Document is close enough to the DOM Readability walks; the cast is the only gap in the types.
  const result = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  return result?.textContent ?? "";
}
