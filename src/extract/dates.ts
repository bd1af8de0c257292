/**
 * Dates: parse the shapes publishers use into RFC 3339 UTC (`2025-04-30T00:00:00Z`), and read
 * date-shaped URL paths. Deterministic: no `Date.parse` on free text (its non-ISO behaviour is
 * implementation-defined and uses the machine's time zone), no clock.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** RFC 3339 UTC with second precision; milliseconds only when present. */
export function toUtcString(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  const value = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(value);
  // Date.UTC rolls Feb 30 over to Mar 2; a real calendar date survives the round trip.
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60 && s < 61
    ? value
    : undefined;
}

/** "+09:00", "+0900", "Z", "GMT", "UTC" -> minutes east of UTC; no zone -> 0 (we treat it as UTC). */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone || /^(?:z|gmt|utc|ut)$/i.test(zone)) return 0;
  const match = zone.match(/^([+-])(\d{2}):?(\d{2})$/);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

// ISO 8601 / RFC 3339, date-only or with time; a missing zone is read as UTC.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
// RFC 2822 (RSS pubDate): "Wed, 30 Apr 2025 09:15:00 +0900".
const RFC_2822 = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|gmt|utc|ut|z)?)?$/i;
// Prose dates, date only: "April 30, 2025", "30 April 2025".
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i;

function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/** Parse a date string; returns RFC 3339 UTC or undefined when the shape is not recognised. */
export function parseDate(raw: string): string | undefined {
  const text = raw.trim().replace(/\s+/g, " ");
  let match = text.match(ISO_DATE);
  if (match) {
    const [, y, mo, d, h, mi, s, frac, zone] = match;
    const base = utcMs(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), Math.round(Number(`0.${frac ?? 0}`) * 1000));
    const offset = offsetMinutes(zone);
    return base === undefined || offset === undefined ? undefined : toUtcString(base - offset * 60_000);
  }
  match = text.match(RFC_2822);
  if (match) {
    const [, d, mon, y, h, mi, s, zone] = match;
    const mo = monthNumber(mon!);
    const base = mo === undefined ? undefined : utcMs(+y!, mo, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0));
    const offset = offsetMinutes(zone);
    return base === undefined || offset === undefined ? undefined : toUtcString(base - offset * 60_000);
  }
  const monthFirst = text.match(MONTH_DAY_YEAR);
  const dayFirst = text.match(DAY_MONTH_YEAR);
  const prose = monthFirst
    ? { mon: monthFirst[1]!, d: monthFirst[2]!, y: monthFirst[3]! }
    : dayFirst
      ? { mon: dayFirst[2]!, d: dayFirst[1]!, y: dayFirst[3]! }
      : undefined;
  if (prose) {
    const mo = monthNumber(prose.mon);
    const base = mo === undefined ? undefined : utcMs(+prose.y, mo, +prose.d);
    return base === undefined ? undefined : toUtcString(base);
  }
  return undefined;
}

/**
 * `/YYYY/MM/DD/` (or at the path's end) in a URL path, the convention of dated CMS permalinks and
 * uploads; also one `/YYYY-MM-DD/` segment, as in Korea JoongAng Daily's current permalinks
 * (`/news/2026-04-22/sports/Baseball/<slug>/<id>`).
 */
const DATE_PATH = /\/((?:19|20)\d{2})([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=\/|$)/;

/** Midnight UTC of the complete date in the URL's path, if any. */
export function dateFromUrlPath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = pathname.match(DATE_PATH);
  if (!match) return undefined;
  const ms = utcMs(+match[1]!, +match[3]!, +match[4]!);
  return ms === undefined ? undefined : toUtcString(ms);
}

/**
 * Publication date from photo URLs: the latest complete /YYYY/MM/DD/ date among them that is not
 * after `now`. Photos are uploaded on or before publication day, so the latest one is the closest
 * lower bound; a date after ingest time is a CMS quirk (or a typo) and is ignored. Paths with only
 * /YYYY/MM/ are not complete dates and are skipped.
 */
export function latestDateFromPaths(urls: readonly string[], now: string): string | undefined {
  const nowMs = Date.parse(now);
  const dates = urls.map(dateFromUrlPath).filter((d): d is string => d !== undefined && Date.parse(d) <= nowMs);
  return dates.sort().at(-1);
}

/**
 * The section a permalink names right after its date: `/news/2026-04-22/sports/Baseball/…` and
 * `/2021/12/02/national/socialAffairs/…` give "Sports" and "National". Only a site rule asks for it
 * (rules/sites/): on other sites the segment after a date is often the slug.
 */
export function sectionFromUrlPath(url: string): string | undefined {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split("/").filter(Boolean);
  } catch {
    return undefined;
  }
  for (let i = 0; i < segments.length - 1; i++) {
    const day = segments[i]!.match(/^\d{4}-(\d{2})-(\d{2})$/);
    const isDay = day !== null && validMonthDay(day[1]!, day[2]!);
    const isYmd = /^\d{4}$/.test(segments[i]!) && /^\d{2}$/.test(segments[i + 1] ?? "") && /^\d{2}$/.test(segments[i + 2] ?? "") &&
      validMonthDay(segments[i + 1]!, segments[i + 2]!);
    const next = segments[isDay ? i + 1 : isYmd ? i + 3 : -1];
    if (next && /^[A-Za-z][A-Za-z-]{1,30}$/.test(next)) return next.charAt(0).toUpperCase() + next.slice(1);
  }
  return undefined;
}

const validMonthDay = (month: string, day: string): boolean => +month >= 1 && +month <= 12 && +day >= 1 && +day <= 31;
