import { describe, expect, it } from "vitest";
import { loadDocument } from "../../src/extract/document.ts";
import { compileSimple, selectSimple } from "../../src/extract/selectors.ts";

/** The one-walk simple selector engine agrees with cheerio on the selectors it compiles, and declines the rest. */
const HTML = `<body><article><div class="article-body x" itemprop="articleBody"><p id="a" style="display: none">A</p>
<div role="navigation"><p class="share">B</p></div></div></article><div class="article-body"><p hidden>C</p></div>
<noscript><img src="x.jpg"></noscript><noscript>text</noscript><header><figure><img></figure></header><header>H</header>
<a rel="Author" href="/a">X</a><link rel="author" href="/b"><span itemprop="author" itemtype="https://schema.org/Organization">O</span></body>`;

describe("simple selectors", () => {
  const selectors = [
    "p", ".article-body", "article .article-body", '[itemprop="articleBody"]', "[hidden]", '[style*="display: none"]', "#a",
    'div[role="navigation"] .share', "div.article-body.x p", "a, b", "p, .share, div", "noscript:not(:has(img))",
    "header:not(:has(figure, img))", 'a[rel="author"], [rel="author"]:not(link)', '[itemprop="author"]:not([itemtype*="Organization"])',
  ];
  it.each(selectors)("%s matches what cheerio matches", (selector) => {
    const $ = loadDocument(HTML);
    const compiled = compileSimple(selector);
    expect(compiled).toBeDefined();
    expect(selectSimple($.root().toArray(), [compiled!])[0]).toEqual($(selector).toArray());
  });

  it.each(["a > b", "a + b", "p:first-child", "a,", ":not(p"])("%s is left to cheerio", (selector) => {
    expect(compileSimple(selector)).toBeUndefined();
  });
});
