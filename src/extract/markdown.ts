import { Marked, type Tokens } from "marked";

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

export function markdownToHtml(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  const source = isLinePerParagraph(normalized) ? normalized.split("\n").join("\n\n") : normalized;
  return markdown.parse(source, { async: false });
}
