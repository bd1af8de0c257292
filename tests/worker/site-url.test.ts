import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { ARTICLE_FILES } from "./helpers.ts";

// `npm start` with another PORT or SITE_URL: the same files, served under another address.
const app = createApp();
const at = (siteUrl: string) => ({ ...env, SITE_URL: siteUrl });

async function syncAt(siteUrl: string) {
  const response = await app.request(
    "/api/sync",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${env.INGEST_TOKEN}` },
      body: JSON.stringify({ files: ARTICLE_FILES }),
    },
    at(siteUrl),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { created: string[]; updated: string[]; unchanged: string[] };
}

const articleAt = async (siteUrl: string, id: string) =>
  (await (await app.request(`/api/articles/${id}`, {}, at(siteUrl))).json()) as { url: string; updatedAt: string };

describe("a changed SITE_URL", () => {
  it("moves the permalinks of articles without a canonical URL, and not their updatedAt", async () => {
    const first = await syncAt("http://localhost:8787");
    expect(first.created.length).toBe(ARTICLE_FILES.length);
    const ids = first.created;
    const before = await Promise.all(ids.map((id) => articleAt("http://localhost:8787", id)));
    // The samples include articles that have no canonical URL of their own (else this test proves nothing).
    expect(before.some((a) => a.url.startsWith("http://localhost:8787/articles/"))).toBe(true);

    const second = await syncAt("https://news.example.org");
    const after = await Promise.all(ids.map((id) => articleAt("https://news.example.org", id)));
    for (const [i, article] of after.entries()) {
      expect(article.updatedAt).toBe(before[i]!.updatedAt);
      if (before[i]!.url.startsWith("http://localhost:8787/articles/")) {
        expect(article.url).toBe(`https://news.example.org/articles/${ids[i]}`);
        expect(second.updated).toContain(ids[i]);
      }
    }
    // The feed names the new address everywhere.
    const feed = await (await app.request("/feed.xml", {}, at("https://news.example.org"))).text();
    expect(feed).not.toContain("localhost:8787");
  });
});
