import type { Outbound } from "../fetch/index.ts";

/**
 * Tells a WebSub hub that topics (feed URLs) changed, so it fetches them and pushes to subscribers.
 *
 * WebSub (W3C Recommendation, https://www.w3.org/TR/websub/ §6) leaves how a publisher notifies its
 * hub unspecified. The de-facto protocol, from PubSubHubbub 0.3/0.4 and accepted by Google's and
 * Superfeedr's hubs, is a POST of `application/x-www-form-urlencoded` with `hub.mode=publish` and one
 * `hub.url` per changed topic; any 2xx means the hub took it.
 */
export type PublishOptions = {
  /** The only I/O: the outbound module. The hub URL is the operator's, so its first hop is trusted. */
  outbound: Outbound;
  /** Bound on each POST; a slow hub must not hold the worker. */
  timeoutMs?: number;
  /** Topics per POST (at most HUB_BATCH_TOPICS). */
  batchSize?: number;
};

/** Expected failures are values: a failing hub never fails the ingest that pinged it. */
export type PublishResult = { ok: boolean; status?: number; error?: string };

const DEFAULT_TIMEOUT_MS = 5000;
/**
 * Topics per ping: one article touches at most 100 tags (plus its section, authors and the site
 * feed) in three formats, so a change is a few POSTs of at most 100 URLs (~10 KB) each, never one
 * megabyte-sized form a hub would refuse.
 */
export const HUB_BATCH_TOPICS = 100;
/** A hub's answer is not read beyond this. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** POSTs the topics in batches, in order; stops at the first batch the hub does not take. */
export async function publishToHub(hubUrl: string, topicUrls: readonly string[], options: PublishOptions): Promise<PublishResult> {
  if (!isHttpUrl(hubUrl)) return { ok: false, error: `hub URL ${JSON.stringify(hubUrl)} is not an absolute http(s) URL` };
  const size = Math.max(1, Math.min(HUB_BATCH_TOPICS, options.batchSize ?? HUB_BATCH_TOPICS));
  let result: PublishResult = { ok: true }; // nothing changed, nothing to tell
  for (let start = 0; start < topicUrls.length; start += size) {
    result = await publishBatch(hubUrl, topicUrls.slice(start, start + size), options);
    if (!result.ok) return result;
  }
  return result;
}

async function publishBatch(hubUrl: string, topicUrls: readonly string[], options: PublishOptions): Promise<PublishResult> {
  const body = new URLSearchParams([["hub.mode", "publish"], ...topicUrls.map((url): [string, string] => ["hub.url", url])]);
  try {
    const answer = await options.outbound.fetch({
      url: hubUrl,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      trusted: true,
      // A 301/302/303 would turn the POST into a GET (Fetch §4.4) and could look like success.
      maxRedirects: 0,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
      truncate: true,
    });
    if (!answer.ok) return { ok: false, error: answer.reason === "timeout" ? "hub did not answer in time" : `hub unreachable: ${answer.detail}` };
    const { status, headers } = answer;
    if (status >= 200 && status < 300) return { ok: true, status };
    if (status >= 300 && status < 400) {
      const location = headers.get("Location");
      return { ok: false, status, error: `hub redirected${location ? ` to ${location}` : ""}; configure its final URL` };
    }
    return { ok: false, status, error: `hub answered ${status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `hub unreachable: ${error.message}` : "hub unreachable" };
  }
}

function isHttpUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}
