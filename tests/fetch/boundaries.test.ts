import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// src/fetch/ is the one way out to the network (README "Outbound requests"): everything else gets
// an Outbound through its parameters, so no photo, hub or source URL skips the URL policy.
const SRC = join(import.meta.dirname, "../../src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));
const sources = files(SRC).map((path) => ({ path: relative(SRC, path).replaceAll("\\", "/"), text: readFileSync(path, "utf8") }));

/** Code without comments and strings, so a `fetch(` in prose does not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""');

describe("outbound boundaries", () => {
  it("no module outside src/fetch/ calls the global fetch", () => {
    const offenders = sources
      .filter(({ path }) => !path.startsWith("fetch/"))
      .flatMap(({ path, text }) => [...code(text).matchAll(/(^|[^.\w$])fetch\s*\(|globalThis\.fetch|\bself\.fetch/g)].map(() => path));
    expect(offenders).toEqual([]);
  });

  it("the check itself finds a bare fetch", () => {
    expect(/(^|[^.\w$])fetch\s*\(/.test(code("const r = await fetch(url); // fetch(x)"))).toBe(true);
    expect(/(^|[^.\w$])fetch\s*\(/.test(code("await outbound.fetch({ url }); // a fetch( in prose"))).toBe(false);
  });

  it("jobs import no http/ module (use cases sit below the routes)", () => {
    const offenders = sources.filter(({ path, text }) => path.startsWith("jobs/") && /from\s+["']\.\.\/http\//.test(text)).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it("the photo measurer is built outside http/ and takes MIME types from extract/mime.ts", () => {
    const measure = sources.find(({ path }) => path === "ingest/measure-images.ts")!.text;
    expect(measure).toMatch(/export function imageMeasurer/);
    expect(measure).toMatch(/from "\.\.\/extract\/mime\.ts"/);
    expect(measure).not.toMatch(/"image\/jpeg"/);
  });
});
