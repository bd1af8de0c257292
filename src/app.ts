import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { loadConfig } from "./config.ts";
import type { AppEnv } from "./http/env.ts";
import { invalidatingWrites } from "./http/feed-cache.ts";
import { otherMethods } from "./http/methods.ts";
import { ProblemError, problemResponse } from "./http/problems.ts";
import { articleApiRoutes } from "./http/routes/articles.ts";
import { audienceRoutes } from "./http/routes/audience.ts";
import { feedRoutes } from "./http/routes/feeds.ts";
import { opmlRoutes } from "./http/routes/opml.ts";
import { pageRoutes } from "./http/routes/pages.ts";
import { partnerRoutes } from "./http/routes/partners.ts";
import { sitemapRoutes } from "./http/routes/sitemaps.ts";
import { sourceRoutes } from "./http/routes/sources.ts";
import { syncRoutes } from "./http/routes/sync.ts";
import { createD1Store, StoreUnavailableError } from "./store/index.ts";

/** How long a client should wait after a 503 (RFC 9110 §10.2.3). */
const RETRY_AFTER_SECONDS = 30;

/** Settings are validated before any route runs; bindings reach routes only through the context. */
const withContext = createMiddleware<AppEnv>(async (c, next) => {
  const loaded = loadConfig(c.env);
  if (!loaded.ok) {
    throw new ProblemError({
      status: 500,
      // RFC 9457 §4.2.1: with type about:blank the title is the status phrase.
      title: "Internal Server Error",
      detail: "Invalid configuration: the service's settings (wrangler.toml [vars]) are invalid; see errors. Fix them and redeploy.",
      errors: loaded.issues,
    });
  }
  c.set("config", loaded.config);
  c.set("store", invalidatingWrites(createD1Store(c.env.DB)));
  await next();
});

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Every answer says what it is and must not be sniffed as something else (feeds, JSON, problems and
  // pages alike). Hono's secureHeaders would add headers the pages set themselves (pages.ts, html.ts).
  app.use(async (c, next) => {
    await next();
    c.res.headers.set("X-Content-Type-Options", "nosniff");
  });
  app.use(withContext);
  app.route("/", feedRoutes);
  app.route("/", articleApiRoutes);
  app.route("/", pageRoutes);
  app.route("/", syncRoutes);
  app.route("/", partnerRoutes);
  app.route("/", sitemapRoutes);
  app.route("/", opmlRoutes);
  app.route("/", audienceRoutes);
  app.route("/", sourceRoutes);

  app.notFound((c) => otherMethods(app, c) ?? problemResponse(c, { status: 404, title: "Not Found", detail: `Nothing is served at ${c.req.path}.` }));

  // The one place failures become responses: expected ones carry their problem, anything else is a
  // 500 that names no internals (the details go to the log).
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem, error.headers);
    if (error instanceof StoreUnavailableError) {
      console.error("wirefeed: store unavailable", error.cause);
      return problemResponse(
        c,
        { status: 503, title: "Service Unavailable", detail: "The article store cannot be reached right now; nothing was changed. Try again shortly." },
        { "Retry-After": String(RETRY_AFTER_SECONDS) },
      );
    }
    console.error("wirefeed: unexpected error", error);
    return problemResponse(c, { status: 500, title: "Internal Server Error", detail: "Something went wrong on our side." });
  });
  return app;
}
