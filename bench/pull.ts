/**
 * Pull mode in workerd: the deploy bundle in Miniflare with a local D1, a local queue and R2, and a
 * loopback stand-in site (tests/tools/stub-site.ts) serving a 100-item partial RSS feed and its 100
 * pages. One poll (POST /api/sources/:id/poll) plus the queue drain (the Worker's own consumer
 * fetching, extracting and storing each page) is measured against a plain ingest of the same 100
 * pages (POST /api/articles?url=…, the page in the body), in the same rounds, alternating which goes
 * first. CPU is workerd's process user+sys (/proc) over each whole run, per page; it includes the
 * operator API calls that start the poll and read the counts at the end (a handful per run).
 */
import { readFileSync } from "node:fs";
import { Miniflare } from "miniflare";
import { applyMigrations } from "../tests/tools/d1-archive.ts";
import { startStubSite } from "../tests/tools/stub-site.ts";
import { fmtMs, fmtX, median, table, type Goal } from "./lib.ts";
import { allWorkerds, bundleWorker, cpuMs, INGEST_TOKEN, removeBundle, SITE_URL } from "./workerd.ts";

const PAGES = 100;
const ROOT = new URL("..", import.meta.url).pathname;
// The repository's own sample pages (written for Wirefeed), without their canonical links so that each
// copy is its own article on both paths.
const SAMPLES = ["sample-jsonld-newsarticle.html", "sample-opengraph.html", "sample-bare-paragraphs.html"].map((name) =>
  readFileSync(`${ROOT}articles/${name}`, "utf8").replace(/<link[^>]*rel="canonical"[^>]*>/gi, "").replace(/<meta[^>]*property="og:url"[^>]*>/gi, ""),
);
const pageOf = (n: number) => SAMPLES[n % SAMPLES.length]!.replace("<title>", `<title>Story ${n}: `);

export async function benchPull(rounds = Number(process.env.BENCH_ROUNDS ?? 3)) {
  const site = await startStubSite();
  const bundle = bundleWorker();
  const mf = new Miniflare({
    modules: true, modulesRoot: bundle.dir, scriptPath: bundle.script, compatibilityDate: "2026-04-20",
    d1Databases: ["DB"], r2Buckets: ["RAW_PAGES"],
    queueProducers: { PULL_QUEUE: "wirefeed-pages" }, queueConsumers: { "wirefeed-pages": { maxBatchSize: 10, maxBatchTimeout: 1 } },
    bindings: {
      INGEST_TOKEN, SITE_TITLE: "Wirefeed", SITE_DESCRIPTION: "Bench", SITE_URL, SITE_LANGUAGE: "en", SITE_LOGO_URL: "", WEBSUB_HUB_URL: "",
      MEASURE_IMAGES: "false", OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${new URL(site.baseUrl).port}`,
    },
  });
  try {
    await mf.ready;
    await applyMigrations(await mf.getD1Database("DB"));
    const auth = { Authorization: `Bearer ${INGEST_TOKEN}` };
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await mf.dispatchFetch(`${SITE_URL}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } } as never);
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text || "null") as unknown;
    };
    const pids = allWorkerds();
    const cpu = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);

    const plain = async (round: number) => {
      for (let n = 0; n < PAGES; n++) {
        await call(`/api/articles?url=${encodeURIComponent(`https://plain.example/r${round}/story-${n}`)}`, { method: "POST", headers: { "Content-Type": "text/html; charset=utf-8" }, body: pageOf(n) });
      }
    };
    const pull = async (round: number) => {
      const id = `r${round}${Math.random().toString(36).slice(2, 8)}`;
      const links: string[] = [];
      for (let n = 0; n < PAGES; n++) {
        await fetch(`${site.baseUrl}/_page/${id}/news/story-${n}.html`, { method: "PUT", body: JSON.stringify({ body: pageOf(n) }) });
        links.push(`${site.baseUrl}/${id}/news/story-${n}.html`);
      }
      const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>${links.map((l, n) => `<item><title>Story ${n}</title><link>${l}</link><description>Teaser.</description></item>`).join("")}</channel></rss>`;
      await fetch(`${site.baseUrl}/_page/${id}/feed.xml`, { method: "PUT", body: JSON.stringify({ contentType: "application/rss+xml", body: rss }) });
      const start = cpu();
      const wall = performance.now();
      const source = (await call("/api/sources", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url: `${site.baseUrl}/${id}/feed.xml` }) })) as { id: string };
      await call(`/api/sources/${source.id}/poll`, { method: "POST" });
      // Wait on the stand-in site's log (Node, no workerd CPU) until every page was fetched, then on
      // the source's counts for the last stores.
      for (let i = 0; ; i++) {
        const hits = (await (await fetch(`${site.baseUrl}/_log/${id}`)).json()) as { path: string }[];
        if (hits.filter((h) => h.path.includes("/news/")).length >= PAGES) break;
        if (i > 1200) throw new Error("the pages were not fetched in 2 minutes");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (let i = 0; ; i++) {
        const view = (await call(`/api/sources/${source.id}`)) as { items: { ingested: number; queued: number; held: number; teaserOnly: number } };
        if (view.items.queued === 0) {
          if (view.items.ingested !== PAGES) throw new Error(`pulled ${JSON.stringify(view.items)}`);
          break;
        }
        if (i > 1200) throw new Error("the queue did not drain in 2 minutes");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { cpuMs: cpu() - start, wallMs: performance.now() - wall };
    };

    const pulled: { cpuMs: number; wallMs: number }[] = [];
    const plainCpu: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const runPlain = async () => {
        const start = cpu();
        await plain(r);
        plainCpu.push(cpu() - start);
      };
      if (r % 2 === 0) {
        await runPlain();
        pulled.push(await pull(r));
      } else {
        pulled.push(await pull(r));
        await runPlain();
      }
    }
    const pullPerPage = median(pulled.map((p) => p.cpuMs)) / PAGES;
    const plainPerPage = median(plainCpu) / PAGES;
    const ratio = median(pulled.map((p, i) => p.cpuMs / plainCpu[i]!));
    const text = table(
      [`pull mode, ${PAGES}-item partial RSS feed (${rounds} rounds)`, "workerd CPU ms/page", "x plain ingest", "wall s/poll+drain"],
      [
        ["plain ingest (POST /api/articles, page in the body)", fmtMs(plainPerPage), "1.00x", ""],
        ["one poll + queue drain (fetch, robots, extract, store)", fmtMs(pullPerPage), fmtX(ratio), (median(pulled.map((p) => p.wallMs)) / 1000).toFixed(1)],
      ],
    );
    const goals: Goal[] = [{ goal: "pulled page within 2x the CPU of a plain ingest of the same page", value: fmtX(ratio), met: ratio <= 2 }];
    return { text, goals, data: { pages: PAGES, rounds, plainCpuMsPerPage: plainPerPage, pullCpuMsPerPage: pullPerPage, ratio, wallMsPerPoll: median(pulled.map((p) => p.wallMs)) } };
  } finally {
    await mf.dispose();
    await site.close();
    removeBundle(bundle);
  }
}
