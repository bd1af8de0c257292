import * as z from "zod/mini";
import { concatBytes, formatIssues } from "../model/index.ts";
import { ProblemError } from "./problems.ts";

/**
 * Reads a request body as UTF-8 text, refusing it with 413 as soon as it passes `maxBytes`: a
 * declared Content-Length over the cap is refused before reading, and a body without one is
 * counted while it streams, so an oversized body is never held whole.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, maxBytes));
}

/**
 * A JSON body checked against `schema`: 400 when it is not JSON, 422 with the reasons when it does
 * not have the shape `shape` describes (both RFC 9457 problems, raised as ProblemError).
 */
export async function readJsonBody<T>(request: Request, maxBytes: number, schema: z.ZodMiniType<T>, shape: string): Promise<T> {
  const text = await readBodyText(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProblemError({ status: 400, title: "Bad Request", detail: `The body is not valid JSON: ${(error as Error).message}` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProblemError({ status: 422, title: "Unprocessable Content", detail: shape, errors: formatIssues(parsed.error.issues) });
  }
  return parsed.data;
}

/** A client that sends nothing for this long is dropped with 408 rather than holding the request. */
export const BODY_IDLE_TIMEOUT_MS = 10_000;
/**
 * The whole body must arrive within this long (a slowloris sending 1 byte every 3 s never stalls
 * for the idle timeout). 5 MiB in 30 s is 175 KB/s, slower than any CMS or `npm start` sync link.
 */
export const BODY_DEADLINE_MS = 30_000;

/** The body's bytes, refused with 413 past `maxBytes` as described above, and 408 when it stalls or is too slow. */
export async function readBodyBytes(request: Request, maxBytes: number, idleTimeoutMs = BODY_IDLE_TIMEOUT_MS, deadlineMs = BODY_DEADLINE_MS): Promise<Uint8Array> {
  const tooLarge = () =>
    new ProblemError({ status: 413, title: "Content Too Large", detail: `The request body is larger than ${maxBytes} bytes.` });
  const declared = Number(request.headers.get("Content-Length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      await reader.cancel().catch(() => {});
      throw tooSlow(deadlineMs);
    }
    const { done, value } =
      left < idleTimeoutMs ? await readWithin(reader, left, () => tooSlow(deadlineMs)) : await readWithin(reader, idleTimeoutMs, () => stalled(idleTimeoutMs));
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(chunks, size);
}

const stalled = (ms: number) =>
  new ProblemError({ status: 408, title: "Request Timeout", detail: `The request body stalled for more than ${ms / 1000} s.` });

const tooSlow = (ms: number) =>
  new ProblemError({ status: 408, title: "Request Timeout", detail: `The request body did not arrive within ${ms / 1000} s.` });

async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number, timeout: () => ProblemError): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reader.cancel().catch(() => {});
      reject(timeout());
    }, ms);
  });
  try {
    return await Promise.race([reader.read(), late]);
  } finally {
    clearTimeout(timer);
  }
}
