import { escapeXml } from "../render/index.ts";

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

export function htmlResponse(document: string): Response {
  return new Response(document, { headers: { "Content-Type": "text/html; charset=utf-8", ...SECURITY_HEADERS } });
}

/** The whole HTML document of a page (every interpolated value escaped). */
export function pageHtml(options: PageOptions): string {
  const doc = html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
${options.head ?? ""}
<style>
body{font:17px/1.55 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
a{color:#0b57d0}h1{line-height:1.2}figure{margin:1.5rem 0}img{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#555}.credit{text-transform:uppercase;font-size:.8rem;color:#777}
.meta{color:#555;font-size:.95rem}ul.articles{padding:0;list-style:none}ul.articles li{margin:0 0 1rem}
code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}
</style>
</head>
<body>
${options.body}
</body>
</html>
`;
  return doc.value;
}
