import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { createApp } from "../../src/app.ts";
import type { HubPost } from "../tools/stub-servers.ts";
import { newsPage } from "./helpers.ts";

// The whole path in workerd: an ingest measures its photos on the loopback image server, and a change
// pings the loopback WebSub hub after the response; a dead hub or image server fails nothing.
const STUB = inject("stubBaseUrl");
const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };

async function call(path: string, init: RequestInit, vars: Record<string, string>) {
  const ctx = createExecutionContext();
  const response = await createApp().fetch(new Request(`http://localhost:8787${path}`, init), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx); // the hub ping runs after the response, in waitUntil
  return response;
}

const withPhotos = (title: string, photos: string[]) =>
  newsPage({ title, url: `https://news.example.com/${encodeURIComponent(title)}`, date: "2025-05-06T00:00:00Z", section: "Harbour" }).replace(
    "</article>",
    photos.map((src, i) => `<figure><img src="${src}" alt="Photo ${i}"><figcaption>Photo ${i} of the harbour. [WIRE]</figcaption></figure>`).join("") + "</article>",
  );

describe("ingest with photo measurement and WebSub, inside workerd", () => {
  it("stores each photo's byte size, type and dimensions, and pings the hub with the changed feeds", async () => {
    const manifest = (await (await fetch(`${STUB}/manifest`)).json()) as Record<string, { byteLength: number; width: number; height: number; mimeType: string }>;
    const channel = crypto.randomUUID();
    const response = await call(
      "/api/articles",
      { method: "POST", headers: AUTH, body: withPhotos("Measured photos", [`${STUB}/range/photo.png`, `${STUB}/full/photo.jpg`, `${STUB}/status/404`]) },
      // The photo stub is private (loopback): the operator allows it on purpose. The hub is the operator's own URL.
      { MEASURE_IMAGES: "true", WEBSUB_HUB_URL: `${STUB}/hub/${channel}`, OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${new URL(STUB).port}` },
    );
    expect(response.status).toBe(201);
    const article = (await response.json()) as { images: Record<string, unknown>[] };
    const png = manifest["photo.png"]!;
    const jpg = manifest["photo.jpg"]!;
    expect(article.images[0]).toMatchObject({ mimeType: "image/png", byteLength: png.byteLength, width: png.width, height: png.height });
    expect(article.images[1]).toMatchObject({ mimeType: "image/jpeg", byteLength: jpg.byteLength, width: jpg.width, height: jpg.height });
    expect(article.images[2]).not.toHaveProperty("byteLength"); // unreachable: size unknown, ingest fine

    const posts = (await (await fetch(`${STUB}/hub/${channel}/log`)).json()) as HubPost[];
    expect(posts).toHaveLength(1);
    const topics = posts[0]!.form.filter(([k]) => k === "hub.url").map(([, v]) => v);
    expect(posts[0]!.form[0]).toEqual(["hub.mode", "publish"]);
    expect(topics).toContain("http://localhost:8787/feed.xml");
    expect(topics).toContain("http://localhost:8787/sections/harbour/atom.xml");
    expect(topics.length, "each feed named once").toBe(new Set(topics).size);

    // The feeds carry the measured size: RSS enclosure length, JSON Feed size_in_bytes.
    const rss = await (await call("/feed.xml", {}, {})).text();
    expect(rss).toContain(`length="${png.byteLength}" type="image/png"`);
  }, 20_000);

  it("never fails an ingest because the hub fails or hangs", async () => {
    for (const hub of [`${STUB}/hub/${crypto.randomUUID()}?status=500`, `http://127.0.0.1:9/nothing-listens`]) {
      const response = await call("/api/articles", { method: "POST", headers: AUTH, body: withPhotos(`Hub ${hub.length}`, []) }, { WEBSUB_HUB_URL: hub });
      expect(response.status).toBe(201);
    }
  }, 20_000); // each ping waits out the 2 s version trust before it is sent
});
