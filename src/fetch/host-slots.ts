/**
 * At most `limit` requests to one host at a time (politeness: RFC 9110 §9.4 leaves it to clients;
 * crawlers keep it small). Waiters are served in order; one whose signal aborts leaves the queue.
 * Scope is one Outbound: the work of one ingest or one polling run, never shared across requests
 * (workerd ties a promise to the request that made it).
 */
export class HostSlots {
  private readonly hosts = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once a slot for `host` is free; rejects when `signal` aborts first. */
  acquire(host: string, signal: AbortSignal): Promise<() => void> {
    const entry = this.hosts.get(host) ?? { active: 0, waiting: [] };
    this.hosts.set(host, entry);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = entry.waiting.shift();
      if (next) next();
      else if (--entry.active === 0) this.hosts.delete(host);
    };
    if (entry.active < this.limit) {
      entry.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      // A slot handed over by release(): `active` stays the same, the slot changes hands.
      const take = () => {
        signal.removeEventListener("abort", onAbort);
        resolve(release);
      };
      const onAbort = () => {
        entry.waiting.splice(entry.waiting.indexOf(take) >>> 0, 1);
        reject(signal.reason);
      };
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      entry.waiting.push(take);
    });
  }
}
