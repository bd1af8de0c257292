import type { Rule } from "./schema.ts";
import { BOILERPLATE_SELECTORS, CONTENT_SELECTORS } from "../content.ts";

/**
 * The generic rule: every field's signal order, after Readability's metadata order
 * (JSON-LD -> Dublin Core / OpenGraph / Twitter / article:* meta -> DOM) and then URL and text
 * fallbacks. Site rules put their own sources in front of these.
 */
export const GENERIC_RULE: Rule = {
  name: "generic",
  hosts: [],
  fields: {
    url: [
      { from: "css", selector: 'link[rel="canonical"]', attr: "href" },
      { from: "meta", key: "og:url" },
      { from: "jsonld", path: "url" },
      { from: "jsonld", path: "mainEntityOfPage.@id" },
      { from: "jsonld", path: "mainEntityOfPage" },
      { from: "derived", name: "canonical-option" },
    ],
    title: [
      { from: "jsonld", path: "headline" },
      { from: "meta", key: "og:title" },
      { from: "meta", key: "twitter:title" },
      { from: "meta", key: "dc.title" },
      { from: "css", selector: '[itemprop="headline"]' },
      { from: "derived", name: "page-h1" },
      { from: "derived", name: "title-tag" },
      { from: "derived", name: "lede" },
    ],
    subtitle: [
      { from: "jsonld", path: "alternativeHeadline" },
      { from: "css", selector: '[itemprop="alternativeHeadline"]' },
      { from: "css", selector: ".subtitle, .standfirst, .dek, .subheadline" },
    ],
    summary: [
      { from: "jsonld", path: "description" },
      { from: "meta", key: "og:description" },
      { from: "meta", key: "twitter:description" },
      { from: "meta", key: "description" },
      { from: "meta", key: "dc.description" },
      { from: "derived", name: "lede" },
    ],
    authors: [
      { from: "jsonld", path: "author" },
      { from: "meta", key: "author" },
      { from: "meta", key: "article:author" },
      { from: "meta", key: "dc.creator" },
      { from: "meta", key: "dcterms.creator" },
      { from: "meta", key: "parsely-author" },
      { from: "meta", key: "sailthru.author" },
      { from: "css", selector: '[itemprop="author"] [itemprop="name"]', all: true },
      { from: "css", selector: '[itemprop="author"]:not([itemtype*="Organization"])', all: true },
      { from: "css", selector: 'a[rel="author"], [rel="author"]:not(link)', all: true },
      // Byline markup of common CMSs (Yahoo, WordPress themes, Arc): the name element, before the whole
      // .byline box, which also holds avatar initials, dates and "Follow" buttons.
      { from: "css", selector: ".byline .author-name, .author-name, .byline__name, .byline-name, .author-link" },
      { from: "css", selector: ".byline" },
      { from: "derived", name: "byline-line" },
    ],
    publishedAt: [
      { from: "jsonld", path: "datePublished" },
      { from: "jsonld", path: "dateCreated" },
      { from: "meta", key: "article:published_time" },
      { from: "meta", key: "og:published_time" },
      { from: "meta", key: "dc.date.issued" },
      { from: "meta", key: "dcterms.issued" },
      { from: "meta", key: "dc.date" },
      { from: "meta", key: "datepublished" },
      { from: "meta", key: "pubdate" },
      { from: "meta", key: "publish-date" },
      { from: "meta", key: "parsely-pub-date" },
      { from: "meta", key: "sailthru.date" },
      { from: "css", selector: '[itemprop="datePublished"]', attr: "datetime" },
      { from: "css", selector: "time[datetime]", attr: "datetime" },
      { from: "derived", name: "url-path" },
      { from: "derived", name: "image-path" },
      // Last: a server's Last-Modified says when the file changed, which is at or after publication.
      { from: "derived", name: "http-last-modified" },
    ],
    updatedAt: [
      { from: "jsonld", path: "dateModified" },
      { from: "meta", key: "article:modified_time" },
      { from: "meta", key: "og:updated_time" },
      { from: "meta", key: "dcterms.modified" },
      { from: "meta", key: "datemodified" },
      { from: "css", selector: '[itemprop="dateModified"]', attr: "datetime" },
    ],
    language: [
      { from: "css", selector: "html[lang]", attr: "lang" },
      { from: "jsonld", path: "inLanguage" },
      { from: "meta", key: "og:locale" },
      { from: "meta", key: "content-language" },
      { from: "meta", key: "dc.language" },
      { from: "derived", name: "text-script" },
    ],
    section: [
      { from: "jsonld", path: "articleSection" },
      { from: "meta", key: "article:section" },
      { from: "meta", key: "section" },
      { from: "meta", key: "parsely-section" },
    ],
    tags: [
      { from: "jsonld", path: "keywords", transform: "split-comma" },
      { from: "meta", key: "article:tag" },
      { from: "meta", key: "news_keywords", transform: "split-comma" },
      { from: "meta", key: "keywords", transform: "split-comma" },
    ],
    leadImage: [
      { from: "jsonld", path: "image" },
      { from: "meta", key: "og:image" },
      { from: "meta", key: "twitter:image" },
    ],
  },
  content: { selectors: [...CONTENT_SELECTORS], remove: [...BOILERPLATE_SELECTORS] },
};
