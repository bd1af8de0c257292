import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createOutbound } from "../../src/fetch/index.ts";
import { newsPage } from "./helpers.ts";

// Issue 13 item 1, inside workerd: photo URLs come from articles, so an article must not make the
// Worker reach the operator's network. The stub at stubBaseUrl is allowed (OUTBOUND_ALLOW_PRIVATE,
// host and port); the stub at internalBaseUrl stands for an internal service on the same loopback
// address but another port: every spelling of it is refused, directly and after a 302 from the
// allowed stub, and nothing it would have answered appears in the article or the feed.
const STUB = inject("stubBaseUrl");
const INTERNAL_PORT = new URL(inject("internalBaseUrl")).port;
const ALLOW = `127.0.0.1:${new URL(STUB).port}`;
const outbound = createOutbound({ userAgent: "Wirefeed/1.0 (+http://localhost:8787)", allowPrivate: [{ host: "127.0.0.1", port: new URL(STUB).port }] });

/** Spellings that reach the internal stub unless refused (loopback, any notation). */
const LOOPBACK = ["127.0.0.1", "localhost", "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0.0.0.0", "[::1]", "[::ffff:127.0.0.1]", "foo.localhost"];
/** Other private targets, refused before any connection (nothing listens there in a test). */
const ELSEWHERE = ["http://[fd00::]/", "http://[fe80::1]/", "http://192.0.2.1/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://100.64.0.1/", "http://printer.local/", "http://metadata.google.internal/", "http://intranet/"];
const internalUrl = (host: string, path = "/range/photo.png") => `http://${host}:${INTERNAL_PORT}${path}`;
const viaRedirect = (target: string) => `${STUB}/goto/302?to=${encodeURIComponent(target)}`;

describe("outbound URL policy inside workerd", () => {
  it("the allowed stub is reachable (the control)", async () => {
    expect(await outbound.fetch({ url: `${STUB}/range/photo.png` })).toMatchObject({ ok: true, status: 200 });
  });

  for (const target of [...LOOPBACK.map((host) => internalUrl(host)), ...ELSEWHERE]) {
    it(`refuses ${target}, directly and after a 302 from the allowed stub`, async () => {
      const direct = await outbound.fetch({ url: target, timeoutMs: 1000 });
      expect(direct).toMatchObject({ ok: false, reason: "blocked" });
      const redirected = await outbound.fetch({ url: viaRedirect(target), timeoutMs: 1000 });
      expect(redirected).toMatchObject({ ok: false, reason: "blocked", url: new URL(target).href });
    });
  }
});

describe("photo measurement never reports a refused URL", () => {
  const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
  const page = (title: string, photos: string[]) =>
    newsPage({ title, url: `https://news.example.com/${encodeURIComponent(title)}`, date: "2025-05-06T00:00:00Z" }).replace(
      "</article>",
      photos.map((src, i) => `<figure><img src="${src.replaceAll("&", "&amp;")}" alt="Photo ${i}"><figcaption>Photo ${i} of the pier.</figcaption></figure>`).join("") + "</article>",
    );
  async function ingest(title: string, photos: string[]) {
    const ctx = createExecutionContext();
    const vars = { MEASURE_IMAGES: "true", OUTBOUND_ALLOW_PRIVATE: ALLOW };
    const response = await createApp().fetch(
      new Request("http://localhost:8787/api/articles", { method: "POST", headers: AUTH, body: page(title, photos) }),
      { ...env, ...vars },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; images: { url: string; byteLength?: number; width?: number }[] };
  }

  for (const [how, wrap] of [["directly", (url: string) => url], ["after a 302", viaRedirect]] as const) {
    it(`leaves every loopback spelling unmeasured (${how}), and the internal service is never asked`, async () => {
      const run = `${how === "directly" ? "d" : "r"}${Date.now()}`;
      // /huge/<id> counts the bytes it sends: any request that got through would show.
      const photos = LOOPBACK.map((host, i) => wrap(internalUrl(host, `/huge/${run}x${i}/png`)));
      const article = await ingest(`Pier photos ${run}`, [`${STUB}/range/photo.png`, ...photos]);
      expect(article.images).toHaveLength(LOOPBACK.length + 1);
      expect(article.images[0], "the allowed control photo is measured").toMatchObject({ width: 33, height: 21 });
      for (const image of article.images.slice(1)) {
        expect(image, image.url).not.toHaveProperty("byteLength");
        expect(image, image.url).not.toHaveProperty("width");
      }
      const internal = inject("internalBaseUrl");
      for (let i = 0; i < LOOPBACK.length; i++) {
        const stats = (await (await fetch(`${internal}/stats/${run}x${i}`)).json()) as { bytesServed: number };
        expect(stats.bytesServed, LOOPBACK[i]).toBe(0);
      }
      const rss = await (await createApp().fetch(new Request("http://localhost:8787/feed.xml"), env, createExecutionContext())).text();
      expect(rss).not.toContain(`fileSize="${64 * 1024 * 1024}"`);
    }, 20_000);
  }
});
