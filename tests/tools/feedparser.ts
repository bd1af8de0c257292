/**
 * python3-feedparser (Debian's package), a real feed reader, driven through tests/tools/read_feed.py.
 * Without it the feedparser suites fail when CI is set and skip, saying why, on a workstation.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

// Debian's interpreter: a pyenv `python3` earlier on PATH does not see python3-feedparser.
// FEEDPARSER_PYTHON points elsewhere only to exercise the "missing" path.
const PYTHON = process.env["FEEDPARSER_PYTHON"] ?? "/usr/bin/python3";
const READ_FEED = fileURLToPath(new URL("../tools/read_feed.py", import.meta.url));

const probe = spawnSync(PYTHON, ["-c", "import feedparser"], { encoding: "utf8" });
export const feedparserMissing =
  probe.status === 0 ? undefined : `${PYTHON} cannot import feedparser (apt-get install -y python3-feedparser): ${probe.error?.message ?? probe.stderr.trim()}`;

export const describeFeedparserAvailability = () =>
  describe("feedparser availability", () => {
  it("python3-feedparser is installed (required when CI is set)", (context) => {
    if (feedparserMissing === undefined) return;
    if (process.env["CI"]) throw new Error(feedparserMissing);
    context.skip(`skipping feedparser tests locally: ${feedparserMissing}`);
  });
});

export interface ReadEntry {
  title: string;
  link: string;
  id: string;
  published: string;
  author: string | null;
  authors: Array<{ name?: string; email?: string }>;
  links: Array<{ rel: string; href: string; type?: string; length?: string; title?: string }>;
  enclosures: Array<{ href: string; type: string; length: string | null }>;
  media_content: Array<Record<string, string>>;
  media_credit: Array<{ content?: string }>;
  summary: string;
  tags: string[];
}
export interface ReadFeed {
  version: string;
  bozo: boolean;
  bozo_exception: string | null;
  feed: { title: string; link: string; language: string };
  entries: ReadEntry[];
}


/** Parses `body` with feedparser (through a temporary file) and returns what it understood. */
export function readWithFeedparser(name: string, body: string): ReadFeed {
  const dir = mkdtempSync(join(tmpdir(), "wirefeed-feedparser-"));
  try {
    const path = join(dir, name);
    writeFileSync(path, body, "utf8");
    return JSON.parse(execFileSync(PYTHON, [READ_FEED, path], { encoding: "utf8" })) as ReadFeed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
