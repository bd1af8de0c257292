import { Hono, type Context } from "hono";
import type { Config } from "../../config.ts";
import { FEED_FILES, FEED_FORMATS, newestUpdate, SITE_SCOPE, type Article, type FeedFormat, type FeedScope } from "../../model/index.ts";
import {
  applyPartnerRules, checkPartnerKey, loadPartners, partnerFeedUrls, renderPartnerFeed,
  type Exclusion, type PartnerProfile,
} from "../../partners/index.ts";
import { fetchHealth } from "../../audience/report.ts";
import { createAudienceStore, SizedCache, type ArticleStore } from "../../store/index.ts";
import { FEED_ACCEPT_TYPES, prefersHtml } from "../accept.ts";
import { recordPartnerFetch } from "../audience.ts";
import { noteFailedLogin, refuseBlockedClient } from "../auth-failures.ts";
import { presentedPartnerKey, requireIngestToken } from "../auth.ts";
import type { AppEnv, Bindings } from "../env.ts";
import { currentVersion, fresh, lastModified, noteStoreVersion, strongEtag, type CachedFeed } from "../feed-cache.ts";
import { partnerPreview } from "../feed-preview.ts";
import { feedMaxAge, feedResponse } from "../feed-response.ts";
import { isoNow } from "../now.ts";
import { ProblemError, notFound } from "../problems.ts";

/** Partner profiles may come from a PARTNERS binding (JSON text) instead of config/partners.json. */
type PartnerEnv = { Bindings: Bindings & { PARTNERS?: string }; Variables: AppEnv["Variables"] };

/** Rules look at this many newest articles per scope: the most one store page holds (?limit= maximum). */
const CANDIDATE_WINDOW = 100;

export const partnerRoutes = new Hono<PartnerEnv>();

function partnersOf(c: Context<PartnerEnv>): PartnerProfile[] {
  const loaded = loadPartners(c.env);
  if (!loaded.ok) {
    throw new ProblemError({ status: 500, title: "Internal Server Error", detail: "Invalid configuration: the partner profiles (config/partners.json or PARTNERS) are invalid; see errors.", errors: loaded.issues });
  }
  return loaded.partners;
}

type Candidates = { articles: Article[]; version: number; expiresAt: string | undefined; changedAt: string | undefined };

/**
 * The newest articles a partner's rules choose from, through the same store query as the public
 * feeds: one page per included section (or the site's), merged newest first. `everything` adds the
 * site's page, so the operator view can say which articles a section rule leaves out.
 */
async function loadCandidates(store: ArticleStore, profile: PartnerProfile, now: string, everything = false): Promise<Candidates> {
  const scopes: FeedScope[] = profile.sections ? profile.sections.map((key) => ({ kind: "section", key })) : [SITE_SCOPE];
  if (everything && profile.sections) scopes.push(SITE_SCOPE);
  const pages = await Promise.all(scopes.map((scope) => store.feedPage(scope, { limit: CANDIDATE_WINDOW, now })));
  const byId = new Map<string, Article>();
  for (const page of pages) for (const article of page.articles) byId.set(article.id, article);
  const articles = [...byId.values()].sort((a, b) => (a.publishedAt === b.publishedAt ? (a.id < b.id ? 1 : -1) : a.publishedAt < b.publishedAt ? 1 : -1));
  const expiries = pages.map((p) => p.expiresAt).filter((at): at is string => at !== undefined).sort();
  // The oldest version read: if a write landed between the pages, the render is redone next time.
  return { articles, version: Math.min(...pages.map((p) => p.version)), expiresAt: expiries[0], changedAt: pages[0]?.changedAt };
}

// Rendered partner feeds per isolate, checked against the store version like the public feeds'
// isolate layer (feed-cache.ts). Private bytes never go to the Cache API or D1.
const rendered = new SizedCache<CachedFeed>(64, 16 * 1024 * 1024, (feed) => feed.body.size);

async function loadPartnerFeed(store: ArticleStore, config: Config, profile: PartnerProfile, format: FeedFormat, now: string): Promise<CachedFeed> {
  const key = `${format}|${JSON.stringify(profile)}|${JSON.stringify(config)}`;
  // The version the isolate trusts for VERSION_TRUST_MS, as for the public feeds: a hot partner feed
  // costs no database round trip.
  const version = await currentVersion(store);
  const hot = rendered.get(key);
  if (hot && fresh(hot, version, now)) return hot;
  const candidates = await loadCandidates(store, profile, now);
  noteStoreVersion(candidates.version);
  const selection = applyPartnerRules(candidates.articles, profile);
  const { bytes, articles } = renderPartnerFeed(format, config, profile, selection.articles, candidates.changedAt);
  const feed: CachedFeed = {
    version: candidates.version,
    expiresAt: candidates.expiresAt,
    body: new Blob([bytes]),
    etag: await strongEtag(bytes),
    lastModified: lastModified(newestUpdate(articles), candidates.changedAt, now),
  };
  rendered.set(key, feed);
  return feed;
}

const unauthorized = (detail: string, invalid: boolean) =>
  new ProblemError({ status: 401, title: "Unauthorized", detail }, { "WWW-Authenticate": `Bearer realm="wirefeed-partners"${invalid ? ', error="invalid_token"' : ""}` });

for (const format of FEED_FORMATS) {
  partnerRoutes.get(`/partners/:id/${FEED_FILES[format]}`, async (c) => {
    const partners = partnersOf(c);
    const id = c.req.param("id");
    // The key is checked before the partner is looked up, so without a key no one learns which
    // partners exist; with one, every id but the key's own is the same 404 (no 403-vs-404 oracle).
    refuseBlockedClient(c);
    const check = await checkPartnerKey(presentedPartnerKey(c), id, partners);
    if (!check.ok && check.reason === "missing") throw unauthorized("A partner feed needs the partner's key: an Authorization: Bearer <key> header, or ?key=<key>.", false);
    if (!check.ok && check.reason === "invalid") {
      await noteFailedLogin(c);
      throw unauthorized("The partner key is not valid.", true);
    }
    const profile = partners.find((p) => p.id === id);
    if (!check.ok || !profile) throw notFound("No partner feed here.");
    if (!profile.formats.includes(format)) throw notFound(`This partner's feed is offered as ${profile.formats.join(", ")} only.`);

    const { config, store } = c.var;
    const now = isoNow();
    if (prefersHtml(c.req.header("Accept"), FEED_ACCEPT_TYPES[format])) {
      const view = { profile, selfUrl: partnerFeedUrls(config, profile.id)[format] };
      return partnerPreview(store, config, view, format, now, async () => {
        const candidates = await loadCandidates(store, profile, now);
        return { ...candidates, articles: applyPartnerRules(candidates.articles, profile).articles };
      });
    }
    const feed = await loadPartnerFeed(store, config, profile, format, now);
    const headers: Record<string, string> = {
      ETag: feed.etag,
      "Last-Modified": feed.lastModified,
      // private: a shared cache must never hand one partner's feed (or a keyed URL's answer) to another.
      "Cache-Control": `private, max-age=${feedMaxAge(feed.expiresAt, now)}`,
      Vary: "Authorization",
      // A ?key= URL must not leak through the Referer of links followed from a reader.
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    };
    const response = feedResponse(c, feed, format, headers);
    recordPartnerFetch(c, profile.id, response.status, response.status === 200 && c.req.method !== "HEAD" ? feed.body.size : 0, now);
    return response;
  });
}

/** Operator view: each partner's feed URLs and what its rules leave out right now, and why. */
partnerRoutes.get("/api/partners", requireIngestToken, async (c) => {
  const { config, store } = c.var;
  const now = isoNow();
  const partners = partnersOf(c);
  const fetches = await createAudienceStore(c.env.DB).partnerFetches(partners.map((p) => p.id));
  const report = await Promise.all(
    partners.map(async (profile) => {
      const candidates = await loadCandidates(store, profile, now, true);
      const selection = applyPartnerRules(candidates.articles, profile);
      const urls = partnerFeedUrls(config, profile.id);
      const sizeDrops = new Map<string, Exclusion & { formats: FeedFormat[] }>();
      for (const format of profile.formats) {
        for (const drop of renderPartnerFeed(format, config, profile, selection.articles).excluded) {
          const entry = sizeDrops.get(drop.id) ?? { ...drop, detail: `the feed would exceed ${profile.maxFeedBytes} bytes; the oldest items are dropped to fit`, formats: [] };
          entry.formats.push(format);
          sizeDrops.set(drop.id, entry);
        }
      }
      const { id: _id, name: _name, tokenSha256, ...rules } = profile;
      return {
        id: profile.id,
        name: profile.name,
        // How many keys are valid: 2 during a rotation. The hashes themselves are not shown.
        validKeys: tokenSha256.length,
        feeds: Object.fromEntries(profile.formats.map((format) => [format, urls[format]])),
        rules,
        items: selection.articles.filter((a) => !sizeDrops.has(a.id) || sizeDrops.get(a.id)!.formats.length < profile.formats.length).map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt })),
        leftOut: [...selection.excluded, ...sizeDrops.values()],
        photosLeftOut: selection.photosLeftOut,
        // Last fetch, median interval, 304 ratio and bytes; overdue after 3 median intervals without a fetch.
        fetchHealth: fetchHealth(fetches.filter((f) => f.partner === profile.id), now),
      };
    }),
  );
  return c.json({ checkedAt: now, candidateWindow: CANDIDATE_WINDOW, partners: report }, 200, { "Cache-Control": "no-store" });
});
