import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/extract/index.ts";

/** Photos: which images are the story's, their URL, type, size, caption and credit. */
const OPTIONS = { id: "t", url: "https://news.example/2025/05/03/story", now: "2026-01-01T00:00:00Z", permalinkBase: "http://localhost/a" } as const;
const TEXT = "<p>The river rose two meters overnight, and the town's lower streets were closed by morning, officials said.</p>";

function images(body: string, head = "") {
  const result = extractArticle(`<html><head>${head}</head><body><article>${TEXT}${body}${TEXT}</article></body></html>`, OPTIONS);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.article.images;
}

describe("images that are not the story's photos are left out", () => {
  it.each([
    ["a tracking pixel", '<img src="/t.gif" width="1" height="1">'],
    ["an icon by declared size", '<img src="/img/share.png" width="24" height="24">'],
    ["a logo by class", '<img class="site-logo" src="/brand.png">'],
    ["an icon by URL", '<img src="/static/icons/mail.png">'],
    ["an avatar by alt", '<img src="/u/123.jpg" alt="avatar">'],
    ["a sprite", '<img src="/img/sprite-2x.png">'],
    ["an ad by host", '<img src="https://ad.doubleclick.net/ddm/x.jpg">'],
    ["an ad by container", '<div class="ad-slot"><a href="/x"><img src="/ads/banner1.jpg"></a></div>'],
    ["a data: URI", '<img src="data:image/png;base64,iVBORw0KGgo=">'],
    ["an author box photo", '<div class="author-card"><img src="/people/jane.jpg"><p>Jane writes about rivers and the towns along them.</p></div>'],
    [
      "related-story thumbnails in a link list",
      '<ul><li><a href="/a"><img src="/p/a.jpg">A</a></li><li><a href="/b"><img src="/p/b.jpg">B</a></li><li><a href="/c"><img src="/p/c.jpg">C</a></li></ul>',
    ],
  ])("%s", (_, html) => {
    expect(images(html)).toEqual([]);
  });

  it("keeps a real photo with icon-sized siblings around it", () => {
    const got = images('<img src="/icons/fb.png"><figure><img src="/photos/flood.jpg" width="1200" height="800"><figcaption>Water in the square. Photo: Ana Ruiz</figcaption></figure>');
    expect(got).toEqual([
      { url: "https://news.example/photos/flood.jpg", mimeType: "image/jpeg", width: 1200, height: 800, alt: "Water in the square.", caption: "Water in the square.", credit: "Ana Ruiz" },
    ]);
  });
});

describe("where the photo's URL and type come from", () => {
  it("takes the <noscript> fallback of a lazy image, once", () => {
    const got = images('<figure><img src="data:image/gif;base64,R0lGOD" class="lazy"><noscript><img src="/photos/real.jpg"></noscript></figure>');
    expect(got.map((i) => i.url)).toEqual(["https://news.example/photos/real.jpg"]);
  });

  it("drops the <noscript> copy when the lazy image already names the photo", () => {
    const got = images('<img data-src="/photos/real.jpg" src="/blank.gif"><noscript><img src="/photos/real.jpg"></noscript>');
    expect(got.map((i) => i.url)).toEqual(["https://news.example/photos/real.jpg"]);
  });

  it("takes the widest JPEG of a <picture> before any WebP or AVIF source", () => {
    const got = images(
      '<picture><source type="image/avif" srcset="/p/a-640.avif 640w, /p/a-1600.avif 1600w"><source type="image/jpeg" srcset="/p/a-600.jpg 600w, /p/a-1200.jpg 1200w"><img src="/p/a-320.jpg"></picture>',
    );
    expect(got).toEqual([{ url: "https://news.example/p/a-1200.jpg", mimeType: "image/jpeg", width: 1200 }]);
  });

  it("keeps the <img> JPEG when the <picture> offers only WebP and AVIF (feed readers show JPEG everywhere)", () => {
    const got = images(
      '<picture><source type="image/avif" srcset="/p/a-640.avif 640w, /p/a-1600.avif 1600w"><source type="image/webp" srcset="/p/a-800.webp 800w"><img src="/p/a-320.jpg"></picture>',
    );
    expect(got[0]).toMatchObject({ url: "https://news.example/p/a-320.jpg", mimeType: "image/jpeg" });
  });
});

describe("metadata and body photos", () => {
  it("counts og:image and the same photo inline once, with og:image:width/height", () => {
    const head = '<meta property="og:image" content="https://news.example/photos/flood.jpg?w=1200"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="800">';
    const got = images('<figure><img src="/photos/flood-640x427.jpg"><figcaption>Water in the square [AP]</figcaption></figure>', head);
    expect(got).toEqual([
      { url: "https://news.example/photos/flood.jpg?w=1200", mimeType: "image/jpeg", width: 1200, height: 800, alt: "Water in the square", caption: "Water in the square", credit: "AP" },
    ]);
  });

  it("takes a body photo's credit and size from the JSON-LD ImageObject of the same photo", () => {
    const ld = {
      "@type": "NewsArticle",
      associatedMedia: [{ "@type": "ImageObject", contentUrl: "https://news.example/photos/dam.jpg", creditText: "Lee Min-ho/Yonhap", width: 2000, height: 1333 }],
    };
    const head = `<script type="application/ld+json">${JSON.stringify(ld)}</script>`;
    const got = images('<figure><img src="/photos/dam.jpg"><figcaption>The dam at dawn</figcaption></figure>', head);
    expect(got).toEqual([
      { url: "https://news.example/photos/dam.jpg", mimeType: "image/jpeg", width: 2000, height: 1333, alt: "The dam at dawn", caption: "The dam at dawn", credit: "Lee Min-ho/Yonhap" },
    ]);
  });
});
