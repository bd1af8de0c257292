/**
 * Reads a response body chunk by chunk, stopping at a byte cap: a server that sends gigabytes (or
 * ignores Range) costs at most `maxBytes` of memory, and the rest is cancelled, not downloaded.
 */
import { concatBytes } from "../model/index.ts";
export type ReadOptions = {
  maxBytes: number;
  /** Keep the first maxBytes instead of failing. */
  truncate: boolean;
  enough: ((bytes: Uint8Array) => boolean) | undefined;
  /** Each read races it: a body that stalls ends with the deadline even if the runtime does not abort it. */
  signal: AbortSignal;
};

export type ReadResult = { ok: true; bytes: Uint8Array; truncated: boolean } | { ok: false };

export async function readCapped(response: Response, options: ReadOptions): Promise<ReadResult> {
  const { maxBytes, truncate, enough, signal } = options;
  if (!response.body) return { ok: true, bytes: new Uint8Array(), truncated: false };
  // RFC 9110 §8.6: a declared length over the cap is refused before a byte is read.
  const declared = Number(response.headers.get("Content-Length") ?? NaN);
  if (!truncate && declared > maxBytes) {
    await response.body.cancel().catch(() => {});
    return { ok: false };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read(), signal);
      if (done) return { ok: true, bytes: concatBytes(chunks, length), truncated: false };
      const room = maxBytes - length;
      if (value.byteLength > room) {
        if (!truncate) return { ok: false };
        if (room > 0) chunks.push(value.subarray(0, room));
        return { ok: true, bytes: concatBytes(chunks, maxBytes), truncated: true };
      }
      chunks.push(value);
      length += value.byteLength;
      if (enough) {
        const sofar = concatBytes(chunks, length);
        chunks.splice(0, chunks.length, sofar);
        if (enough(sofar)) return { ok: true, bytes: sofar, truncated: true };
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** The promise, or the signal's reason once it aborts: a stalled runtime call never outlives the deadline. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
