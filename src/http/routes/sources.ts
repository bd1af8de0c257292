import { Hono, type Context } from "hono";
import {
  ensureConfiguredSources,
  itemView,
  newSource,
  patchSource,
  pollSource,
  reextractSource,
  sourceView,
  SourceInputSchema,
  SourcePatchSchema,
  type Source,
} from "../../sources/index.ts";
import { checkUrl } from "../../fetch/index.ts";
import { pullDeps } from "../../sources/runtime.ts";
import { createD1SourceStore } from "../../store/source-store.ts";
import { announceChange } from "../after-change.ts";
import { requireIngestToken } from "../auth.ts";
import { readJsonBody } from "../body.ts";
import type { AppEnv } from "../env.ts";
import { isoNow } from "../now.ts";
import { notFound, ProblemError } from "../problems.ts";

/** A source's settings are a few hundred bytes. */
const SOURCE_BODY_MAX_BYTES = 16 * 1024;

/** Pull mode's operator API (README, Pull mode): every route needs the ingest token. */
export const sourceRoutes = new Hono<AppEnv>();
sourceRoutes.use("/api/sources", requireIngestToken);
sourceRoutes.use("/api/sources/*", requireIngestToken);

const deps = (c: Context<AppEnv>) => pullDeps({ db: c.env.DB, articles: c.var.store, queue: c.env.PULL_QUEUE, raw: c.env.RAW_PAGES }, c.var.config, isoNow());

const NO_STORE = { "Cache-Control": "no-store" };

/** POST: follow a URL. 201 and the source; 400 for a bad URL; 409 when the URL is followed already. */
sourceRoutes.post("/api/sources", async (c) => {
  const input = await readJsonBody(c.req.raw, SOURCE_BODY_MAX_BYTES, SourceInputSchema, 'The body must be { "url": "https://…", "kind"?, "everyMinutes"?, "retractRemoved"?, "linkPrefix"? }.');
  const made = await newSource(input, "api", isoNow());
  if (!made.ok) throw new ProblemError({ status: 400, title: "Bad Request", detail: `The source URL is not usable: ${made.issues[0]!.message}.`, errors: made.issues });
  // The outbound policy would refuse every poll of a private target: say so now, not at the first poll.
  const reachable = checkUrl(made.source.url, { allowPrivate: c.var.config.allowPrivate });
  if (!reachable.ok) throw new ProblemError({ status: 400, title: "Bad Request", detail: `The source URL is not usable: ${reachable.detail}.`, errors: [{ path: "url", message: reachable.detail }] });
  const store = createD1SourceStore(c.env.DB);
  if (!(await store.create(made.source))) {
    throw new ProblemError({ status: 409, title: "Conflict", detail: `${made.source.url} is followed already, as source "${made.source.id}".` }, { Location: `/api/sources/${made.source.id}` });
  }
  return c.json(await view(c, made.source), 201, { Location: `/api/sources/${made.source.id}`, ...NO_STORE });
});

/** GET: every source with its last poll, status, item counts (found, ingested, held...) and next poll. */
sourceRoutes.get("/api/sources", async (c) => {
  const store = createD1SourceStore(c.env.DB);
  await ensureConfiguredSources(c.env.DB, store, isoNow());
  const sources = await store.list();
  return c.json({ sources: await Promise.all(sources.map((source) => view(c, source))) }, 200, NO_STORE);
});

/** GET one: its view and every item it knows, held and dead ones with their reasons. */
sourceRoutes.get("/api/sources/:id", async (c) => {
  const source = await find(c);
  const items = await createD1SourceStore(c.env.DB).items(source.id);
  return c.json({ ...(await view(c, source)), itemList: items.map(itemView) }, 200, NO_STORE);
});

sourceRoutes.patch("/api/sources/:id", async (c) => {
  const source = await find(c);
  const patch = await readJsonBody(c.req.raw, SOURCE_BODY_MAX_BYTES, SourcePatchSchema, 'The body may set "kind", "everyMinutes", "retractRemoved" and "linkPrefix".');
  const updated = patchSource(source, patch);
  await createD1SourceStore(c.env.DB).save(updated);
  return c.json(await view(c, updated), 200, NO_STORE);
});

/** DELETE: stop following. The articles it brought stay (retract them with DELETE /api/articles/:id). */
sourceRoutes.delete("/api/sources/:id", async (c) => {
  const source = await find(c);
  await createD1SourceStore(c.env.DB).delete(source.id);
  return c.body(null, 204);
});

/** POST …/poll: poll now (the pages it finds go on the queue as at a cron tick). */
sourceRoutes.post("/api/sources/:id/poll", async (c) => {
  const source = await find(c);
  if (!c.env.PULL_QUEUE) throw new ProblemError({ status: 503, title: "Service Unavailable", detail: "Pull mode needs the PULL_QUEUE binding (wrangler.toml [[queues.producers]]; README, Pull mode)." });
  const poll = await pollSource(deps(c), source);
  const after = (await createD1SourceStore(c.env.DB).get(source.id)) ?? source;
  return c.json({ poll, source: await view(c, after) }, 200, NO_STORE);
});

/** POST …/reextract[?dryRun=true]: extract the kept pages again (after a site-rule change), no fetching. */
sourceRoutes.post("/api/sources/:id/reextract", async (c) => {
  const source = await find(c);
  const dryRun = c.req.query("dryRun") === "true";
  const { report, changed } = await reextractSource(deps(c), source, dryRun);
  announceChange(c, changed);
  return c.json(report, 200, NO_STORE);
});

async function find(c: Context<AppEnv>): Promise<Source> {
  const id = c.req.param("id") ?? "";
  const source = await createD1SourceStore(c.env.DB).get(id);
  if (!source) throw notFound(`No source has the id "${id}".`);
  return source;
}

/** Items held, dead or teaser-only shown with their reasons in the list (the rest: GET /api/sources/:id). */
const NOTED_ITEMS = 20;

async function view(c: Context<AppEnv>, source: Source) {
  const store = createD1SourceStore(c.env.DB);
  const noted = await store.items(source.id, ["held", "dead", "teaser"]);
  return {
    ...sourceView(source, await store.counts(source.id)),
    why: noted.slice(0, NOTED_ITEMS).map((item) => ({ url: item.url, state: item.state, reason: item.reason ?? "" })),
  };
}
