import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function runCli(file: string): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync("npx", ["tsx", "src/cli/extract.ts", file], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run extract", { timeout: 30_000 }, () => {
  it("prints the Article JSON of the sample", () => {
    const { status, stdout } = runCli("articles/000_4c4acd25798775f3.txt");
    expect(status).toBe(0);
    const article = JSON.parse(stdout);
    expect(article.id).toBe("000_4c4acd25798775f3");
    expect(article.title).toMatch(/^Russia’s state-run Tass News Agency/);
  });

  it("exits 1 with a message for a missing file", () => {
    const { status, stderr } = runCli("articles/does-not-exist.html");
    expect(status).toBe(1);
    expect(stderr).toMatch(/cannot read .*does-not-exist\.html/);
  });

  it("exits 1 with the issues for an empty file", () => {
    const empty = join(mkdtempSync(join(tmpdir(), "wirefeed-cli-")), "empty.html");
    writeFileSync(empty, "");
    const { status, stderr } = runCli(empty);
    expect(status).toBe(1);
    expect(stderr).toMatch(/no article in .*empty\.html: .*empty/);
  });
});
