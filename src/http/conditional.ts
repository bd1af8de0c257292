/**
 * Conditional GET (RFC 9110 §13.1). If-None-Match uses the weak comparison (§8.8.3.2), accepts a
 * list and `*`; If-Modified-Since is only considered when If-None-Match is absent (§13.1.3).
 */
export function isNotModified(headers: Headers, etag: string, lastModified: string): boolean {
  const ifNoneMatch = headers.get("If-None-Match");
  if (ifNoneMatch !== null) {
    const wanted = opaque(etag);
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag.trim()) === wanted);
  }
  const ifModifiedSince = headers.get("If-Modified-Since");
  if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Date.parse(lastModified) <= since;
  }
  return false;
}

const opaque = (tag: string): string => (tag.startsWith("W/") ? tag.slice(2) : tag);
