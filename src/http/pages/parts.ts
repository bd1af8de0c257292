import type { Config } from "../../config.ts";
import { FEED_FILES, scopeKey, type Article, type FeedFormat, type FeedScope, type Image } from "../../model/index.ts";
import { scopePath } from "../feed-request.ts";
import { html, pageHtml, type Html } from "../html.ts";

/** Feed formats as readers know them, in the order pages list them: a short label and the full name. */
export const FORMAT_LABELS: { format: FeedFormat; label: string; name: string }[] = [
  { format: "rss", label: "RSS", name: "RSS 2.0" },
  { format: "atom", label: "Atom", name: "Atom 1.0" },
  { format: "json", label: "JSON Feed", name: "JSON Feed 1.1" },
];
export const formatName = (format: FeedFormat): string => FORMAT_LABELS.find((f) => f.format === format)!.name;

export const NAV = [
  { href: "/", label: "Latest" },
  { href: "/sections", label: "Sections" },
  { href: "/tags", label: "Tags" },
  { href: "/authors", label: "Authors" },
  { href: "/#feeds", label: "Feeds" },
] as const;

type LayoutOptions = { title: string; lang?: string; head?: Html; current?: string; main: Html };

/** What a page shows of the settings (an error page may have nothing better than defaults). */
export type SiteLabels = Pick<Config, "title" | "description" | "language">;

/** A whole page of the site: header with the site's name and sections of the site, the main part, a footer. */
export function layout(config: SiteLabels, options: LayoutOptions): string {
  return pageHtml({
    title: options.title,
    lang: options.lang ?? config.language,
    ...(options.head ? { head: options.head } : {}),
    body: html`<header class="site"><div class="wrap">
<a class="brand" href="/">${config.title}</a>
<nav class="site" aria-label="Site">${NAV.map((item) => html`<a href="${item.href}"${item.href === options.current ? html` aria-current="page"` : ""}>${item.label}</a>`)}</nav>
</div></header>
<main class="wrap">
${options.main}
</main>
<footer class="site"><div class="wrap">${config.description} · Feeds in RSS 2.0, Atom 1.0 and JSON Feed 1.1 · <a href="/feed.xml">Subscribe</a></div></footer>`,
  });
}

/** The page of a section's, tag's or author's feed (in a browser, its preview) and its feed files. */
export const scopeHref = (scope: FeedScope, format: FeedFormat = "rss") => `${scopePath(scope)}/${FEED_FILES[format]}`;

/** "12 June 2025", in UTC as stored: the same on every server and in every test. */
export function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
  } catch {
    return iso.slice(0, 10);
  }
}

/** "A", "A and B", "A, B and C", each linked to the author's page. */
function authorList(article: Article): Html {
  const links = article.authors.map((a) => html`<a href="${scopeHref({ kind: "author", key: scopeKey(a.name) })}">${a.name}</a>`);
  if (links.length <= 1) return html`${links}`;
  const init = links.slice(0, -1).map((link, i) => html`${i ? ", " : ""}${link}`);
  return html`${init} and ${links[links.length - 1]}`;
}

/** "By A and B · 12 June 2025", with the date as a machine-readable <time>. */
export function byline(article: Article, lang: string): Html {
  const date = html`<time datetime="${article.publishedAt}">${formatDate(article.publishedAt, lang)}</time>`;
  return article.authors.length ? html`By ${authorList(article)} · ${date}` : date;
}

export function sectionKicker(article: Article): Html | "" {
  if (!article.section) return "";
  return html`<p class="kicker"><a href="${scopeHref({ kind: "section", key: scopeKey(article.section) })}">${article.section}</a></p>`;
}

/** Text for an image's alt attribute: its own, else its caption, else the headline it illustrates. */
export const altText = (image: Image, article: Article): string => image.alt ?? image.caption ?? article.title;

/**
 * An <img> with alt text and its size, so the browser reserves its box before it loads (and keeps
 * it when it cannot: the style sheet draws a placeholder there).
 */
export function photo(image: Image, article: Article, loading: "lazy" | "eager" = "lazy"): Html {
  const size = image.width && image.height ? html` width="${image.width}" height="${image.height}"` : "";
  return html`<img src="${image.url}" alt="${altText(image, article)}"${size} loading="${loading}" decoding="async">`;
}

/** One article in a list: lead photo, section, headline, summary, byline and date. */
export function articleCard(article: Article, lang: string, options: { lead?: boolean } = {}): Html {
  const image = article.images[0];
  const href = `/articles/${encodeURIComponent(article.id)}`;
  return html`<li class="card${options.lead ? " lead" : ""}">
<a class="ph${image ? "" : " none"}" href="${href}" tabindex="-1" aria-hidden="true">${image ? photo(image, article, options.lead ? "eager" : "lazy") : (article.section ?? article.title).slice(0, 1)}</a>
${sectionKicker(article)}
<h3><a href="${href}">${article.title}</a></h3>
${article.summary ? html`<p class="summary">${article.summary}</p>` : ""}
<p class="meta">${byline(article, lang)}</p>
</li>`;
}

/** The three feed links of a scope: "RSS · Atom · JSON Feed". */
export function formatLinks(scope: FeedScope): Html {
  return html`<span class="formats">${FORMAT_LABELS.map((f, i) => html`${i ? " · " : ""}<a href="${scopeHref(scope, f.format)}">${f.label}</a>`)}</span>`;
}
