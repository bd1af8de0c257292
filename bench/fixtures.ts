/**
 * Deterministic generated news: full-text articles (~5 KB of contentHtml, four photos with captions
 * and credits, one or two authors, a section and tags), the same as HTML pages for the ingest API.
 */
import type { Article, FeedMeta, Image } from "../src/model/index.ts";

const SECTIONS = ["National", "Politics", "Business", "Culture", "Sports", "World"];
const TAGS = ["North Korea", "Economy", "Seoul", "Elections", "Trade", "K-pop", "Weather", "Health", "Technology", "Energy"];
const PEOPLE = ["Han Jee-hye", "Lee Ho-jeong", "Kim Min-ji", "Park Sung-woo", "Choi Eun-ha", "Jung Dae-hyun"];
const CREDITS = ["YONHAP", "NEWS1", "JOONGANG ILBO", "AP/YONHAP", "SCREEN CAPTURE"];
const SENTENCES = [
  "The council met on Tuesday to discuss the river, the bridge and the market, and agreed on a budget of 3.2 billion won.",
  "Officials said the measures would take effect next month, although several lawmakers called the timeline “unrealistic.”",
  "Residents of the neighbourhood, many of whom have lived there for decades, gathered outside the hall with placards & banners.",
  "“We were not consulted,” said one shop owner, who asked not to be named because of concerns about her lease.",
  "According to data released by the ministry, exports rose 4.1 percent from a year earlier, the fastest pace since 2022.",
  "The announcement came hours after the central bank kept its benchmark rate unchanged at 2.75 percent.",
];

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoMinutesAgo(base: number, minutes: number): string {
  return new Date(base - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const BASE_TIME = Date.parse("2026-04-01T12:00:00Z");

function photo(i: number, k: number): Image {
  return {
    url: `https://cdn.example.com/photo/2026/04/${pad((i % 28) + 1)}/${i}-${k}-a1b2c3d4e5f6.jpg`,
    mimeType: k % 3 === 2 ? "image/webp" : "image/jpeg",
    byteLength: 180_000 + ((i * 7919 + k * 104729) % 400_000),
    width: 1200,
    height: 800,
    alt: `Photo ${k + 1} of story ${i}`,
    caption: `People walk past the newly opened market hall in central Seoul on April ${(i % 28) + 1}, as officials inspect the site (photo ${k + 1}).`,
    credit: CREDITS[(i + k) % CREDITS.length]!,
  };
}

/** ~5 KB of HTML: paragraphs with a link and emphasis, the photos as figures with captions. */
function body(i: number, images: readonly Image[]): string {
  const parts: string[] = [];
  for (let p = 0; p < 14; p++) {
    const s = (k: number) => SENTENCES[(i + p + k) % SENTENCES.length]!.replace(/&/g, "&amp;");
    parts.push(`<p>${s(0)} <a href="https://example.com/related/${i}-${p}">${s(1).slice(0, 40)}</a> <em>${s(2)}</em></p>`);
    if (p % 4 === 1 && images[p >> 2]) {
      const img = images[p >> 2]!;
      parts.push(`<figure><img src="${img.url}" alt="${img.alt}" width="1200" height="800"><figcaption>${img.caption} [${img.credit}]</figcaption></figure>`);
    }
  }
  return parts.join("\n");
}

export function makeArticle(i: number): Article {
  const images = [0, 1, 2, 3].map((k) => photo(i, k));
  const contentHtml = body(i, images);
  const contentText = contentHtml.replace(/<[^>]+>/g, "");
  const authors = i % 3 === 0
    ? [{ name: PEOPLE[i % PEOPLE.length]!, email: `reporter${i % PEOPLE.length}@example.com` }]
    : [{ name: PEOPLE[i % PEOPLE.length]! }, { name: PEOPLE[(i + 1) % PEOPLE.length]! }];
  const publishedAt = isoMinutesAgo(BASE_TIME, i * 17);
  return {
    id: `story-${pad(i, 6)}`,
    url: `https://news.example.com/2026/04/story-${i}`,
    title: `Council approves market hall plan after months of debate & protest (${i})`,
    summary: "The city council approved the new market hall on Tuesday; residents say they were not consulted about the <plan>.",
    authors,
    publishedAt,
    updatedAt: isoMinutesAgo(BASE_TIME, i * 17 - 5),
    language: "en",
    section: SECTIONS[i % SECTIONS.length]!,
    tags: [TAGS[i % TAGS.length]!, TAGS[(i * 3 + 1) % TAGS.length]!],
    images,
    contentHtml,
    contentText,
    wordCount: contentText.split(/\s+/).length,
  };
}

export const makeArticles = (n: number): Article[] => Array.from({ length: n }, (_, i) => makeArticle(i));

export const BENCH_META: FeedMeta = {
  title: "Wirefeed",
  description: "News from the Wirefeed syndication service",
  homePageUrl: "https://wirefeed.example.com/",
  feedUrls: {
    rss: "https://wirefeed.example.com/feed.xml",
    atom: "https://wirefeed.example.com/atom.xml",
    json: "https://wirefeed.example.com/feed.json",
  },
  permalinkBase: "https://wirefeed.example.com/articles",
  language: "en",
  updatedAt: "2026-04-01T12:00:00Z",
  generator: "Wirefeed",
};

/** The article as a publisher's HTML page (JSON-LD + OpenGraph + figures), for PUT /api/articles/:id. */
export function articlePage(a: Article): string {
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary,
    datePublished: a.publishedAt,
    dateModified: a.updatedAt,
    author: a.authors.map((p) => ({ "@type": "Person", name: p.name })),
    articleSection: a.section,
    keywords: a.tags.join(", "),
    image: a.images.map((m) => m.url),
  };
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} - Example News</title>
<link rel="canonical" href="${a.url}"><meta property="og:title" content="${esc(a.title)}">
<meta name="description" content="${esc(a.summary)}">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/national">National</a></nav></header>
<article><h1>${esc(a.title)}</h1><p class="byline">By ${a.authors.map((p) => p.name).join(" and ")}</p>
${a.contentHtml}</article><footer>© Example News</footer></body></html>`;
}
