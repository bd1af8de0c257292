/**
 * A loopback stand-in for news sites that pull mode follows (feeds, sitemaps, section pages, article
 * pages), in Node. Tests inside workerd script it over HTTP, each under its own site id, so no test
 * sees another's pages:
 *
 *   PUT  /_page/<site>/<path>   JSON StubPage: what GET /<site>/<path> answers from now on
 *   GET  /_log/<site>           every request made under /<site>/ (JSON StubHit[]), in order
 *   POST /_release/<site>       answers the requests of that site held by `hang`
 *   GET  /robots.txt            for wirefeed: disallows /<site>/private/ (and everything for other agents)
 *   GET  /<site>/<path>         the page: 304 when If-None-Match matches its etag; `failTimes` answers
 *                               `failStatus` (with `retryAfter`) that many times first; `hang` waits
 *                               for a release; `hugeBytes` streams that much HTML; `bodyBase64` raw bytes
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { json, readText } from "./stub-servers.ts";

export type StubPage = {
  status?: number;
  contentType?: string;
  body?: string;
  /** Raw bytes instead of `body` (a legacy charset, say). */
  bodyBase64?: string;
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
  failTimes?: number;
  failStatus?: number;
  retryAfter?: string;
  hang?: boolean;
  hugeBytes?: number;
};
export type StubHit = { path: string; status: number; ifNoneMatch?: string; ifModifiedSince?: string; userAgent?: string };
export type StubSite = { baseUrl: string; close(): Promise<void> };

const HANG_LIMIT_MS = 20_000;
// Our group (RFC 9309 §2.2.1: the product token wins over *): /<site>/private/ is off limits.
const ROBOTS = "User-agent: *\nDisallow: /\n\nUser-agent: wirefeed\nDisallow: /*/private/\nAllow: /\n";

export async function startStubSite(port = 0): Promise<StubSite> {
  const pages = new Map<string, StubPage & { failed: number }>();
  const hits = new Map<string, StubHit[]>();
  const held = new Map<string, (() => void)[]>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://stub");
    const [first, site, ...rest] = url.pathname.split("/").filter(Boolean);
    if (request.method === "PUT" && first === "_page" && site) {
      pages.set(`${site}/${rest.join("/")}`, { ...(JSON.parse(await readText(request)) as StubPage), failed: 0 });
      response.writeHead(204).end();
      return;
    }
    if (first === "_log" && site) return json(response, hits.get(site) ?? []);
    if (request.method === "POST" && first === "_release" && site) {
      for (const release of held.get(site) ?? []) release();
      held.delete(site);
      response.writeHead(204).end();
      return;
    }
    if (first === "robots.txt") {
      response.writeHead(200, { "Content-Type": "text/plain" }).end(ROBOTS);
      return;
    }
    const siteId = first;
    const page = pages.get(url.pathname.slice(1) + url.search);
    const hit: StubHit = {
      path: url.pathname + url.search,
      status: 0,
      ...(request.headers["if-none-match"] ? { ifNoneMatch: String(request.headers["if-none-match"]) } : {}),
      ...(request.headers["if-modified-since"] ? { ifModifiedSince: String(request.headers["if-modified-since"]) } : {}),
      ...(request.headers["user-agent"] ? { userAgent: String(request.headers["user-agent"]) } : {}),
    };
    const log = (status: number) => siteId && hits.set(siteId, [...(hits.get(siteId) ?? []), { ...hit, status }]);
    if (!page) {
      log(404);
      response.writeHead(404, { "Content-Type": "text/plain" }).end("no such page\n");
      return;
    }
    if (page.hang) {
      log(-1);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, HANG_LIMIT_MS);
        held.set(siteId!, [...(held.get(siteId!) ?? []), () => (clearTimeout(timer), resolve())]);
      });
      if (response.destroyed) return;
    }
    if (page.failTimes && page.failed < page.failTimes) {
      page.failed++;
      const status = page.failStatus ?? 500;
      log(status);
      response.writeHead(status, { "Content-Type": "text/plain", ...(page.retryAfter ? { "Retry-After": page.retryAfter } : {}) }).end(`failure ${page.failed}\n`);
      return;
    }
    if (page.etag && request.headers["if-none-match"] === page.etag) {
      log(304);
      response.writeHead(304, { ETag: page.etag }).end();
      return;
    }
    const status = page.status ?? 200;
    log(status);
    const headers: Record<string, string> = {
      "Content-Type": page.contentType ?? "text/html; charset=utf-8",
      ...(page.etag ? { ETag: page.etag } : {}),
      ...(page.lastModified ? { "Last-Modified": page.lastModified } : {}),
      ...page.headers,
    };
    if (page.hugeBytes) {
      response.writeHead(status, headers);
      const chunk = "<p>" + "x".repeat(64 * 1024 - 7) + "</p>\n";
      let sent = 0;
      let closed = false;
      response.on("close", () => (closed = true));
      while (sent < page.hugeBytes && !closed) {
        sent += chunk.length;
        if (!response.write(chunk)) await new Promise((resolve) => (response.once("drain", resolve), response.once("close", resolve)));
      }
      response.end();
      return;
    }
    response.writeHead(status, headers).end(page.bodyBase64 !== undefined ? Buffer.from(page.bodyBase64, "base64") : (page.body ?? ""));
  }

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
