import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileArticleId, fileContentType } from "../../src/ingest/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe("a file of articles/ has one id and one reading, in the sync and the CLI", () => {
  it("makes each run of other characters one '-'", () => {
    expect(fileArticleId("a b  c.html")).toBe("a-b-c");
    expect(fileArticleId("__draft (2).md")).toBe("draft-2-");
    expect(fileArticleId("000_4c4acd25798775f3.txt")).toBe("000_4c4acd25798775f3");
    expect(fileArticleId("…….html")).toBe("");
    expect(fileContentType("x.HTM")).toBe("text/html");
    expect(fileContentType("x.txt")).toBe("text/markdown");
    expect(fileContentType("x.pdf")).toBeUndefined();
  });

  it("npm run extract gives a file the id the sync gives it", { timeout: 30_000 }, () => {
    const file = join(mkdtempSync(join(tmpdir(), "wirefeed-ids-")), "a b  c.html");
    writeFileSync(file, "<html><body><h1>Ids agree</h1><p>The sync and the command line give this file the same article id, whatever its spaces.</p></body></html>");
    const article = JSON.parse(execFileSync("npx", ["tsx", "src/cli/extract.ts", file], { cwd: ROOT, encoding: "utf8", stdio: "pipe" }));
    expect(article.id).toBe(fileArticleId("a b  c.html"));
  });
});
