/**
 * Answers for a path that exists under other methods (RFC 9110 §15.5.6): `405 Method Not Allowed`
 * with `Allow`, and for OPTIONS a `204` with `Allow` (§9.3.7: a successful OPTIONS names the
 * methods). Hono has no 405 of its own: it routes a method it has no handler for to notFound, so
 * the methods are found by matching the app's own route table for each method.
 */
import type { Context, Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { problemResponse } from "./problems.ts";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const routers = new WeakMap<Hono, TrieRouter<true>>();

/** The methods `path` answers to, or [] when it is not served at all. */
export function allowedMethods(app: Hono<any>, path: string): string[] {
  let router = routers.get(app);
  if (!router) {
    router = new TrieRouter<true>();
    // Middleware (method ALL) is not a resource; only routes of a method make one.
    for (const route of app.routes) if (route.method !== "ALL") router.add(route.method, route.path, true);
    routers.set(app, router);
  }
  const allowed: string[] = METHODS.filter((method) => router.match(method, path)[0].length > 0);
  if (allowed.length === 0) return [];
  // Hono answers HEAD wherever it answers GET (RFC 9110 §9.3.2), and every resource takes OPTIONS.
  if (allowed.includes("GET")) allowed.splice(1, 0, "HEAD");
  return [...allowed, "OPTIONS"];
}

/** For notFound: the 204 or 405 when the path exists under other methods, else undefined (a real 404). */
export function otherMethods(app: Hono<any>, c: Context): Response | undefined {
  const allowed = allowedMethods(app, c.req.path);
  if (allowed.length === 0) return undefined;
  const allow = allowed.join(", ");
  if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: allow });
  return problemResponse(c, { status: 405, title: "Method Not Allowed", detail: `${c.req.path} answers ${allow}; not ${c.req.method}.` }, { Allow: allow });
}
