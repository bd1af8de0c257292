import type { Config } from "../config.ts";
import type { FeedFormat } from "../model/index.ts";
import type { FeedPage } from "../store/index.ts";
import { scopeTitle } from "./feed-meta.ts";
import type { FeedRequest } from "./feed-request.ts";
import { html, page } from "./html.ts";

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: "RSS 2.0", atom: "Atom 1.0", json: "JSON Feed 1.1" };

/**
 * What a browser gets at a feed URL: a readable page with a subscribe hint instead of raw XML
 * (browsers are removing XSLT, so a styled feed is no longer an option).
 */
export function feedPreview(config: Config, request: FeedRequest, feedPage: FeedPage, selfUrl: string): Response {
  const title = scopeTitle(config, request.scope, feedPage.name);
  const response = page({
    title: `${title} (${FORMAT_NAMES[request.format]})`,
    lang: config.language,
    body: html`<p><a href="/">${config.title}</a></p>
<h1>${title}</h1>
<p>This is ${request.format === "json" ? "a" : "an"} <strong>${FORMAT_NAMES[request.format]}</strong> feed. To follow it, copy its address into a feed reader
(NetNewsWire, Feedly, Miniflux, newsboat …):</p>
<p><code>${selfUrl}</code></p>
<h2>Latest articles</h2>
${
  feedPage.articles.length === 0
    ? html`<p>No articles yet.</p>`
    : html`<ul class="articles">${feedPage.articles.map(
        (a) => html`<li><a href="/articles/${a.id}">${a.title}</a><br><span class="meta">${a.publishedAt.slice(0, 10)}</span></li>`,
      )}</ul>`
}`,
  });
  response.headers.set("Vary", "Accept");
  response.headers.set("Cache-Control", "public, max-age=60");
  return response;
}
