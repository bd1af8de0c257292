/** A total deadline on a request body (issue 13, item 12): a slowloris trickle ends in 408. */
import { describe, expect, it } from "vitest";
import { BODY_DEADLINE_MS, BODY_IDLE_TIMEOUT_MS, readBodyBytes } from "../../src/http/body.ts";

/** A body that sends one byte every `everyMs`, for ever (until cancelled). */
function trickle(everyMs: number): { request: Request; cancelled: () => boolean } {
  let timer: ReturnType<typeof setInterval> | undefined;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => controller.enqueue(new Uint8Array([0x61])), everyMs);
    },
    cancel() {
      cancelled = true;
      clearInterval(timer);
    },
  });
  const request = new Request("http://localhost/api/articles", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, cancelled: () => cancelled };
}

describe("request bodies have a total deadline", () => {
  it("the defaults: the deadline is longer than the idle timeout, and bounded", () => {
    expect(BODY_DEADLINE_MS).toBeGreaterThan(BODY_IDLE_TIMEOUT_MS);
    expect(BODY_DEADLINE_MS).toBeLessThanOrEqual(60_000);
  });

  it("a byte at a time, never idle long enough to stall, still ends in 408 at the deadline, and the body is cancelled", async () => {
    // Scaled down: idle timeout 200 ms, deadline 600 ms, one byte every 50 ms (the 1 byte / 3 s against 10 s / 30 s).
    const { request, cancelled } = trickle(50);
    await expect(readBodyBytes(request, 1024, 200, 600)).rejects.toMatchObject({ problem: { status: 408, detail: "The request body did not arrive within 0.6 s." } });
    expect(cancelled()).toBe(true);
  });

  it("a body that arrives in time is read whole", async () => {
    const request = new Request("http://localhost/", { method: "POST", body: "hello" });
    expect(new TextDecoder().decode(await readBodyBytes(request, 1024, 200, 600))).toBe("hello");
  });
});
