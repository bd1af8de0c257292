/** Partner test data: articles with measured photos, and profiles built through the real schema. */
import { ArticleSchema, type Article, type Image } from "../../src/model/index.ts";
import { PartnerProfileSchema, type PartnerProfile } from "../../src/partners/index.ts";
import type { Config } from "../../src/config.ts";

export const CONFIG: Config = {
  title: "Wirefeed",
  description: "News from the Wirefeed syndication service",
  baseUrl: "https://wire.example",
  language: "en",
  measureImages: false,
  allowPrivate: [],
};

export const photo = (name: string, width?: number, height?: number, extra: Partial<Image> = {}): Image => ({
  url: `https://img.example/${name}.jpg`,
  mimeType: "image/jpeg",
  ...(width ? { width } : {}),
  ...(height ? { height } : {}),
  caption: `Caption of ${name}`,
  credit: "YONHAP",
  ...extra,
});

export const LONG_TEXT = [
  "The harbour council approved the new ferry timetable on Tuesday evening after a long debate about costs.",
  "Residents asked about parking near the terminal, the library's opening hours and the repairs to the pier.",
  "The first sailings under the new timetable start on Monday, with two extra crossings every afternoon.",
  "Councillors said the budget would be reviewed again in the autumn once passenger numbers are known.",
].join("\n\n");

/** A schema-valid article; `n` orders them (a higher n is newer). */
export function article(n: number, o: Partial<Article> = {}): Article {
  const images = o.images ?? [photo(`a${n}-lead`, 1200, 800), photo(`a${n}-small`, 300, 200)];
  const figures = images.map((i) => `<figure><img src="${i.url}?w=1200" alt="${i.alt ?? ""}"><figcaption>${i.caption} <span class="credit">${i.credit}</span></figcaption></figure>`);
  const day = String(n).padStart(2, "0");
  return ArticleSchema.parse({
    id: `story-${n}`,
    url: `https://news.example/2025/05/${day}/story-${n}`,
    title: `Story ${n}`,
    summary: "Short summary.",
    authors: [{ name: "Ana Lima" }],
    publishedAt: `2025-05-${day}T08:00:00Z`,
    updatedAt: `2025-05-${day}T09:00:00Z`,
    language: "en",
    section: "Harbour News",
    tags: ["ferry"],
    images,
    contentHtml: `${figures[0] ?? ""}\n<p>The harbour council approved <strong>the new ferry timetable</strong> on <a href="https://news.example/t">Tuesday</a>.</p>\n<table><tr><td>Cell</td></tr></table>\n${figures.slice(1).join("\n")}\n<p>Second paragraph.</p>`,
    contentText: LONG_TEXT,
    wordCount: 60,
    ...o,
  });
}

export const profile = (o: Record<string, unknown> = {}): PartnerProfile =>
  PartnerProfileSchema.parse({ id: "alpha", name: "Alpha Portal", tokenSha256: ["a".repeat(64)], ...o });
