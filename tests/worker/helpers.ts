import { env, exports } from "cloudflare:workers";

/** Every file of articles/, as `npm start` sends it. */
export const ARTICLE_FILES = Object.entries(
  import.meta.glob<string>("../../articles/*", { query: "?raw", import: "default", eager: true }),
).map(([path, content]) => ({ name: path.split("/").pop()!, content }));

export const BASE = "http://localhost:8787";

// The worker under test is the main module's default export (the Hono app), reached as in production.
const worker = (exports as unknown as { default: Fetcher }).default;

export function request(path: string, init?: RequestInit): Promise<Response> {
  return worker.fetch(new Request(BASE + path, init));
}

export function sync(files: { name: string; content: string }[], token = env.INGEST_TOKEN): Promise<Response> {
  return request("/api/sync", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ files }),
  });
}

export async function syncOk(files: { name: string; content: string }[]) {
  const response = await sync(files);
  if (response.status !== 200) throw new Error(`sync answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as {
    created: string[];
    updated: string[];
    unchanged: string[];
    retracted: string[];
    failed: { name: string; issues: { path: string; message: string }[] }[];
  };
}

export const stem = (name: string) => name.replace(/\.[^.]*$/, "");

/** A small news page with the given metadata (meta tags, as many CMSs write them). */
export function newsPage(o: { title: string; url?: string; date?: string; section?: string; tags?: string[]; author?: string; text?: string }): string {
  return `<!doctype html><html lang="en"><head><title>${o.title} | Test Wire</title>
${o.url ? `<link rel="canonical" href="${o.url}">` : ""}
${o.date ? `<meta property="article:published_time" content="${o.date}">` : ""}
${o.section ? `<meta property="article:section" content="${o.section}">` : ""}
${(o.tags ?? []).map((t) => `<meta property="article:tag" content="${t}">`).join("")}
${o.author ? `<meta name="author" content="${o.author}">` : ""}
</head><body><article><h1>${o.title}</h1>
<p>${o.text ?? "The council met on Tuesday evening to discuss the harbour budget and the new ferry timetable for the summer."}</p>
<p>Residents asked questions about parking, the library's opening hours and the cost of the repairs.</p></article></body></html>`;
}
