import { Hono } from "hono";
import type { Article } from "../../model/index.ts";
import { FEED_CONTENT_TYPES } from "../../render/index.ts";
import type { AppEnv } from "../env.ts";
import { FEED_ITEM_LIMIT } from "../feed-cache.ts";
import { FEED_PATHS } from "../feed-meta.ts";
import { html, page, raw } from "../html.ts";
import { findPublished } from "./articles.ts";

export const pageRoutes = new Hono<AppEnv>();

const FEEDS = [
  { format: "rss", label: "RSS 2.0" },
  { format: "atom", label: "Atom 1.0" },
  { format: "json", label: "JSON Feed 1.1" },
] as const;

/** The home page: the feeds (with autodiscovery links, so browsers and readers find them) and the articles. */
pageRoutes.get("/", async (c) => {
  const { config, store } = c.var;
  const { articles } = await store.latest(FEED_ITEM_LIMIT);
  const mime = (format: keyof typeof FEED_CONTENT_TYPES) => FEED_CONTENT_TYPES[format].split(";")[0];
  return page({
    title: config.title,
    lang: config.language,
    head: html`${FEEDS.map(
      (f) => html`<link rel="alternate" type="${mime(f.format)}" title="${config.title} (${f.label})" href="${config.baseUrl}${FEED_PATHS[f.format]}">\n`,
    )}`,
    body: html`<h1>${config.title}</h1>
<p>${config.description}</p>
<h2>Feeds</h2>
<ul>${FEEDS.map((f) => html`<li><a href="${FEED_PATHS[f.format]}">${f.label}</a> <code>${config.baseUrl}${FEED_PATHS[f.format]}</code></li>`)}</ul>
<h2>Articles</h2>
${articles.length === 0 ? html`<p>No articles yet.</p>` : html`<ul class="articles">${articles.map(articleItem)}</ul>`}`,
  });
});

function articleItem(article: Article) {
  return html`<li><a href="/articles/${article.id}">${article.title}</a><br><span class="meta">${byline(article)}</span>
<br><small><a href="/api/articles/${article.id}">JSON</a></small></li>`;
}

const byline = (article: Article) =>
  [article.authors.map((a) => a.name).join(", "), article.publishedAt.slice(0, 10), article.section].filter(Boolean).join(" · ");

/** A readable page of one article: the permalink that guids and Atom ids point to. */
pageRoutes.get("/articles/:id", async (c) => {
  const { article } = await findPublished(c.var.store, c.req.param("id"));
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
