import { escapeXml } from "../render/index.ts";
import { PAGE_STYLE } from "./pages/style.ts";

/** Tagged template for pages: every interpolated value is escaped unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup that is already safe (sanitized article HTML). */
export const raw = (value: string): Html => new Html(value);

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeXml(String(value));
}

// Pages run no script and load nothing but images: a strict policy costs nothing.
const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

type PageOptions = { title: string; lang: string; head?: Html; body: Html };

/** A page for people, with the security headers every one of them gets. */
export function page(options: PageOptions): Response {
  return htmlResponse(pageHtml(options));
}

export function htmlResponse(document: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(document, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...SECURITY_HEADERS, ...headers } });
}

/** The whole HTML document of a page (every interpolated value escaped). */
export function pageHtml(options: PageOptions): string {
  const doc = html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
${options.head ?? ""}
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
${options.body}
</body>
</html>
`;
  return doc.value;
}
