/**
 * Partner feeds through the real routes in workerd: articles ingested with PUT /api/articles/:id,
 * feeds fetched with and without keys. Profiles: tests/partners/profiles.json (the PARTNERS binding).
 *   alpha: keys alpha-key-1 and alpha-key-2 (a rotation), 3 items, photos >= 600x300, requireImage, webfeeds
 *   beta:  beta-key, RSS and JSON only, summaries, section "Harbour News" only
 *   gamma: gamma-key, minimal HTML, feeds capped at 6000 bytes
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { childNamed, childText, childrenNamed, parseXmlStrict } from "../tools/strict-xml.ts";
import { request } from "./helpers.ts";

const INGEST = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const LONG = "The harbour council approved the new ferry timetable on Tuesday evening after a long debate about the costs of the extra crossings. Residents asked about parking near the terminal, the library's opening hours and the repairs to the old pier. The first sailings under the new timetable start on Monday, with two extra crossings every afternoon and a later last boat on Fridays.";

type Photo = { name: string; width: number; height: number };
function page(day: number, o: { section: string; photos: Photo[]; title?: string }): string {
  const figures = o.photos
    .map((p) => `<figure><img src="https://img.example/${p.name}.jpg" width="${p.width}" height="${p.height}" alt="${p.name} photo"><figcaption>What ${p.name} shows [YONHAP]</figcaption></figure>`)
    .join("");
  return `<!doctype html><html lang="en"><head><title>${o.title ?? `Partner story ${day}`}</title>
<link rel="canonical" href="https://news.example.com/2025/06/0${day}/partner-${day}">
<meta property="article:published_time" content="2025-06-0${day}T10:00:00Z">
<meta property="article:section" content="${o.section}"><meta name="author" content="Mira Quist"></head>
<body><article><h1>${o.title ?? `Partner story ${day}`}</h1>${figures}<p>${LONG}</p><p>Day ${day}: ${LONG}</p></article></body></html>`;
}

const STORIES: [number, Parameters<typeof page>[1]][] = [
  [1, { section: "Harbour News", photos: [{ name: "p1-big", width: 1200, height: 800 }] }],
  [2, { section: "Sport", photos: [{ name: "p2-big", width: 1600, height: 900 }, { name: "p2-small", width: 320, height: 200 }] }],
  [3, { section: "Harbour News", photos: [{ name: "p3-small", width: 400, height: 300 }] }],
  [4, { section: "Harbour News", photos: [] }],
  [5, { section: "Harbour News", photos: [{ name: "p5-small", width: 200, height: 150 }, { name: "p5-big", width: 1000, height: 700 }] }],
  [6, { section: "Culture", photos: [{ name: "p6-big", width: 800, height: 600 }] }],
];

beforeAll(async () => {
  for (const [day, o] of STORIES) {
    const response = await request(`/api/articles/partner-${day}`, { method: "PUT", headers: INGEST, body: page(day, o) });
    expect(response.status, await response.clone().text()).toBe(201);
  }
});

const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });
const idsOf = (json: { items: { id: string }[] }) => json.items.map((i) => i.id.split("/").pop());

describe("partner feed keys", () => {
  it("401 with WWW-Authenticate without a key or with a wrong one; the answer never echoes the key", async () => {
    const none = await request("/partners/alpha/feed.xml");
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toBe('Bearer realm="wirefeed-partners"');
    expect(none.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    for (const wrong of [request("/partners/alpha/feed.xml", bearer("guess-key-123")), request("/partners/alpha/feed.xml?key=guess-key-123")]) {
      const response = await wrong;
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="wirefeed-partners", error="invalid_token"');
      const text = await response.text();
      expect(text).not.toContain("guess-key-123");
      expect(JSON.parse(text).instance).toBe("/partners/alpha/feed.xml");
    }
    // Without a key, an unknown partner is a 401 too: partners cannot be enumerated.
    expect((await request("/partners/nobody/feed.xml")).status).toBe(401);
  });

  it("with a key, every id but the key's own is the same 404 (no enumeration); a format not offered is 404", async () => {
    const other = await request("/partners/alpha/feed.xml", bearer("beta-key"));
    const unknown = await request("/partners/nobody/feed.xml", bearer("beta-key"));
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    const [otherProblem, unknownProblem] = (await Promise.all([other.json(), unknown.json()])) as { detail: string; instance: string }[];
    expect(JSON.stringify(otherProblem)).not.toContain("beta-key");
    // The same answer but for the path it echoes.
    expect({ ...otherProblem, instance: "" }).toEqual({ ...unknownProblem, instance: "" });
    expect([...other.headers].filter(([name]) => name !== "content-length")).toEqual([...unknown.headers].filter(([name]) => name !== "content-length"));
    expect((await request("/partners/beta/atom.xml", bearer("beta-key"))).status).toBe(404);
  });

  it("takes the key as a Bearer header or ?key=, and both keys of a rotation, with Cache-Control: private", async () => {
    for (const response of [
      await request("/partners/alpha/feed.json", bearer("alpha-key-1")),
      await request("/partners/alpha/feed.json", bearer("alpha-key-2")),
      await request("/partners/alpha/feed.json?key=alpha-key-1"),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/feed+json; charset=utf-8");
      expect(response.headers.get("Cache-Control")).toMatch(/^private, max-age=\d+$/);
      expect(response.headers.get("Vary")).toBe("Authorization");
      const body = await response.text();
      expect(body).not.toMatch(/alpha-key|key=/);
    }
  });

  it("answers 304 to its ETag and HEAD without a body", async () => {
    const first = await request("/partners/gamma/atom.xml", bearer("gamma-key"));
    const etag = first.headers.get("ETag")!;
    await first.body?.cancel();
    expect((await request("/partners/gamma/atom.xml", { headers: { Authorization: "Bearer gamma-key", "If-None-Match": etag } })).status).toBe(304);
    const head = await request("/partners/gamma/atom.xml", { method: "HEAD", ...bearer("gamma-key") });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("partner rules, served", () => {
  it("alpha (JSON): newest 3 with a photo of 600x300 or more; small photos left out; plain 300+ character summaries", async () => {
    const json = (await (await request("/partners/alpha/feed.json", bearer("alpha-key-1"))).json()) as any;
    expect(idsOf(json)).toEqual(["partner-6", "partner-5", "partner-2"]);
    expect(json._webfeeds.accentColor).toBe("0B57D0");
    const five = json.items[1];
    expect(five.image).toBe("https://img.example/p5-big.jpg");
    expect(five.attachments.map((a: { url: string }) => a.url)).toEqual(["https://img.example/p5-big.jpg"]);
    expect(five.content_html).not.toContain("p5-small");
    expect(five.content_html).toContain('<span class="credit" itemprop="copyrightHolder">YONHAP</span>');
    expect(five.summary.length).toBeGreaterThanOrEqual(300);
  });

  it("alpha (RSS): well-formed, webfeeds, the passing lead as the only enclosure, self link without a key", async () => {
    const body = await (await request("/partners/alpha/feed.xml?key=alpha-key-2")).text();
    const channel = childNamed(parseXmlStrict(body), "channel");
    expect(childText(channel, "webfeeds:icon")).toBe("https://alpha.example/icon.svg");
    expect(childNamed(channel, "atom:link").attributes["href"]).toBe("http://localhost:8787/partners/alpha/feed.xml");
    const items = childrenNamed(channel, "item");
    expect(items.map((i) => childNamed(i, "enclosure").attributes["url"])).toEqual([
      "https://img.example/p6-big.jpg",
      "https://img.example/p5-big.jpg",
      "https://img.example/p2-big.jpg",
    ]);
    expect(body).not.toMatch(/alpha-key|key=/);
  });

  it("beta (RSS, summaries, one section): only Harbour News, no body", async () => {
    const body = await (await request("/partners/beta/feed.xml", bearer("beta-key"))).text();
    const items = childrenNamed(childNamed(parseXmlStrict(body), "channel"), "item");
    expect(items.map((i) => childText(i, "guid")!.split("/").pop())).toEqual(["partner-5", "partner-4", "partner-3", "partner-1"]);
    expect(body).not.toContain("content:encoded>");
    expect(items.every((i) => (childText(i, "description") ?? "").length >= 300)).toBe(true);
  });

  it("gamma (Atom, 6000-byte cap, minimal HTML): fits the cap by dropping the oldest items", async () => {
    const response = await request("/partners/gamma/atom.xml", bearer("gamma-key"));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBeLessThanOrEqual(6000);
    const entries = childrenNamed(parseXmlStrict(new TextDecoder().decode(bytes)), "entry");
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThan(6);
    expect(entries.map((e) => childText(e, "id")!.split("/").pop())).toEqual(["partner-6", "partner-5", "partner-4", "partner-3", "partner-2"].slice(0, entries.length));
  });
});

describe("GET /api/partners (operator view)", () => {
  it("needs the ingest token", async () => {
    expect((await request("/api/partners")).status).toBe(401);
    expect((await request("/api/partners", bearer("alpha-key-1"))).status).toBe(401);
  });

  it("lists each partner's feed URLs and what its rules leave out, and why, without key hashes", async () => {
    const response = await request("/api/partners", bearer("test-ingest-token"));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("43b55e4e8bedb56b");
    const { partners } = JSON.parse(text) as { partners: any[] };
    expect(partners.map((p) => p.id)).toEqual(["alpha", "beta", "gamma"]);
    const [alpha, beta, gamma] = partners;
    expect(alpha.feeds).toEqual({
      rss: "http://localhost:8787/partners/alpha/feed.xml",
      atom: "http://localhost:8787/partners/alpha/atom.xml",
      json: "http://localhost:8787/partners/alpha/feed.json",
    });
    expect(alpha.validKeys).toBe(2);
    const reasons = (p: any) => Object.fromEntries(p.leftOut.map((e: { id: string; reason: string }) => [e.id, e.reason]));
    expect(reasons(alpha)).toEqual({ "partner-4": "no-qualifying-image", "partner-3": "no-qualifying-image", "partner-1": "item-count" });
    expect(alpha.photosLeftOut.map((p: { url: string; reason: string }) => [p.url, p.reason])).toEqual([
      ["https://img.example/p5-small.jpg", "too-small"],
      ["https://img.example/p2-small.jpg", "too-small"],
    ]);
    expect(reasons(beta)).toEqual({ "partner-6": "section", "partner-2": "section" });
    expect(Object.keys(beta.feeds)).toEqual(["rss", "json"]);
    expect(Object.values(reasons(gamma)).every((r) => r === "feed-size")).toBe(true);
    expect(gamma.leftOut[0].formats.length).toBeGreaterThan(0);
  });
});

describe("partner profiles are checked at start-up", () => {
  it("answers partner routes with a 500 problem naming the bad field, and never echoes the key", async () => {
    const bad = JSON.stringify({ partners: [{ id: "x", name: "X", tokenSha256: ["not-a-hash"] }] });
    const response = await createApp().request("/partners/x/feed.xml?key=secret-key-1", {}, { ...env, PARTNERS: bad });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret-key-1");
    const problem = JSON.parse(text) as { title: string; errors: { path: string }[] };
    expect(problem.title).toBe("Internal Server Error");
    expect(problem.errors.map((e) => e.path)).toEqual(["partners.0.tokenSha256.0"]);
  });
});
