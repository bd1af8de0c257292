/**
 * CPU bounds for Markdown, applied to the text before `marked` sees it (issue 13). Measured with
 * marked 18 on this machine: 600 KB of `*a*a…` takes over a minute (its emphasis delimiter search
 * is quadratic within a paragraph), `_a` is worse, 5,000 nested `>` or list markers throw RangeError
 * (its block parser recurses per level), and 500 lists nested by indentation take 9 s. Plain prose
 * of the same size takes under 100 ms.
 */

/** Longer Markdown is refused: a long article is 50,000 characters. */
export const MAX_MARKDOWN_CHARS = 1024 * 1024;
/** Container markers (`>`, list markers) kept at the start of one line; deeper ones become text. */
export const MAX_MARKDOWN_NESTING = 16;
/** Leading white space kept on one line, in columns (tab = 4): 16 levels of two-space lists. */
export const MAX_MARKDOWN_INDENT = 32;
/** Emphasis marks (`*`, `_`, `~`) in one block (paragraph, item, quote line run), outside code fences. */
export const MAX_EMPHASIS_PER_BLOCK = 200;
/** Emphasis marks in the whole document, outside code fences. */
export const MAX_EMPHASIS_MARKS = 2_000;
/** `<` in the whole document outside code fences (each may open inline HTML marked scans for). */
export const MAX_ANGLE_BRACKETS = 5_000;

/**
 * Each line keeps at most MAX_MARKDOWN_NESTING container markers and MAX_MARKDOWN_INDENT columns of
 * leading white space; what was deeper is read as the text of the deepest level kept. Lines inside
 * code fences are left alone.
 */
export function flattenNesting(source: string): string {
  const lines = source.split("\n");
  forEachLineOutsideFences(lines, (line, i) => {
    lines[i] = flattenLine(line);
  });
  return lines.join("\n");
}

/**
 * Calls `visit` for each line outside fenced code blocks (CommonMark §4.5: ``` or ~~~, closed by a
 * fence of the same character at least as long). Inside fences marked reads text only.
 */
function forEachLineOutsideFences(lines: readonly string[], visit: (line: string, index: number) => boolean | void): void {
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
    } else if (fenceMark) {
      fence = fenceMark;
    } else if (visit(line, i) === false) {
      return;
    }
  }
}

function flattenLine(line: string): string {
  let at = 0;
  let columns = 0;
  while (at < line.length && (line[at] === " " || line[at] === "\t")) columns += line[at++] === "\t" ? 4 : 1;
  const clamped = columns > MAX_MARKDOWN_INDENT;
  // Container markers (CommonMark §5.1 block quotes, §5.2 list items), each with its spacing.
  const marker = /(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/y;
  marker.lastIndex = at;
  let markers = 0;
  let end = at;
  let keptEnd = at;
  while (end < line.length && marker.exec(line) !== null) {
    end = marker.lastIndex;
    if (++markers <= MAX_MARKDOWN_NESTING) keptEnd = end;
  }
  if (markers <= MAX_MARKDOWN_NESTING && !clamped) return line;
  return (clamped ? " ".repeat(MAX_MARKDOWN_INDENT) : line.slice(0, at)) + line.slice(at, keptEnd) + line.slice(end);
}

/** Why the markup is over a cap, or undefined. Code fences do not count: marked reads them as text. */
export function markupOverCaps(source: string): string | undefined {
  let total = 0;
  let block = 0;
  let angles = 0;
  let reason: string | undefined;
  forEachLineOutsideFences(source.split("\n"), (line) => {
    if (line.trim() === "") block = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 42 || c === 95 || c === 126) {
        // * _ ~
        if (++block > MAX_EMPHASIS_PER_BLOCK) reason = `Markdown with more than ${MAX_EMPHASIS_PER_BLOCK} emphasis marks (*, _, ~) in one paragraph is refused`;
        else if (++total > MAX_EMPHASIS_MARKS) reason = `Markdown with more than ${MAX_EMPHASIS_MARKS} emphasis marks (*, _, ~) is refused`;
      } else if (c === 60 && ++angles > MAX_ANGLE_BRACKETS) {
        reason = `Markdown with more than ${MAX_ANGLE_BRACKETS} "<" outside code blocks is refused`;
      }
      if (reason) return false;
    }
    return true;
  });
  return reason;
}
