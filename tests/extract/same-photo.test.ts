import { describe, expect, it } from "vitest";
import { declaredWidth, samePhoto } from "../../src/extract/same-photo.ts";
import { partnerHtml } from "../../src/partners/partner-html.ts";

/** The one "same photo" test, shared by extraction and partner HTML. */
describe("samePhoto", () => {
  it.each([
    ["format variants", "https://cdn.example/p/river-1600.jpg", "https://cdn.example/p/river-1600.webp"],
    ["a WebP copy of the JPEG", "https://cdn.example/p/river.jpg", "https://cdn.example/p/river.jpg.webp"],
    ["WordPress size suffixes", "https://news.example/wp-content/uploads/2025/05/flood.jpg", "https://news.example/wp-content/uploads/2025/05/flood-1024x683.jpg"],
    ["resize query parameters", "https://cdn.example/p/bridge.jpg", "https://cdn.example/p/bridge.jpg?w=1000&q=80&format=webp"],
    ["Medium sizes", "https://miro.medium.com/max/60/1*abc.jpeg?q=20", "https://miro.medium.com/max/2800/1*abc.jpeg"],
    ["Cloudinary parameters", "https://i.kinja-img.com/image/upload/c_fill,g_center,h_675,w_1200/18zu.jpg", "https://i.kinja-img.com/image/upload/c_scale,q_80,w_800/18zu.jpg"],
    ["Blogger sizes", "https://1.bp.blogspot.com/-Y/AAA/a7D/w1200-h630-p-nu/block.png", "https://1.bp.blogspot.com/-Y/AAA/a7D/s640/block.png"],
    ["a nested photo URL", "https://img.example/dims?thumbnail=640%2C480&image_uri=https%3A%2F%2Fs.example%2Fa.jpg", "https://img.example/dims?resize=980%2C640&image_uri=https%3A%2F%2Fs.example%2Fa.jpg%3Fw%3D10"],
  ])("one photo: %s", (_, a, b) => {
    expect(samePhoto(a, b)).toBe(true);
    expect(samePhoto(b, a)).toBe(true);
  });

  it.each([
    ["another host", "https://a.example/p/river.jpg", "https://b.example/p/river.jpg"],
    ["an id parameter", "https://img.example/image.php?id=7", "https://img.example/image.php?id=8"],
    ["a date folder", "https://news.example/2025/04/photo.jpg", "https://news.example/2025/05/photo.jpg"],
    ["an id folder", "https://news.example/uploads/123/image.jpg", "https://news.example/uploads/124/image.jpg"],
    ["another nested photo", "https://img.example/dims?resize=980&image_uri=https%3A%2F%2Fs.example%2Fa.jpg", "https://img.example/dims?resize=980&image_uri=https%3A%2F%2Fs.example%2Fb.jpg"],
  ])("two photos: %s", (_, a, b) => {
    expect(samePhoto(a, b)).toBe(false);
  });

  it("reads the width a URL asks for, to choose among renditions", () => {
    expect(declaredWidth("https://miro.medium.com/max/60/1*abc.jpeg?q=20")).toBe(60);
    expect(declaredWidth("https://cdn.example/p/x.jpg?w=1200")).toBe(1200);
    expect(declaredWidth("https://news.example/u/flood-1024x683.jpg")).toBe(1024);
    expect(declaredWidth("https://news.example/u/flood.jpg")).toBeUndefined();
  });
});

describe("partner HTML uses the same test", () => {
  it("writes the Article's photo for a body figure of another rendition of it", () => {
    const lead = { url: "https://cdn.example/p/lead.jpg", mimeType: "image/jpeg" as const };
    const river = { url: "https://cdn.example/p/river.jpg", mimeType: "image/jpeg" as const, width: 1600, height: 900, caption: "The river" };
    const body = '<figure><img src="https://cdn.example/p/lead.jpg?w=800"></figure><p>Text.</p><figure><img src="https://cdn.example/p/river-1024x576.webp"></figure>';
    const html = partnerHtml(body, [lead, river], "basic");
    expect(html).toContain('src="https://cdn.example/p/river.jpg"');
    expect(html).not.toContain("river-1024x576");
    expect(html.match(/<figure/g)).toHaveLength(2);
  });
});
