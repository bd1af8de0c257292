/**
 * Rough throughput check for the RSS renderer (not a test: timings are noisy in CI).
 * Run: npx tsx tests/tools/bench-render.ts
 * Compares renderRss with a minimal template-literal renderer using the same escaping, and with feed@6.
 */
import { Feed } from "feed";
import type { Article, FeedMeta } from "../../src/model/index.ts";
import { renderRss } from "../../src/render/index.ts";
import { cdata, escapeXml } from "../../src/render/xml.ts";
import { SAMPLE_ARTICLES, SAMPLE_META } from "../fixtures/render/articles.ts";

const ARTICLES: Article[] = Array.from({ length: 50 }, (_, i) => ({ ...SAMPLE_ARTICLES[i % 3]!, id: `a${i}` }));

function templateRss(articles: readonly Article[], meta: FeedMeta): string {
  const items = articles.map((a) => {
    const lead = a.images[0];
    return `<item><title>${escapeXml(a.title)}</title><link>${escapeXml(a.url)}</link><guid isPermaLink="true">${escapeXml(`${meta.permalinkBase}/${a.id}`)}</guid><description>${escapeXml(a.summary)}</description><content:encoded>${cdata(a.contentHtml)}</content:encoded><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>${a.authors.map((p) => `<dc:creator>${escapeXml(p.name)}</dc:creator>`).join("")}${[a.section, ...a.tags].filter((c) => c !== undefined).map((c) => `<category>${escapeXml(c)}</category>`).join("")}${lead ? `<enclosure url="${escapeXml(lead.url)}" length="${lead.byteLength ?? 0}" type="${lead.mimeType}"/>` : ""}${a.images.map((m) => `<media:content url="${escapeXml(m.url)}" type="${m.mimeType}" medium="image">${m.caption ? `<media:description type="plain">${escapeXml(m.caption)}</media:description>` : ""}${m.credit ? `<media:credit>${escapeXml(m.credit)}</media:credit>` : ""}</media:content>`).join("")}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(meta.title)}</title><link>${escapeXml(meta.homePageUrl)}</link><description>${escapeXml(meta.description)}</description><lastBuildDate>${new Date(meta.updatedAt).toUTCString()}</lastBuildDate>${items.join("")}</channel></rss>`;
}

function feedRss(articles: readonly Article[], meta: FeedMeta): string {
  const feed = new Feed({ id: meta.feedUrls.atom, title: meta.title, link: meta.homePageUrl, updated: new Date(meta.updatedAt), copyright: "" });
  for (const a of articles) {
    feed.addItem({
      title: a.title, id: a.id, link: a.url, date: new Date(a.updatedAt), description: a.summary, content: a.contentHtml,
      author: a.authors.map((p) => ({ name: p.name, email: p.email })),
      category: a.tags.map((name) => ({ name })),
      ...(a.images[0] ? { enclosure: { url: a.images[0].url, type: a.images[0].mimeType, length: a.images[0].byteLength ?? 0 } } : {}),
    });
  }
  return feed.rss2();
}

function opsPerSecond(render: () => string): number {
  for (let i = 0; i < 200; i++) render();
  const start = performance.now();
  let runs = 0;
  while (performance.now() - start < 1500) {
    render();
    runs++;
  }
  return (runs * 1000) / (performance.now() - start);
}

const ours = opsPerSecond(() => renderRss(ARTICLES, SAMPLE_META));
const template = opsPerSecond(() => templateRss(ARTICLES, SAMPLE_META));
const reference = opsPerSecond(() => feedRss(ARTICLES, SAMPLE_META));
console.log(`renderRss   ${ours.toFixed(0)} ops/s (50 items)`);
console.log(`template    ${template.toFixed(0)} ops/s -> renderRss takes ${(template / ours).toFixed(2)}x the template's time`);
console.log(`feed@6.0.0  ${reference.toFixed(0)} ops/s -> renderRss is ${(ours / reference).toFixed(1)}x faster`);
