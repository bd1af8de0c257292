import type { Config } from "../config.ts";
import { FEED_FILES, scopeId, type Article, type FeedFormat, type FeedScope } from "../model/index.ts";
import type { PartnerProfile } from "../partners/index.ts";
import type { ArticleStore } from "../store/index.ts";
import { feedUrls, type FeedRequest } from "./feed-request.ts";
import { scopeTitle } from "./feed-meta.ts";
import { html, htmlResponse, type Html } from "./html.ts";
import { cachedPage } from "./page-cache.ts";
import { articleCard, formatLinks, formatName, FORMAT_LABELS, layout } from "./pages/parts.ts";

const READERS = "NetNewsWire, Feedly, Inoreader, Miniflux, newsboat …";

/**
 * Previews are pages for people, served at the feed's own URL to browsers (Accept prefers
 * text/html). They must never be stored by a shared cache in place of the feed (or the feed in
 * their place): `Vary: Accept` alone is not enough, since many caches key on a normalized Accept or
 * ignore Vary. So `private` (RFC 9111 §5.2.2.7: no shared cache stores it), and kept per isolate
 * instead (page-cache.ts): a preview costs no D1 read per browser request.
 */
const PREVIEW_HEADERS = { "Cache-Control": "private, max-age=60", Vary: "Accept" };

/** What a browser gets at a public feed URL: the feed's articles as a page, with how to subscribe. */
export async function feedPreview(store: ArticleStore, config: Config, request: FeedRequest, now: string): Promise<Response | undefined> {
  const key = `preview|${request.format}|${scopeId(request.scope)}|${request.limit}|${JSON.stringify(config)}`;
  const render = async () => {
    const page = await store.feedPage(request.scope, { limit: request.limit, before: request.before, now });
    if (page.name === undefined && request.scope.kind !== "all") return undefined; // no such section, tag or author
    const self = feedUrls(config, request.scope, request)[request.format];
    const older = page.next ? feedUrls(config, request.scope, { limit: request.limit, before: page.next })[request.format] : undefined;
    const title = scopeTitle(config, request.scope, page.name);
    return { version: page.version, expiresAt: page.expiresAt, html: previewPage(config, request.scope, request.format, title, self, page.articles, older) };
  };
  // First pages are kept; older pages (?before=, any cursor a client makes up) are rendered and not
  // kept, so made-up cursors cannot push the pages people open out of the isolate's cache.
  const body = request.before ? (await render())?.html : await cachedPage(store, key, now, render);
  return body === undefined ? undefined : htmlResponse(body, 200, PREVIEW_HEADERS);
}

function previewPage(config: Config, scope: FeedScope, format: FeedFormat, title: string, selfUrl: string, articles: Article[], older?: string): string {
  return layout(config, {
    title: `${title} (${formatName(format)})`,
    head: html`<meta name="robots" content="noindex">`,
    main: html`<h1 class="page-title">${title}</h1>
${subscribeBox(format, selfUrl, html`Other formats: ${formatLinks(scope)}`)}
${articleList(articles, config.language)}
${older ? html`<p class="more"><a href="${older}">Older articles →</a></p>` : ""}`,
  });
}

function subscribeBox(format: FeedFormat, address: string, more: Html, keyNote: Html | "" = ""): Html {
  return html`<div class="subscribe">
<p>This page is ${format === "json" ? "a" : "an"} <strong>${formatName(format)}</strong> feed. To follow it, copy its address into a feed reader (${READERS}):</p>
<p><code>${address}</code></p>
${keyNote}
<p class="meta">${more}</p>
</div>`;
}

const articleList = (articles: Article[], lang: string) =>
  articles.length === 0 ? html`<p>No articles yet.</p>` : html`<ul class="cards">${articles.map((a) => articleCard(a, lang))}</ul>`;

/** What a partner preview shows of a profile (the whole profile keys the cache: its rules decide the items). */
type PartnerView = { profile: Pick<PartnerProfile, "id" | "name" | "formats">; selfUrl: string };

/**
 * A partner feed opened in a browser with the partner's key: its items as a page. The key is never
 * written into the page (not in the address shown, not in any link): it says how to present it.
 */
export async function partnerPreview(
  store: ArticleStore,
  config: Config,
  view: PartnerView,
  format: FeedFormat,
  now: string,
  select: () => Promise<{ version: number; expiresAt: string | undefined; articles: Article[] }>,
): Promise<Response> {
  const key = `partner-preview|${format}|${JSON.stringify(view)}|${JSON.stringify(config)}`;
  const body = await cachedPage(store, key, now, async () => {
    const selection = await select();
    return { version: selection.version, expiresAt: selection.expiresAt, html: partnerPage(config, view, format, selection.articles) };
  });
  return htmlResponse(body, 200, {
    // Like the partner feed itself: only for this browser, never a shared cache, never indexed.
    "Cache-Control": "private, no-store",
    Vary: "Accept, Authorization",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
  });
}

function partnerPage(config: Config, view: PartnerView, format: FeedFormat, articles: Article[]): string {
  const partner = view.profile;
  const title = `${config.title} for ${partner.name}`;
  const base = `/partners/${encodeURIComponent(partner.id)}`;
  const others = FORMAT_LABELS.filter((f) => partner.formats.includes(f.format)).map(
    (f, i) => html`${i ? " · " : ""}<a href="${base}/${FEED_FILES[f.format]}">${f.label}</a>`,
  );
  return layout(config, {
    title: `${title} (${formatName(format)})`,
    head: html`<meta name="robots" content="noindex">`,
    main: html`<h1 class="page-title">${title}</h1>
<p class="lede">The partner feed of ${partner.name}: ${articles.length} item${articles.length === 1 ? "" : "s"}, after this partner's rules.</p>
${subscribeBox(
  format,
  view.selfUrl,
  html`Formats of this feed: ${others}`,
  html`<p>A reader needs your partner key with it: an <code>Authorization: Bearer &lt;your key&gt;</code> header, or <code>?key=&lt;your key&gt;</code> added to the address. Keep the key private.</p>`,
)}
${articleList(articles, config.language)}`,
  });
}
