import { Hono, type Context } from "hono";
import { permalinkBase } from "../../config.ts";
import { ingestArticle } from "../../ingest/index.ts";
import { ArticleIdSchema } from "../../model/index.ts";
import type { ArticleStore, StoredArticle } from "../../store/index.ts";
import { announceChange, imageMeasurer } from "../after-change.ts";
import { hasIngestToken, requireIngestToken } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { readIngestSource } from "../ingest-body.ts";
import { acceptedStatus, refusedProblem } from "../ingest-status.ts";
import { isoNow } from "../now.ts";
import { notFound, ProblemError } from "../problems.ts";

export const articleApiRoutes = new Hono<AppEnv>();


/**
 * For the operator (ingest token): `?undated` lists the published articles whose page gave no date,
 * dated by the time they were first seen (issue 14). Each Article says where its date came from in
 * `publishedAtSource`.
 */
articleApiRoutes.get("/api/articles", requireIngestToken, async (c) => {
  if (c.req.query("undated") === undefined) {
    throw new ProblemError({ status: 400, title: "Bad Request", detail: "Ask for a listing: /api/articles?undated lists the articles with no date of their own." });
  }
  return c.json({ undated: await c.var.store.listUndatedIds() }, 200, { "Cache-Control": "private, no-store" });
});

/** The Article JSON. An embargoed article is visible only with the ingest token (its CMS reads it back). */
articleApiRoutes.get("/api/articles/:id", async (c) => {
  const privileged = await hasIngestToken(c);
  const stored = await findPublished(c.var.store, c.req.param("id"), privileged ? undefined : isoNow());
  return c.json(stored.article, 200, { "Cache-Control": privileged ? "private, no-store" : "public, max-age=60" });
});

/** POST: the canonical URL decides the article; 201 when new, 200 when it updated (or matched) one. */
articleApiRoutes.post("/api/articles", requireIngestToken, (c) => ingest(c, undefined));

/** PUT: replaces (or creates) the article with this id. */
articleApiRoutes.put("/api/articles/:id", requireIngestToken, (c) => ingest(c, validId(c.req.param("id"))));

/** DELETE: retracts. The article leaves every feed; its pages answer 410 Gone. */
articleApiRoutes.delete("/api/articles/:id", requireIngestToken, async (c) => {
  const id = validId(c.req.param("id"));
  const stored = await c.var.store.get(id);
  if (!stored) throw notFound(`No article has the id "${id}".`);
  if (stored.status !== "retracted") {
    await c.var.store.write({ upserts: [], retractions: [id] });
    announceChange(c, [stored.article]);
  }
  return c.body(null, 204);
});

async function ingest(c: Context<AppEnv>, id: string | undefined): Promise<Response> {
  const source = await readIngestSource(c.req.raw);
  const { config, store } = c.var;
  const result = await ingestArticle(store, source, id, {
    now: isoNow(),
    permalinkBase: permalinkBase(config),
    measure: imageMeasurer(config),
    republish: c.req.query("republish") === "true",
    publisherHosts: config.publisherHosts ?? [],
  });
  if (!result.ok) throw refusedProblem(result);
  // The feeds it left (an old section or tag) changed as well as the ones it is in now.
  if (result.reason !== "unchanged") announceChange(c, result.previous ? [result.previous, result.article] : [result.article]);
  const status = acceptedStatus(result);
  return c.json(result.article, status, {
    Location: `/api/articles/${result.article.id}`,
    "Cache-Control": "no-store",
  });
}

function validId(id: string): string {
  if (ArticleIdSchema.safeParse(id).success) return id;
  throw new ProblemError({ status: 400, title: "Bad Request", detail: `"${id}" is not an article id (letters, digits, "-" and "_").` });
}

/**
 * The article with this id as the public may see it: 404 unknown (or embargoed until `now`, when
 * given), 410 retracted.
 */
export async function findPublished(store: ArticleStore, id: string, now: string | undefined): Promise<StoredArticle> {
  const stored = ArticleIdSchema.safeParse(id).success ? await store.get(id) : undefined;
  if (!stored || (now !== undefined && stored.article.publishedAt > now)) throw notFound(`No article has the id "${id}".`);
  if (stored.status === "retracted") {
    throw new ProblemError({ status: 410, title: "Gone", detail: `The article "${id}" was retracted.` });
  }
  return stored;
}
