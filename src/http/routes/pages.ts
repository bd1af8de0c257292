import { Hono } from "hono";
import type { Config } from "../../config.ts";
import { FEED_FILES, scopeKey, SITE_SCOPE, type Article, type ScopeKind } from "../../model/index.ts";
import { FEED_CONTENT_TYPES } from "../../render/index.ts";
import type { ScopeSummary } from "../../store/index.ts";
import type { AppEnv } from "../env.ts";
import { DEFAULT_LIMIT } from "../feed-request.ts";
import { html, htmlResponse, raw, type Html } from "../html.ts";
import { isoNow } from "../now.ts";
import { cachedPage } from "../page-cache.ts";
import { altText, articleCard, byline, formatLinks, FORMAT_LABELS, layout, photo, scopeHref, sectionKicker } from "../pages/parts.ts";
import { findPublished } from "./articles.ts";

export const pageRoutes = new Hono<AppEnv>();

type Kind = Exclude<ScopeKind, "all">;
const KINDS: { kind: Kind; path: string; title: string; shown: number }[] = [
  { kind: "section", path: "/sections", title: "Sections", shown: 8 },
  { kind: "tag", path: "/tags", title: "Tags", shown: 12 },
  { kind: "author", path: "/authors", title: "Authors", shown: 8 },
];

/** Most used first, then by name: what a reader most likely looks for comes first. */
const byUse = (a: ScopeSummary, b: ScopeSummary) => b.count - a.count || a.name.localeCompare(b.name);

/** The home page: the latest articles first, then the feeds, and the most used sections, tags and authors. */
pageRoutes.get("/", async (c) => {
  const { config, store } = c.var;
  const now = isoNow();
  const body = await cachedPage(store, `home|${JSON.stringify(config)}`, now, async () => {
    const [home, scopes] = await Promise.all([store.feedPage(SITE_SCOPE, { limit: DEFAULT_LIMIT, now }), store.listScopes(now)]);
    return { version: home.version, expiresAt: home.expiresAt, html: homePage(config, home.articles, scopes) };
  });
  return htmlResponse(body);
});

function homePage(config: Config, articles: Article[], scopes: ScopeSummary[]): string {
  const discovery = FORMAT_LABELS.map(
    (f) => html`<link rel="alternate" type="${FEED_CONTENT_TYPES[f.format].split(";")[0]}" title="${config.title} (${f.name})" href="${config.baseUrl}/${FEED_FILES[f.format]}">\n`,
  );
  return layout(config, {
    title: config.title,
    current: "/",
    head: html`<meta name="description" content="${config.description}">\n${discovery}`,
    main: html`<h1 class="rubric">Latest</h1>
${articles.length === 0 ? html`<p>No articles yet.</p>` : html`<ul class="cards">${articles.map((a, i) => articleCard(a, config.language, { lead: i === 0 }))}</ul>`}
<h2 class="rubric" id="feeds">Feeds</h2>
<ul class="feeds">
<li><strong>All articles</strong>: ${formatLinks(SITE_SCOPE)}<br><code>${config.baseUrl}/${FEED_FILES.rss}</code></li>
<li><a href="/feeds.opml">Every feed as OPML</a> (import it into a feed reader)</li>
</ul>
<p class="meta">Every section, tag and author has its own feed too: open one below, or copy a feed address into a feed reader.</p>
<div class="groups">${KINDS.map((k) => scopeSummary(k, scopes.filter((s) => s.kind === k.kind)))}</div>`,
  });
}

/** The most used few of a kind as chips, then a link to the whole index. */
function scopeSummary(k: (typeof KINDS)[number], ofKind: ScopeSummary[]): Html | "" {
  if (ofKind.length === 0) return "";
  const top = [...ofKind].sort(byUse).slice(0, k.shown);
  return html`<section><h2 class="rubric">${k.title}</h2>
${chips(top)}
${ofKind.length > top.length ? html`<p class="more"><a href="${k.path}">All ${ofKind.length} ${k.title.toLowerCase()} →</a></p>` : html`<p class="more"><a href="${k.path}">${k.title} with their feeds →</a></p>`}
</section>`;
}

const chips = (scopes: ScopeSummary[]) =>
  html`<ul class="chips">${scopes.map((s) => html`<li><a href="${scopeHref({ kind: s.kind as Kind, key: s.key })}">${s.name}<span class="n">${s.count}</span></a></li>`)}</ul>`;

/** /sections, /tags, /authors: every one, most used first, with its feeds. */
for (const k of KINDS) {
  pageRoutes.get(k.path, async (c) => {
    const { config, store } = c.var;
    const now = isoNow();
    const body = await cachedPage(store, `index|${k.kind}|${JSON.stringify(config)}`, now, async () => {
      // The site's first item only for the version and the next embargo (an article going live adds names).
      const [site, all] = await Promise.all([store.feedPage(SITE_SCOPE, { limit: 1, now }), store.listScopes(now)]);
      const scopes = all.filter((s) => s.kind === k.kind).sort(byUse);
      return { version: site.version, expiresAt: site.expiresAt, html: indexPage(config, k, scopes) };
    });
    return htmlResponse(body);
  });
}

function indexPage(config: Config, k: (typeof KINDS)[number], scopes: ScopeSummary[]): string {
  return layout(config, {
    title: `${k.title} · ${config.title}`,
    current: k.path,
    main: html`<h1 class="page-title">${k.title}</h1>
<p class="lede">${scopes.length} ${k.title.toLowerCase()}, most used first. Each name opens its articles; each has a feed of its own.</p>
${
  scopes.length === 0
    ? html`<p>None yet.</p>`
    : html`<ul class="index">${scopes.map(
        (s) => html`<li><a href="${scopeHref({ kind: k.kind, key: s.key })}">${s.name}</a> <span class="meta">(${s.count})</span><br><small>${formatLinks({ kind: k.kind, key: s.key })}</small></li>`,
      )}</ul>`
}`,
  });
}

// The site's icon: a letter on the accent colour, as SVG (browsers ask for /favicon.ico on every site;
// a 404 there is a console error on every page).
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#a4251c"/><text x="16" y="23" font-family="Georgia,serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">W</text></svg>`;
pageRoutes.get("/favicon.ico", () => new Response(FAVICON, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" } }));

/** A readable page of one article: the permalink that guids and Atom ids point to. */
pageRoutes.get("/articles/:id", async (c) => {
  const { article } = await findPublished(c.var.store, c.req.param("id"), isoNow());
  return htmlResponse(articlePage(c.var.config, article));
});

function articlePage(config: Config, article: Article): string {
  const lang = article.language ?? config.language;
  const lead = article.images[0];
  // The lead photo often comes from the page's metadata (og:image) and is not in the body: show it first.
  const leadFigure =
    lead && !article.contentHtml.includes(`src="${lead.url.replaceAll("&", "&amp;")}"`)
      ? html`<figure>${photo(lead, article, "eager")}${lead.caption || lead.credit ? html`<figcaption>${lead.caption ?? ""}${lead.credit ? html` <span class="credit">${lead.credit}</span>` : ""}</figcaption>` : ""}</figure>`
      : "";
  return layout(config, {
    title: `${article.title} · ${config.title}`,
    lang,
    head: html`<link rel="canonical" href="${article.url}">\n<meta name="description" content="${article.summary}">`,
    main: html`<article class="article">
${sectionKicker(article)}
<h1>${article.title}</h1>
${article.subtitle ? html`<p class="dek">${article.subtitle}</p>` : ""}
<p class="meta">${byline(article, lang)}</p>
${leadFigure}
<div class="body">${raw(withImageDefaults(article))}</div>
${
  article.tags.length
    ? html`<ul class="chips" aria-label="Tags">${article.tags.map((t) => html`<li><a href="${scopeHref({ kind: "tag", key: scopeKey(t) })}">${t}</a></li>`)}</ul>`
    : ""
}
<p class="source">Source: <a href="${article.url}">${article.url}</a></p>
</article>`,
  });
}

/**
 * The body's <img>s with what the page needs and the sanitized HTML may lack: alt text (the
 * photo's caption or the headline) and width/height when measured, so each reserves its box.
 * The body comes from our own sanitizer (src/extract/sanitize.ts): attributes are double-quoted.
 */
function withImageDefaults(article: Article): string {
  const known = new Map(article.images.map((image) => [image.url.replaceAll("&", "&amp;"), image]));
  return article.contentHtml.replace(/<img\b([^>]*?)\/?>/g, (_tag, attributes: string) => {
    const image = known.get(/\ssrc="([^"]*)"/.exec(attributes)?.[1] ?? "");
    let extra = "";
    if (!/\salt="/.test(attributes)) extra += html` alt="${image ? altText(image, article) : article.title}"`.value;
    if (image?.width && image.height && !/\swidth="/.test(attributes)) extra += ` width="${image.width}" height="${image.height}"`;
    return `<img${attributes}${extra} loading="lazy" decoding="async">`;
  });
}
