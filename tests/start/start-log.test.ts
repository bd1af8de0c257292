import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script of npm start, without type declarations
import { DevLog, describeMigrations, plain } from "../../scripts/start-log.mjs";

// wrangler dev's output at an offline first `npm start` (recorded): the bindings table, the
// "Ready on" line before the first sync, and workerd's error block for each unreachable photo.
const RECORDED = readFileSync(new URL("../fixtures/start/offline-wrangler-dev.txt", import.meta.url), "utf8").split("\n");

describe("npm start's view of wrangler dev (scripts/start-log.mjs)", () => {
  it("shows no error block, stack, bindings table or early Ready line, and sums the photos into one line", () => {
    const log = new DevLog();
    const shown: string[] = RECORDED.filter((line) => log.show(line)).map(plain);
    expect(RECORDED.some((line) => line.includes("DNS lookup failed"))).toBe(true); // the recording has them
    expect(shown.filter((line) => line.trim() !== "" && !line.includes("Logs were written"))).toEqual([]);
    expect(log.takePhotoSummary()).toBe(
      '9 photos not measured: host unreachable (koreajoongangdaily.joins.com, www.koreadailyus.com, example.com, images.example.org); they keep an unknown size (README: "Offline")',
    );
    expect(log.takePhotoSummary()).toBeUndefined(); // said once
  });

  it("passes through what it does not know, and request lines once serving (except its own syncs)", () => {
    const log = new DevLog();
    expect(log.show("[wrangler:info] GET /feed.xml 200 OK (3ms)")).toBe(false);
    log.serving = true;
    expect(log.show("[wrangler:info] GET /feed.xml 200 OK (3ms)")).toBe(true);
    expect(log.show("[wrangler:info] POST /api/sync 200 OK (30ms)")).toBe(false);
    expect(log.show("\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m wirefeed: unexpected error TypeError: x")).toBe(true);
    expect(log.show("✘ [ERROR] Build failed with 1 error:")).toBe(true);
  });

  it("summarizes the migrations in one line", () => {
    expect(describeMigrations("Migrations to be applied:\n…\n? About to apply 5 migration(s)\n…")).toBe("database ready (5 migrations applied)");
    expect(describeMigrations("✅ No migrations to apply!")).toBe("database up to date");
  });
});
