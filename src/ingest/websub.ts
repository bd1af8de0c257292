/**
 * Tells a WebSub hub that topics (feed URLs) changed, so it fetches them and pushes to subscribers.
 *
 * WebSub (W3C Recommendation, https://www.w3.org/TR/websub/ §6) leaves how a publisher notifies its
 * hub unspecified. The de-facto protocol, from PubSubHubbub 0.3/0.4 and accepted by Google's and
 * Superfeedr's hubs, is a POST of `application/x-www-form-urlencoded` with `hub.mode=publish` and one
 * `hub.url` per changed topic; any 2xx means the hub took it.
 */
export type PublishOptions = {
  /** The only I/O: the runtime's `fetch` in production, anything answering Requests in tests. */
  fetch: (request: Request) => Promise<Response>;
  /** Bound on the whole ping; a slow hub must not hold the worker. */
  timeoutMs?: number;
};

/** Expected failures are values: a failing hub never fails the ingest that pinged it. */
export type PublishResult = { ok: boolean; status?: number; error?: string };

const DEFAULT_TIMEOUT_MS = 5000;

export async function publishToHub(hubUrl: string, topicUrls: readonly string[], options: PublishOptions): Promise<PublishResult> {
  if (!isHttpUrl(hubUrl)) return { ok: false, error: `hub URL ${JSON.stringify(hubUrl)} is not an absolute http(s) URL` };
  if (topicUrls.length === 0) return { ok: true }; // nothing changed, nothing to tell
  const body = new URLSearchParams([["hub.mode", "publish"], ...topicUrls.map((url): [string, string] => ["hub.url", url])]);
  const { fetch } = options;
  try {
    const request = new Request(hubUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      // A 301/302/303 would turn the POST into a GET (Fetch §4.4) and could look like success.
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const response = await fetch(request);
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("Location");
      return { ok: false, status: response.status, error: `hub redirected${location ? ` to ${location}` : ""}; configure its final URL` };
    }
    return { ok: false, status: response.status, error: `hub answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function isHttpUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "hub did not answer in time";
  return error instanceof Error ? `hub unreachable: ${error.message}` : "hub unreachable";
}
