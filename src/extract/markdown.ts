import { Marked, type Tokens } from "marked";
import { flattenNesting, markupOverCaps, MAX_MARKDOWN_CHARS } from "./markdown-bounds.ts";

/**
 * Markdown -> HTML with marked (CommonMark + GFM), with two documented deviations:
 *
 * 1. "One line per paragraph" form: a document that contains no blank line at all is read as one
 *    block per line (lines are joined with blank lines before parsing). Exported article dumps such as
 *    the Korea JoongAng Daily sample use it; in plain CommonMark all its lines would merge into a
 *    single paragraph. Documents with at least one blank line are parsed unchanged.
 * 2. Implicit figures (as Pandoc's `implicit_figures`): a paragraph holding only an image becomes
 *    `<figure><img><figcaption>alt</figcaption></figure>`, the alt text being the caption.
 */

const IMAGE_ONLY_WHITESPACE = /^\s*$/;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    paragraph(token: Tokens.Paragraph): string | false {
      const meaningful = token.tokens.filter((t) => !(t.type === "text" && IMAGE_ONLY_WHITESPACE.test(t.raw)));
      const only = meaningful[0];
      if (meaningful.length !== 1 || only?.type !== "image") return false; // default rendering
      const image = only as Tokens.Image;
      const caption = image.text.trim();
      const alt = escapeHtml(caption);
      return `<figure><img src="${escapeHtml(image.href)}" alt="${alt}">${caption ? `<figcaption>${alt}</figcaption>` : ""}</figure>\n`;
    },
  },
});

/** True when the text has no blank line, i.e. it is in the one-line-per-paragraph form. */
export function isLinePerParagraph(text: string): boolean {
  return !/\n[ \t]*\n/.test(text.replace(/\r\n?/g, "\n").trim());
}

/** The source marked reads: line endings normalized, the one-line-per-paragraph form made blocks. */
function markdownSource(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  return isLinePerParagraph(normalized) ? normalized.split("\n").join("\n\n") : normalized;
}

/** Markdown -> HTML, nesting flattened (markdown-bounds.ts) but no size or markup caps: for trusted text. */
export function markdownToHtml(text: string): string {
  return markdown.parse(flattenNesting(markdownSource(text)), { async: false });
}

/**
 * Markdown from outside -> HTML, within CPU bounds (issue 13): `marked` is quadratic on runs of
 * emphasis marks and recursive on nesting, so size and markup are capped and nesting is flattened
 * before it runs (markdown-bounds.ts). A document over a cap is a value, never a long parse or a throw.
 */
export function renderMarkdown(text: string): { ok: true; html: string } | { ok: false; reason: string } {
  if (text.length > MAX_MARKDOWN_CHARS) return { ok: false, reason: `Markdown longer than ${MAX_MARKDOWN_CHARS} characters is refused` };
  const source = flattenNesting(markdownSource(text));
  const tooMuch = markupOverCaps(source);
  if (tooMuch) return { ok: false, reason: tooMuch };
  try {
    return { ok: true, html: markdown.parse(source, { async: false }) };
  } catch (error) {
    // A stack overflow the caps did not foresee is still a refusal of this input, not a 500.
    if (error instanceof RangeError) return { ok: false, reason: "the Markdown is nested too deeply to read" };
    throw error;
  }
}
