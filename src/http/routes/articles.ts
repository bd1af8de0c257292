import { Hono } from "hono";
import { ArticleIdSchema } from "../../model/index.ts";
import type { StoredArticle } from "../../store/index.ts";
import type { AppEnv } from "../env.ts";
import { notFound, ProblemError } from "../problems.ts";

export const articleApiRoutes = new Hono<AppEnv>();

articleApiRoutes.get("/api/articles/:id", async (c) => {
  const stored = await findPublished(c.var.store, c.req.param("id"));
  return c.json(stored.article, 200, { "Cache-Control": "public, max-age=60" });
});

/** The published article with this id, or the problem to answer instead (404 unknown, 410 retracted). */
export async function findPublished(store: AppEnv["Variables"]["store"], id: string): Promise<StoredArticle> {
  const stored = ArticleIdSchema.safeParse(id).success ? await store.get(id) : undefined;
  if (!stored) throw notFound(`No article has the id "${id}".`);
  if (stored.status === "retracted") {
    throw new ProblemError({ status: 410, title: "Gone", detail: `The article "${id}" was retracted.` });
  }
  return stored;
}
