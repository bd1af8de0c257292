/**
 * Writes an HTML fragment that parses back to the tree it was written as. Feed readers parse
 * bodies with the HTML5 algorithm (WHATWG HTML §13.2), which does not nest everything as written:
 * a `<p>` is closed by the start of a block (`<p><figure>` is two siblings, and the `</p>` after
 * the figure becomes a stray, empty paragraph: the W3C validator's NotHtml), an `<a>` inside an
 * `<a>` closes the outer one, and a `<tr>` straight in a `<table>` gets a `<tbody>`. So the
 * emitter does those things itself, the way the parser would, and the written tree is the parsed
 * tree: an interrupted paragraph is closed before the block and reopened for the inline content
 * that follows it, and a table row gets its `<tbody>`.
 *
 * Names and attributes come from the caller's allow-list and are written as given (attributes
 * already escaped); text must already be escaped.
 */

/** Start tags that close an open `<p>` (HTML §13.2.6.4.7 "in body": address, article, …, ul). */
const CLOSES_P = new Set([
  "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "dd", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
]);
/** Elements that end "button scope" (§13.2.4.2): a `<p>` outside them is not closed from inside. */
const SCOPE_BOUNDARIES = new Set(["table", "td", "th", "caption", "button", "object", "marquee", "applet", "template", "html"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

export type Open = { readonly tag: string; live: boolean };

export class HtmlEmitter {
  private html = "";
  private readonly stack: Open[] = [];
  /** A `<p>` closed early by a block, with the stack depth where it stood: reopened for inline content. */
  private resume: { element: Open; depth: number } | undefined;

  /** Whether an element of that name is open. */
  isOpen(tag: string): boolean {
    return this.stack.some((open) => open.tag === tag);
  }

  /** `<tag attributes>`; the handle closes it (void elements get no handle on the stack). */
  start(tag: string, attributes: string, isVoid: boolean): Open {
    if (CLOSES_P.has(tag)) this.closeParagraph();
    else this.reopenParagraph();
    const top = this.stack.at(-1);
    // §13.2.6.4.7: a heading start tag closes a heading that is the current node.
    if (HEADINGS.has(tag) && top && HEADINGS.has(top.tag)) this.popTo(this.stack.length - 1);
    if (tag === "tr" && this.stack.at(-1)?.tag === "table") this.push("tbody", ""); // §13.2.6.4.9
    return isVoid ? (this.html += `<${tag}${attributes}>`, { tag, live: false }) : this.push(tag, attributes);
  }

  /** Markup written whole in place of a `tag` element (a partner's rebuilt figure), by the same rules. */
  raw(html: string, tag: string): void {
    if (html === "") return;
    if (CLOSES_P.has(tag)) this.closeParagraph();
    else this.reopenParagraph();
    this.html += html;
  }

  /** Escaped text; text with something to read reopens an interrupted paragraph first. */
  text(escaped: string, readable: boolean): void {
    if (readable) this.reopenParagraph();
    this.html += escaped;
  }

  /** `</tag>` for an element still open (with any left open inside it); nothing when already closed. */
  end(element: Open): void {
    if (this.resume?.element === element) this.resume = undefined;
    if (!element.live) return;
    this.popTo(this.stack.lastIndexOf(element));
  }

  finish(): string {
    this.popTo(0);
    return this.html;
  }

  private push(tag: string, attributes: string): Open {
    const element = { tag, live: true };
    this.html += `<${tag}${attributes}>`;
    this.stack.push(element);
    return element;
  }

  /** Close every element from `index` up, innermost first. */
  private popTo(index: number): void {
    while (this.stack.length > index) {
      const element = this.stack.pop()!;
      element.live = false;
      this.html += `</${element.tag}>`;
    }
  }

  private closeParagraph(): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const open = this.stack[i]!;
      if (SCOPE_BOUNDARIES.has(open.tag)) return;
      if (open.tag !== "p") continue;
      this.popTo(i);
      this.resume = { element: open, depth: i };
      return;
    }
  }

  private reopenParagraph(): void {
    const resume = this.resume;
    if (resume === undefined || this.stack.length !== resume.depth) return;
    this.resume = undefined;
    this.html += "<p>";
    resume.element.live = true;
    this.stack.push(resume.element);
  }
}
