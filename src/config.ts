import * as z from "zod/mini";
import { parseAllowPrivate, type AllowedTarget } from "./fetch/url-policy.ts";
import { formatIssues, scopeKey, type Issue } from "./model/index.ts";

const httpUrl = z.url({ protocol: /^https?$/ });
const optionalUrl = z.pipe(
  z.optional(z.string()),
  z.transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim())),
);

/** Site settings from wrangler.toml [vars] (and `--var` / dashboard overrides). */
export const ConfigSchema = z.object({
  SITE_TITLE: z.string().check(z.trim(), z.minLength(1)),
  SITE_DESCRIPTION: z.string().check(z.trim(), z.minLength(1)),
  /** Public base URL of the service, no trailing slash needed: feed self links and permalinks hang off it. */
  SITE_URL: z.pipe(httpUrl, z.transform((v) => v.replace(/\/+$/, ""))),
  SITE_LANGUAGE: z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "must be a BCP 47 language tag such as en or pt-BR")),
  SITE_LOGO_URL: z.pipe(optionalUrl, z.optional(httpUrl)),
  /** WebSub hub that feeds advertise and every change pings; empty: no hub. */
  WEBSUB_HUB_URL: z.pipe(optionalUrl, z.optional(httpUrl)),
  /** "true" (default): photos are measured (bytes, type, size) with one ranged GET at ingest. */
  MEASURE_IMAGES: z.optional(z.enum(["true", "false"])),
  /**
   * Private targets outbound requests may reach on purpose (a local test site or hub): comma-separated
   * `host[:port]`, e.g. `127.0.0.1:8080, [::1]`. Empty: only public addresses (src/fetch/url-policy.ts).
   */
  OUTBOUND_ALLOW_PRIVATE: z.optional(
    z.string().check(
      z.refine((v) => parseAllowPrivate(v).ok, "must be comma-separated host or host:port entries, e.g. 127.0.0.1:8080, [::1]"),
    ),
  ),
  /** Sections and tags left out of the sitemaps: "section:Opinion, tag:Sponsored" (names or keys). */
  SITEMAP_EXCLUDE: z.optional(
    z.string().check(
      z.refine((v) => v.split(",").every((item) => item.trim() === "" || /^\s*(section|tag):\s*\S/.test(item)), 'must be a comma-separated list of "section:<name>" and "tag:<name>"'),
    ),
  ),
  /** "false": no subscriber counting (no audience rows are written). */
  AUDIENCE_COUNTING: z.optional(z.enum(["true", "false"])),
  /**
   * Hosts whose pages' canonical URLs are trusted to name an existing article: comma-separated
   * `host[:port]`. Empty: the host of SITE_URL (src/ingest/ingest-article.ts).
   */
  PUBLISHER_HOSTS: z.optional(
    z.string().check(z.refine((v) => v.split(",").every((h) => h.trim() === "" || PUBLISHER_HOST.test(h.trim())), "must be comma-separated host or host:port entries, e.g. news.example.com")),
  ),
});

const PUBLISHER_HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

export type Config = {
  title: string;
  description: string;
  baseUrl: string;
  language: string;
  logoUrl?: string;
  hubUrl?: string;
  measureImages: boolean;
  /** OUTBOUND_ALLOW_PRIVATE, parsed. */
  allowPrivate: AllowedTarget[];
  /** Scope ids ("section:opinion", "tag:sponsored") whose articles the sitemaps leave out. */
  sitemapExclude?: string[];
  /** false: feed fetches are not counted (AUDIENCE_COUNTING=false). */
  audienceCounting?: false;
  /** PUBLISHER_HOSTS, lower case; the host of SITE_URL when unset (loadConfig always sets it). */
  publisherHosts?: string[];
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: Issue[] };

// Parsed once per env object: workerd hands the same env to every request of an isolate.
const parsed = new WeakMap<object, ConfigResult>();

export function loadConfig(env: object): ConfigResult {
  const cached = parsed.get(env);
  if (cached) return cached;
  const result = ConfigSchema.safeParse(env);
  const value: ConfigResult = result.success
    ? {
        ok: true,
        config: {
          title: result.data.SITE_TITLE,
          description: result.data.SITE_DESCRIPTION,
          baseUrl: result.data.SITE_URL,
          language: result.data.SITE_LANGUAGE,
          measureImages: result.data.MEASURE_IMAGES !== "false",
          allowPrivate: allowedTargets(result.data.OUTBOUND_ALLOW_PRIVATE),
          publisherHosts: publisherHosts(result.data.PUBLISHER_HOSTS, result.data.SITE_URL),
          ...(result.data.AUDIENCE_COUNTING === "false" ? { audienceCounting: false as const } : {}),
          ...(result.data.SITEMAP_EXCLUDE?.trim() ? { sitemapExclude: sitemapExclusions(result.data.SITEMAP_EXCLUDE) } : {}),
          ...(result.data.SITE_LOGO_URL ? { logoUrl: result.data.SITE_LOGO_URL } : {}),
          ...(result.data.WEBSUB_HUB_URL ? { hubUrl: result.data.WEBSUB_HUB_URL } : {}),
        },
      }
    : { ok: false, issues: formatIssues(result.error.issues) };
  if (!value.ok) console.error(`wirefeed: invalid configuration: ${value.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  parsed.set(env, value);
  return value;
}

function allowedTargets(text: string | undefined): AllowedTarget[] {
  const parsed = parseAllowPrivate(text);
  return parsed.ok ? parsed.targets : []; // the schema refused anything else
}

function publisherHosts(text: string | undefined, siteUrl: string): string[] {
  const hosts = (text ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  return hosts.length > 0 ? hosts : [new URL(siteUrl).host];
}

/** The permalink of an article on this service: also its RSS guid, Atom id and JSON Feed id. */
export function permalinkBase(config: Config): string {
  return `${config.baseUrl}/articles`;
}

/** "section:Opinion, tag:Sponsored Content" -> ["section:opinion", "tag:sponsored-content"] (scope ids). */
function sitemapExclusions(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => /^\s*(section|tag):(.*)$/.exec(item))
    .flatMap((m) => (m && scopeKey(m[2]!) ? [`${m[1]}:${scopeKey(m[2]!)}`] : []));
}
