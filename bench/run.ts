/**
 * `npm run bench [-- part...]`: parts render, extract, ingest, serve, bundle, pull, scale (default: all). Prints a
 * table per part and the goals, and merges the figures into bench/results.json. Not a test: nothing
 * here asserts a time. BENCH_ROUNDS overrides the rounds of every part; SCALE_MAX the largest archive.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchExtractPart } from "./extract-part.ts";
import { benchIngest } from "./ingest.ts";
import { goalLine, saveResults, table, type Goal } from "./lib.ts";
import { benchPull } from "./pull.ts";
import { benchRender } from "./render.ts";
import { benchScale } from "./scale.ts";
import { benchServe } from "./serve.ts";
import { bundleWorker, removeBundle } from "./workerd.ts";

const machine = {
  nproc: cpus().length,
  cpu: /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

async function benchBundle() {
  const b = bundleWorker();
  removeBundle(b);
  const kib = b.gzipBytes / 1024;
  return {
    text: table(["bundle (wrangler deploy --dry-run)", "KiB"], [["index.js", (b.bytes / 1024).toFixed(1)], ["index.js gzip -9", kib.toFixed(1)]]),
    goals: [{ goal: "bundle <= 150 KiB gzip", value: `${kib.toFixed(1)} KiB`, met: kib <= 150 }] as Goal[],
    data: { bytes: b.bytes, gzipBytes: b.gzipBytes },
  };
}

const PARTS: Record<string, () => Promise<{ text: string; goals: Goal[]; data: unknown }>> = {
  render: () => benchRender(),
  extract: () => benchExtractPart(),
  ingest: () => benchIngest(),
  serve: () => benchServe(),
  bundle: benchBundle,
  pull: () => benchPull(),
  scale: () => benchScale([1_000, Number(process.env.SCALE_MAX ?? 100_000)]),
};

const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !(p in PARTS));
if (unknown.length) {
  console.error(`unknown part(s) ${unknown.join(", ")}; parts: ${Object.keys(PARTS).join(", ")}`);
  process.exit(2);
}
console.log(`machine: ${machine.nproc} x ${machine.cpu}, node ${machine.node}\n`);
const allGoals: Goal[] = [];
for (const part of asked.length ? asked : Object.keys(PARTS)) {
  const start = performance.now();
  const { text, goals, data } = await PARTS[part]!();
  console.log(`${text}\n${goals.map(goalLine).join("\n")}\n(${part}: ${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
  saveResults(part, { goals, ...(data as object) }, machine);
  allGoals.push(...goals);
}
console.log(`goals: ${allGoals.filter((g) => g.met).length} met, ${allGoals.filter((g) => !g.met).length} missed`);
