/**
 * Byte chunks joined into one exactly sized Uint8Array: the one concatenation of request bodies
 * (http/body.ts), fetched bodies (fetch/read-capped.ts) and rendered feeds (render/xml.ts).
 * A single chunk that fills its whole buffer is returned as it is; anything else is copied, so the
 * result never shares a larger buffer (readers such as image-size look at the whole buffer).
 */
export function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const only = chunks.length === 1 ? chunks[0]! : undefined;
  if (only && only.byteLength === length && only.byteOffset === 0 && only.buffer.byteLength === length) return only;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
