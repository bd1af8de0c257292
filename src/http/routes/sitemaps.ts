/** GET /sitemap-news.xml, /sitemap.xml and /robots.txt: how search engines find the articles. */
import { Hono } from "hono";
import { fullSitemap, newsSitemap, robotsTxt } from "../../audience/sitemaps.ts";
import { createSitemapStore } from "../../store/index.ts";
import { cachedDocument, documentResponse } from "../document-cache.ts";
import type { AppEnv } from "../env.ts";
import { isoNow } from "../now.ts";
import { notFound, ProblemError } from "../problems.ts";

export const sitemapRoutes = new Hono<AppEnv>();

const XML = "application/xml; charset=utf-8";

const badRequest = (detail: string) => new ProblemError({ status: 400, title: "Bad Request", detail });

/** `?page=` of a split sitemap: a whole number from 1; absent is the sitemap (or index) itself. */
function pageParam(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value)) throw badRequest(`page must be a whole number from 1, as the sitemap index lists them; got "${value}".`);
  return Number(value);
}

sitemapRoutes.get("/sitemap-news.xml", async (c) => {
  const { config, store } = c.var;
  const now = isoNow();
  const page = pageParam(c.req.query("page"));
  const doc = await cachedDocument(store, `news|${page ?? ""}|${JSON.stringify(config)}`, now, () =>
    newsSitemap(createSitemapStore(c.env.DB), config, now, page),
  );
  if (!doc) throw notFound(`The news sitemap has no page ${page}; /sitemap-news.xml lists its parts.`);
  return documentResponse(c, doc, XML, now);
});

sitemapRoutes.get("/sitemap.xml", async (c) => {
  const { config, store } = c.var;
  const now = isoNow();
  const month = c.req.query("month");
  const page = pageParam(c.req.query("page"));
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badRequest(`month must be YYYY-MM, as the sitemap index lists it; got "${month}".`);
  if (page !== undefined && month === undefined) throw badRequest("page is only used with month (?month=YYYY-MM&page=2), as the sitemap index lists it.");
  const part = month === undefined ? undefined : { month, page: page ?? 1 };
  const doc = await cachedDocument(store, `all|${month ?? ""}|${page ?? ""}|${JSON.stringify(config)}`, now, () =>
    fullSitemap(createSitemapStore(c.env.DB), config, now, part),
  );
  if (!doc) throw notFound(`The sitemap has no part for ${month}${page ? ` page ${page}` : ""}; /sitemap.xml lists its parts.`);
  return documentResponse(c, doc, XML, now);
});

sitemapRoutes.get("/robots.txt", (c) =>
  c.body(robotsTxt(c.var.config), 200, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
);
