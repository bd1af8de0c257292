import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The development corpus: 40 saved pages from Mozilla Readability's test suite, kept OUTSIDE the repo
 * (see ../shared/corpus/readability/PROVENANCE.md: fixtures only, never copied here, never served).
 * Readability's tests load every page as http://fakehost/test/page.html; so do we.
 */
export const CORPUS_DIR = join(import.meta.dirname, "..", "..", "..", "..", "shared", "corpus", "readability");
export const CORPUS_URL = "http://fakehost/test/page.html";

export type ExpectedMetadata = {
  title: string | null;
  byline: string | null;
  lang?: string | null;
  publishedTime: string | null;
  siteName: string | null;
};

export type CorpusPage = { name: string; bytes: Uint8Array; html: string; expected: ExpectedMetadata };

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

export function loadCorpus(): CorpusPage[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS_DIR, entry.name, "source.html")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(CORPUS_DIR, name, "source.html"));
      const expected = JSON.parse(readFileSync(join(CORPUS_DIR, name, "expected-metadata.json"), "utf8")) as ExpectedMetadata;
      return { name, bytes, html: new TextDecoder().decode(bytes), expected };
    });
}
