/**
 * `npm run extract -- <file> [--url URL]`: print the Article JSON of an HTML or Markdown file.
 * Node-only tool (src/extract itself stays web-standard). Exit 1 with a one-line message on stderr
 * when the file cannot be read or yields no article.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractArticle } from "../extract/index.ts";
import { fileArticleId, fileContentType } from "../ingest/article-files.ts";
import { isoSeconds } from "../model/index.ts";

function die(message: string): never {
  process.stderr.write(`extract: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv: readonly string[]): { file: string; url?: string } {
  let file: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--url") url = argv[++i] ?? die("--url needs a value");
    else if (arg.startsWith("--url=")) url = arg.slice("--url=".length);
    else if (!file) file = arg;
    else die(`unexpected argument ${JSON.stringify(arg)}`);
  }
  if (!file) die("usage: npm run extract -- <file> [--url URL]");
  return url ? { file, url } : { file };
}

const { file, url } = parseArgs(process.argv.slice(2));
let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (error) {
  die(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}
// The id the articles/ sync gives the same file; "article" when its name gives none.
const id = fileArticleId(basename(file)) || "article";
const siteUrl = (process.env.SITE_URL ?? "http://localhost:8787").replace(/\/+$/, "");
// `.html`/`.htm` are HTML, `.md`/`.markdown`/`.txt` Markdown, as in the sync; anything else is sniffed.
const contentType = fileContentType(basename(file));
const result = extractArticle(bytes, {
  id,
  now: isoSeconds(new Date()),
  permalinkBase: `${siteUrl}/articles`,
  ...(url ? { url } : {}),
  ...(contentType ? { contentType } : {}),
});
if (!result.ok) die(`no article in ${file}: ${result.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
process.stdout.write(`${JSON.stringify(result.article, null, 2)}\n`);
