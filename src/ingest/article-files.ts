/**
 * What a file of the articles/ folder means: its article id and how its text is read. The one home
 * of both, used by the folder sync and by `npm run extract`, so a file gets the same id in each.
 */

/** `.html` pages take the HTML path; `.md` and `.txt` (the sample's form) are Markdown. */
const CONTENT_TYPES: Readonly<Record<string, "text/html" | "text/markdown">> = {
  html: "text/html",
  htm: "text/html",
  md: "text/markdown",
  markdown: "text/markdown",
  txt: "text/markdown",
};

/** The extension of a file name, lower case, without the dot (a name without one is its own "extension"). */
export const fileExtension = (name: string): string => name.split(".").pop()?.toLowerCase() ?? "";

/** How a file is read, by its extension; undefined for a type articles/ does not take. */
export const fileContentType = (name: string): "text/html" | "text/markdown" | undefined => CONTENT_TYPES[fileExtension(name)];

/**
 * The article id of a file: its name without the extension, each run of characters other than
 * letters, digits, "-" and "_" made one "-" (`a b  c.html` is `a-b-c`), no leading "-" or "_", at
 * most 128 characters. Empty when nothing usable is left.
 */
export function fileArticleId(name: string): string {
  return name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[-_]+/, "").slice(0, 128);
}
