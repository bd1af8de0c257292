/**
 * Rendered feeds kept in an isolate, bounded by count and by the total size of their bodies. A
 * Worker isolate has 128 MB of memory; 256 feeds of 400 KB would be 100 MB, so the byte bound is
 * what actually holds (a crawler walking cursor pages or `?limit=` values creates a key per URL).
 * Oldest-inserted entries go first; a lookup does not reorder (re-inserting is the caller's choice).
 */
export class BodyCache<V extends { body: Blob }> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Stores (or replaces) an entry as the newest, then evicts the oldest while over a bound. */
  set(key: string, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.bytes += value.body.size;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      if (entry === value) break; // the newest always stays, even alone over the byte bound
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= old.body.size;
  }
}
