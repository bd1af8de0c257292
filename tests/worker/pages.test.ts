import { beforeAll, describe, expect, it } from "vitest";
import { ARTICLE_FILES, request, syncOk } from "./helpers.ts";

const BROWSER = { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const PARTNER_KEY = "alpha-key-1"; // tests/partners/profiles.json

beforeAll(async () => {
  await syncOk(ARTICLE_FILES);
});

describe("pages a publisher shows", () => {
  it("home: the latest articles first (photo, section, summary, byline, date), then the feeds and the most used names", async () => {
    const page = await (await request("/")).text();
    const latest = page.indexOf('class="cards"');
    expect(latest).toBeGreaterThan(0);
    expect(latest).toBeLessThan(page.indexOf('id="feeds"'));
    // The newest sample leads, with its photo (alt and size), section, summary, byline and date.
    const lead = page.slice(latest, page.indexOf("</li>", latest));
    expect(lead).toContain("Port Alder opens a floating library for the summer");
    expect(lead).toMatch(/<img src="https:\/\/images\.example\.org\/[^"]+" alt="Shelves of books on the deck of a ferry" width="\d+" height="\d+"/);
    expect(lead).toContain('<p class="kicker"><a href="/sections/culture/feed.xml">Culture</a></p>');
    expect(lead).toContain('<p class="summary">A retired car ferry');
    expect(lead).toMatch(/By <a href="\/authors\/ines-marlow\/feed.xml">Ines Marlow<\/a> and <a[^>]*>Theo Brandt<\/a> · <time datetime="2025-06-12T06:30:00Z">/);
    expect(page).toContain('<a href="/tags">');
  });

  it("/tags, /sections and /authors list every name, most used first, with their feeds", async () => {
    const tags = await request("/tags");
    expect(tags.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const body = await tags.text();
    for (const tag of ["libraries", "Port Alder", "ferries", "Hollin Cross", "Markets"]) expect(body).toContain(`>${tag}</a>`);
    expect(body).toContain('<a href="/tags/port-alder/atom.xml">Atom</a>');
    expect(await (await request("/sections")).text()).toContain(">Culture</a>");
    expect(await (await request("/authors")).text()).toContain(">Han Jee-hye</a>");
  });

  it("article: credits under photos, every image with alt text, the lead photo from metadata shown first", async () => {
    const page = await (await request("/articles/sample-opengraph")).text();
    // This sample's photo is only in og:image: the page shows it above the body, with alt text.
    expect(page).toMatch(/<figure><img src="https:\/\/images\.example\.org\/photos\/hollin-cross-market-hall\.webp" alt="The restored glass roof[^"]*"/);
    const korea = await (await request("/articles/000_4c4acd25798775f3")).text();
    expect(korea).toContain('<span class="credit">SCREEN CAPTURE</span></figcaption>');
    for (const img of korea.match(/<img\b[^>]*>/g) ?? []) expect(img).toMatch(/ alt="[^"]+"/);
  });
});

describe("feed previews", () => {
  it("a public feed in a browser: a page kept from shared caches (private), the feed for readers", async () => {
    const preview = await request("/tags/port-alder/feed.json", { headers: BROWSER });
    expect(preview.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(preview.headers.get("Cache-Control")).toMatch(/^private\b/);
    expect(preview.headers.get("Vary")).toBe("Accept");
    expect(await preview.text()).toContain("Port Alder opens a floating library");
    const feed = await request("/tags/port-alder/feed.json");
    expect(feed.headers.get("Cache-Control")).toMatch(/^public\b/);
    await feed.body?.cancel();
    expect((await request("/tags/no-such-tag/feed.xml", { headers: BROWSER })).status).toBe(404);
  });

  it("a partner feed in a browser with the key: its items as a page that never echoes the key", async () => {
    const preview = await request(`/partners/alpha/atom.xml?key=${PARTNER_KEY}`, { headers: BROWSER });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(preview.headers.get("Cache-Control")).toBe("private, no-store");
    expect(preview.headers.get("Referrer-Policy")).toBe("no-referrer");
    const page = await preview.text();
    expect(page).toContain("partner feed");
    expect(page).toContain("<code>http://localhost:8787/partners/alpha/atom.xml</code>");
    expect(page).not.toContain(PARTNER_KEY);
    const bearer = await request("/partners/alpha/feed.xml", { headers: { ...BROWSER, Authorization: `Bearer ${PARTNER_KEY}` } });
    expect(await bearer.text()).not.toContain(PARTNER_KEY);
    // Without a key a browser gets the 401 as a page; a reader gets the feed or problem JSON as before.
    const refused = await request("/partners/alpha/atom.xml", { headers: BROWSER });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(refused.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect(await refused.text()).toContain("needs the partner");
    const reader = await request(`/partners/alpha/atom.xml?key=${PARTNER_KEY}`);
    expect(reader.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    await reader.body?.cancel();
  });
});

describe("errors", () => {
  it("are a page for browsers and problem JSON for everyone else, with the same status", async () => {
    const page = await request("/no/such/page", { headers: BROWSER });
    expect(page.status).toBe(404);
    expect(page.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(page.headers.get("Vary")).toBe("Accept");
    const html = await page.text();
    expect(html).toContain("Not Found");
    expect(html).toContain("Nothing is served at /no/such/page.");
    for (const headers of [{}, { Accept: "application/json" }, { Accept: "*/*" }] as Record<string, string>[]) {
      const problem = await request("/no/such/page", { headers });
      expect(problem.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
      expect(((await problem.json()) as { status: number }).status).toBe(404);
    }
  });
});
