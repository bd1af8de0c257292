/**
 * Render: our RSS, Atom and JSON Feed against feed@6 (rss2, atom1, json1) and against the floor, a
 * minimal string template of the same RSS document (same elements, same escaping functions), and
 * our JSON Feed against the JSON floor (native JSON.stringify of the same values).
 */
import { Feed } from "feed";
import type { Article, FeedMeta } from "../src/model/index.ts";
import { renderAtom, renderJsonFeed, renderRss } from "../src/render/index.ts";
import { cdata, escapeXml, Utf8Builder } from "../src/render/xml.ts";
import { BENCH_META, makeArticles } from "./fixtures.ts";
import { compare, fmtMs, fmtX, pairRatio, table, type Goal } from "./lib.ts";

const rfc822 = (iso: string) => new Date(iso).toUTCString();

/**
 * The floor: every element renderRss writes for these articles, by template literals, one string
 * per item, into the same byte builder as ours (so the floor pays no large-string cost ours avoids).
 */
export function templateRss(articles: readonly Article[], meta: FeedMeta): Uint8Array {
  const out = new Utf8Builder();
  out.append(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>${escapeXml(meta.title)}</title><link>${escapeXml(meta.homePageUrl)}</link><description>${escapeXml(meta.description)}</description><atom:link href="${escapeXml(meta.feedUrls.rss)}" rel="self" type="application/rss+xml"/><language>${escapeXml(meta.language ?? "")}</language><generator>${escapeXml(meta.generator ?? "")}</generator><lastBuildDate>${rfc822(meta.updatedAt)}</lastBuildDate>`);
  for (const a of articles) {
    const lead = a.images[0];
    const authors = a.authors.length === 1 && a.authors[0]!.email
      ? `<author>${escapeXml(`${a.authors[0]!.email} (${a.authors[0]!.name})`)}</author>`
      : a.authors.map((p) => `<dc:creator>${escapeXml(p.name)}</dc:creator>`).join("");
    out.append(`<item><title>${escapeXml(a.title)}</title><link>${escapeXml(a.url)}</link><guid isPermaLink="true">${escapeXml(`${meta.permalinkBase}/${a.id}`)}</guid><description>${escapeXml(escapeXml(a.summary))}</description><content:encoded>${cdata(a.contentHtml)}</content:encoded><pubDate>${rfc822(a.publishedAt)}</pubDate>${authors}${[a.section, ...a.tags].map((c) => `<category>${escapeXml(c!)}</category>`).join("")}${lead ? `<enclosure url="${escapeXml(lead.url)}" length="${lead.byteLength ?? 0}" type="${lead.mimeType}"/>` : ""}${a.images.map((m) => `<media:content url="${escapeXml(m.url)}" type="${m.mimeType}" medium="image" fileSize="${m.byteLength}" width="${m.width}" height="${m.height}"><media:description type="plain">${escapeXml(m.caption!)}</media:description><media:credit>${escapeXml(m.credit!)}</media:credit></media:content>`).join("")}</item>`);
  }
  out.append("</channel></rss>\n");
  return out.finish();
}

/** feed@6 given the same data it can carry (no captions/credits: it has no Media RSS). */
function referenceFeed(articles: readonly Article[], meta: FeedMeta): Feed {
  const feed = new Feed({
    id: meta.feedUrls.atom, title: meta.title, description: meta.description, link: meta.homePageUrl, language: meta.language,
    updated: new Date(meta.updatedAt), generator: meta.generator, copyright: "",
    feedLinks: { rss: meta.feedUrls.rss, atom: meta.feedUrls.atom, json: meta.feedUrls.json },
  });
  for (const a of articles) {
    const lead = a.images[0];
    feed.addItem({
      title: a.title, id: `${meta.permalinkBase}/${a.id}`, guid: `${meta.permalinkBase}/${a.id}`, link: a.url,
      date: new Date(a.updatedAt), published: new Date(a.publishedAt), description: a.summary, content: a.contentHtml,
      author: a.authors.map((p) => ({ name: p.name, email: p.email, link: p.url })),
      category: [a.section!, ...a.tags].map((name) => ({ name })),
      ...(lead ? { enclosure: { url: lead.url, type: lead.mimeType, length: lead.byteLength ?? 0 } } : {}),
    });
  }
  return feed;
}

export const SIZES = [10, 50, 500];
const utf8 = new TextEncoder();
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * The JSON floor: the same document's values, already built as plain objects, serialized by native
 * JSON.stringify item by item (compact, no cleaning) into the same byte builder. No JSON renderer
 * that uses JSON.stringify can do less, so feed/floor bounds what ours can show against feed@6.
 */
function nativeJson(rendered: Uint8Array): () => Uint8Array {
  const { items, ...head } = JSON.parse(decode(rendered)) as { items: unknown[] };
  return () => {
    const out = new Utf8Builder();
    const json = JSON.stringify({ ...head, items: [] });
    out.append(json.slice(0, -3) + "[");
    items.forEach((item, i) => out.append((i > 0 ? "," : "") + JSON.stringify(item)));
    out.append("]}\n");
    return out.finish();
  };
}

export async function benchRender(rounds = Number(process.env.BENCH_ROUNDS ?? 15)) {
  const rows: string[][] = [];
  const results: Record<string, unknown>[] = [];
  const goals: Goal[] = [];
  for (const n of SIZES) {
    const articles = makeArticles(n);
    const meta = BENCH_META;
    // Every case ends in UTF-8 bytes, as served (and hashed for the ETag). Timing a string alone
    // would flatter a string builder: V8 returns an unflattened rope, and whoever encodes it pays for
    // flattening it into one large allocation. Ours and both floors build bytes with Utf8Builder;
    // feed@6 returns a string, which is encoded.
    const jsonFloor = nativeJson(renderJsonFeed(articles, meta));
    const cases = [
      { name: "ours rss", run: () => renderRss(articles, meta) },
      { name: "floor rss", run: () => templateRss(articles, meta) },
      { name: "feed rss2", run: () => utf8.encode(referenceFeed(articles, meta).rss2()) },
      { name: "ours atom", run: () => renderAtom(articles, meta) },
      { name: "feed atom1", run: () => utf8.encode(referenceFeed(articles, meta).atom1()) },
      { name: "ours json", run: () => renderJsonFeed(articles, meta) },
      { name: "floor json", run: jsonFloor },
      { name: "feed json1", run: () => utf8.encode(referenceFeed(articles, meta).json1()) },
    ];
    const bytes = Object.fromEntries(cases.map((c) => [c.name, c.run().byteLength]));
    const r = Object.fromEntries((await compare(cases, { rounds, batchMs: n >= 500 ? 60 : 25 })).map((x) => [x.name, x]));
    const pairs = [
      ["rss", r["ours rss"]!, r["feed rss2"]!, r["floor rss"]],
      ["atom", r["ours atom"]!, r["feed atom1"]!, undefined],
      ["json", r["ours json"]!, r["feed json1"]!, r["floor json"]],
    ] as const;
    for (const [format, ours, ref, floor] of pairs) {
      const speedup = pairRatio(ref, ours);
      const vsFloor = floor && pairRatio(ours, floor);
      const ceiling = floor && pairRatio(ref, floor);
      rows.push([
        `${format} ${n}`, fmtMs(ours.medianMs), fmtMs(ref.medianMs), fmtX(speedup),
        floor ? fmtMs(floor.medianMs) : "", vsFloor ? fmtX(vsFloor) : "", ceiling ? fmtX(ceiling) : "",
        `${(bytes[ours.name]! / 1024).toFixed(0)} / ${(bytes[ref.name]! / 1024).toFixed(0)}`,
      ]);
      results.push({
        format, items: n, oursMs: ours.medianMs, feedMs: ref.medianMs, feedOverOurs: speedup,
        ...(floor ? { floorMs: floor.medianMs, oursOverFloor: vsFloor, feedOverFloor: ceiling, floorKiB: bytes[floor.name]! / 1024 } : {}),
        oursKiB: bytes[ours.name]! / 1024, feedKiB: bytes[ref.name]! / 1024,
      });
      goals.push({ goal: `${format} ${n} items >= 3x faster than feed@6`, value: fmtX(speedup), met: speedup >= 3 });
      if (format === "rss") goals.push({ goal: `rss ${n} items within 1.5x of the floor`, value: fmtX(vsFloor!), met: vsFloor! <= 1.5 });
    }
  }
  const text = table(["render to bytes (median ms)", "ours", "feed@6", "feed/ours", "floor", "ours/floor", "feed/floor", "KiB ours/feed"], rows);
  return { text, goals, data: { rounds, results } };
}
