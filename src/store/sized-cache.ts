/**
 * Values kept in an isolate, bounded by count and by their total size. A Worker isolate has 128 MB of
 * memory; a count alone does not bound it (256 feeds of 400 KB would be 100 MB, and a crawler walking
 * cursor pages or `?limit=` values creates a key per URL). Oldest-inserted entries go first; a lookup
 * does not reorder (re-inserting is the caller's choice). Used for rendered feeds (http/feed-cache.ts,
 * routes/partners.ts) and parsed articles (parsed-articles.ts).
 */
export class SizedCache<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Stores (or replaces) an entry as the newest, then evicts the oldest while over a bound. */
  set(key: string, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.total += this.sizeOf(value);
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.total <= this.maxSize) break;
      if (entry === value) break; // the newest always stays, even alone over the size bound
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.total -= this.sizeOf(old);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
