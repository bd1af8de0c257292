/**
 * Shared measuring helpers. Every comparison is interleaved: each round runs every case once (in a
 * rotating order) for a calibrated batch, so a noisy neighbour slows all cases of a round alike; we
 * report the median time per operation and the median of the per-round ratios to the reference.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type Case = { name: string; run: () => unknown };
export type AsyncCase = { name: string; run: () => Promise<unknown> };
export type CaseResult = { name: string; medianMs: number; p90Ms: number; ratio: number; ops: number; times: number[] };

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Operations per batch so one batch takes about `targetMs` (at least 1). */
async function calibrate(run: () => unknown, targetMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < n; i++) await run();
    const elapsed = performance.now() - start;
    if (elapsed >= targetMs / 4 || n >= 1 << 20) return Math.max(1, Math.round((n * targetMs) / Math.max(elapsed, 0.001)));
    n *= 4;
  }
}

/**
 * Interleaved comparison. `cases[0]` is the reference of the ratios (ratio = case time / reference
 * time, per round, then the median). Sync cases are timed without awaiting.
 */
export async function compare(
  cases: readonly (Case | AsyncCase)[],
  { rounds = 15, batchMs = 20, isAsync = false }: { rounds?: number; batchMs?: number; isAsync?: boolean } = {},
): Promise<CaseResult[]> {
  const batch: number[] = [];
  for (const c of cases) {
    for (let i = 0; i < 3; i++) await c.run(); // warm-up (JIT, caches)
    batch.push(await calibrate(c.run, batchMs));
  }
  const times: number[][] = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length; // rotate the order: no case always runs first
      const { run } = cases[i]!;
      const n = batch[i]!;
      const start = performance.now();
      if (isAsync) for (let j = 0; j < n; j++) await run();
      else for (let j = 0; j < n; j++) run();
      times[i]!.push((performance.now() - start) / n);
    }
  }
  return cases.map((c, i) => ({
    name: c.name,
    medianMs: median(times[i]!),
    p90Ms: quantile(times[i]!, 0.9),
    ratio: median(times[i]!.map((t, r) => t / times[0]![r]!)),
    ops: batch[i]! * rounds,
    times: times[i]!,
  }));
}

/** Median over rounds of a's time / b's time (both measured in the same rounds). */
export function pairRatio(a: CaseResult, b: CaseResult): number {
  return median(a.times.map((t, r) => t / b.times[r]!));
}

export const fmtMs = (ms: number): string =>
  ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms >= 0.01 ? ms.toFixed(3) : ms.toFixed(4);
export const fmtX = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2)) + "x";

/** A plain text table (columns padded; numbers right-aligned). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export type Goal = { goal: string; value: string; met: boolean };
export const goalLine = (g: Goal): string => `  [${g.met ? "met " : "MISS"}] ${g.goal}: ${g.value}`;

export const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));

/** Merge one part's results into bench/results.json (so `npm run bench -- render` keeps the others). */
export function saveResults(part: string, data: unknown, machine: unknown): void {
  const all = existsSync(RESULTS_PATH) ? (JSON.parse(readFileSync(RESULTS_PATH, "utf8")) as Record<string, unknown>) : {};
  all.machine = machine;
  all[part] = { measuredAt: new Date().toISOString(), ...(data as object) };
  writeFileSync(RESULTS_PATH, JSON.stringify(all, null, 2) + "\n");
}
