// What `npm start` shows of wrangler dev's output: everything, except lines that only repeat what
// start.mjs says itself, and workerd's error block for each photo it could not reach offline (the
// worker logs those as one line per article; start.mjs sums them into one line per sync).
// Pure: lines in, decisions out, so tests/start/start-log.test.ts can replay a recorded start.

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
export const plain = (line) => line.replace(ANSI, "");

/** workerd's log of an outbound connection that failed before any answer (DNS, refused, no route). */
const OUTBOUND_FAILURE = /^✘ \[ERROR\] .*kj\/async-io[^:]*:\d+: (failed|disconnected): .*(DNS lookup failed|Connection refused|Network is unreachable|No route to host)/;
/** Miniflare's warning when it cannot fetch the Request.cf placeholder (offline); followed by a stack. */
const CF_FETCH_FAILED = /^\[wrangler:warn\] Unable to fetch the `Request\.cf` object/;
/** The worker's summary (src/http/after-change.ts imageMeasurer). */
const PHOTOS_NOT_MEASURED = /wirefeed: (\d+) photos? not measured: host unreachable(?: \((.*)\))?\s*$/;
const REQUEST = /^\[wrangler:info\] [A-Z]+ (\S+) \d{3}\b/;

// wrangler's lines that say nothing start.mjs does not say itself (the bindings table lists
// wrangler.toml [vars], and "Ready on" would announce the server before the first sync).
const QUIET = [
  /^Using (secrets|vars) defined in /,
  /^Your Worker has access to the following bindings:/,
  /^Binding\s+Resource\s+Mode\s*$/,
  /^env\.[A-Z_][A-Z0-9_]* \(.*\)\s+\S.*\s(local|remote)\s*$/,
  /^⎔ Starting local server/,
  /^\[wrangler:info\] Ready on /,
];

export class DevLog {
  /** Until the first sync is done, request lines are start.mjs's own probes and sync. */
  serving = false;
  photos = 0;
  hosts = new Set();
  /** Inside a dropped block: its indented or blank continuation lines go too. */
  skipping = false;

  /** Whether to show this line of wrangler's output. */
  show(line) {
    const text = plain(line);
    if (this.skipping) {
      if (text.trim() === "" || /^\s/.test(text) || /^Error: getaddrinfo /.test(text)) return false;
      this.skipping = false;
    }
    if (OUTBOUND_FAILURE.test(text)) {
      const host = /params\.host = ([^;\s]+)/.exec(text)?.[1];
      if (host) this.hosts.add(host);
      this.skipping = true;
      return false;
    }
    if (CF_FETCH_FAILED.test(text)) {
      this.skipping = true;
      return false;
    }
    const photos = PHOTOS_NOT_MEASURED.exec(text);
    if (photos) {
      this.photos += Number(photos[1]);
      for (const host of (photos[2] ?? "").split(",").map((h) => h.trim()).filter(Boolean)) this.hosts.add(host);
      this.skipping = true; // wrangler follows a warning with blank lines
      return false;
    }
    if (QUIET.some((pattern) => pattern.test(text))) return false;
    if (!this.serving && text.trim() === "") return false; // separators of what was left out
    const request = REQUEST.exec(text);
    if (request && (!this.serving || request[1] === "/api/sync")) return false;
    return true;
  }

  /** One line for the photos not measured since the last call, or undefined when there were none. */
  takePhotoSummary() {
    if (this.photos === 0) return undefined;
    const hosts = [...this.hosts];
    const line = `${this.photos} photo${this.photos === 1 ? "" : "s"} not measured: host unreachable (${hosts.join(", ")}); they keep an unknown size (README: "Offline")`;
    this.photos = 0;
    this.hosts.clear();
    return line;
  }
}

/** "5 migrations applied" from `wrangler d1 migrations apply` output, or "up to date". */
export function describeMigrations(output) {
  const text = plain(output);
  if (/No migrations to apply/i.test(text)) return "database up to date";
  const count = /About to apply (\d+) migration/.exec(text)?.[1];
  return count ? `database ready (${count} migration${count === "1" ? "" : "s"} applied)` : "database ready";
}
