import { Hono } from "hono";
import type { Config } from "../../config.ts";
import { FEED_FILES, SITE_SCOPE, type Article, type FeedFormat, type FeedScope } from "../../model/index.ts";
import type { ScopeSummary } from "../../store/index.ts";
import { FEED_CONTENT_TYPES } from "../../render/index.ts";
import type { AppEnv } from "../env.ts";
import { DEFAULT_LIMIT, scopePath } from "../feed-request.ts";
import { html, htmlResponse, page, pageHtml, raw } from "../html.ts";
import { cachedHomePage } from "../feed-cache.ts";
import { isoNow } from "../now.ts";
import { findPublished } from "./articles.ts";

export const pageRoutes = new Hono<AppEnv>();

const FORMATS: { format: FeedFormat; label: string }[] = [
  { format: "rss", label: "RSS 2.0" },
  { format: "atom", label: "Atom 1.0" },
  { format: "json", label: "JSON Feed 1.1" },
];
const mediaType = (format: FeedFormat) => FEED_CONTENT_TYPES[format].split(";")[0];
const KIND_HEADINGS = { section: "Sections", tag: "Tags", author: "Authors" } as const;

/** The home page: every feed (with autodiscovery links for the site's own) and the latest articles. */
pageRoutes.get("/", async (c) => {
  const { config, store } = c.var;
  const now = isoNow();
  const body = await cachedHomePage(store, JSON.stringify(config), now, async () => {
    const [home, scopes] = await Promise.all([store.feedPage(SITE_SCOPE, { limit: DEFAULT_LIMIT, now }), store.listScopes(now)]);
    return { version: home.version, expiresAt: home.expiresAt, html: homePage(config, home.articles, scopes) };
  });
  return htmlResponse(body);
});

function homePage(config: Config, articles: Article[], scopes: ScopeSummary[]): string {
  const feedLinks = (scope: FeedScope) =>
    FORMATS.map((f) => html`<a href="${scopePath(scope)}/${FEED_FILES[f.format]}">${f.label}</a>`).reduce(
      (all, link, i) => html`${all}${i ? " · " : ""}${link}`,
      html``,
    );
  return pageHtml({
    title: config.title,
    lang: config.language,
    head: html`${FORMATS.map(
      (f) => html`<link rel="alternate" type="${mediaType(f.format)}" title="${config.title} (${f.label})" href="${config.baseUrl}/${FEED_FILES[f.format]}">\n`,
    )}`,
    body: html`<h1>${config.title}</h1>
<p>${config.description}</p>
<h2>Feeds</h2>
<p>All articles: ${feedLinks(SITE_SCOPE)}<br><code>${config.baseUrl}/${FEED_FILES.rss}</code></p>
<p><a href="/feeds.opml">Every feed as OPML</a> (import it into a feed reader)</p>
${(["section", "tag", "author"] as const).map((kind) => {
  const ofKind = scopes.filter((s) => s.kind === kind);
  return ofKind.length === 0
    ? ""
    : html`<h3>${KIND_HEADINGS[kind]}</h3><ul>${ofKind.map(
        (s) => html`<li>${s.name} (${s.count}): ${feedLinks({ kind, key: s.key })}</li>`,
      )}</ul>`;
})}
<h2>Articles</h2>
${articles.length === 0 ? html`<p>No articles yet.</p>` : html`<ul class="articles">${articles.map(articleItem)}</ul>`}`,
  });
}

function articleItem(article: Article) {
  return html`<li><a href="/articles/${article.id}">${article.title}</a><br><span class="meta">${byline(article)}</span>
<br><small><a href="/api/articles/${article.id}">JSON</a></small></li>`;
}

const byline = (article: Article) =>
  [article.authors.map((a) => a.name).join(", "), article.publishedAt.slice(0, 10), article.section].filter(Boolean).join(" · ");

/** A readable page of one article: the permalink that guids and Atom ids point to. */
pageRoutes.get("/articles/:id", async (c) => {
  const { article } = await findPublished(c.var.store, c.req.param("id"), isoNow());
  return page({
    title: article.title,
    lang: article.language ?? c.var.config.language,
    head: html`<link rel="canonical" href="${article.url}">`,
    body: html`<p><a href="/">${c.var.config.title}</a></p>
<article>
<h1>${article.title}</h1>
${article.subtitle ? html`<p><em>${article.subtitle}</em></p>` : ""}
<p class="meta">${byline(article)}</p>
${raw(article.contentHtml)}
</article>
<p><small>Source: <a href="${article.url}">${article.url}</a></small></p>`,
  });
});
