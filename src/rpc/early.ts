// Notifications that beat their subscribe reply, keyed by server subscription id, until the
// reply arrives and claims them. A server can also send notifications nobody will ever claim
// (stray ids), so the buffer is bounded in bytes (oldest id evicted first) and in time
// (unclaimed after ttlMs: dropped); each dropped id is reported once, with its count.
import { unref } from './call.js';

/** Defaults: a subscribe reply trails its first notifications by milliseconds, not seconds. */
export const EARLY_MAX_BYTES = 1024 * 1024;
export const EARLY_TTL_MS = 5000;

interface Bucket {
  items: Record<string, unknown>[];
  bytes: number;
  /** When the first notification for this id arrived. */
  since: number;
}

export type DroppedReport = (sid: string, count: number, why: 'expired' | 'over the byte limit') => void;

export class EarlyNotifications {
  readonly #byId = new Map<string, Bucket>();
  #bytes = 0;
  #sweeper: ReturnType<typeof setTimeout> | undefined;
  readonly #onDropped: DroppedReport;
  readonly #maxBytes: number;
  readonly #ttlMs: number;

  constructor(onDropped: DroppedReport, maxBytes = EARLY_MAX_BYTES, ttlMs = EARLY_TTL_MS) {
    this.#onDropped = onDropped;
    this.#maxBytes = maxBytes;
    this.#ttlMs = ttlMs;
  }

  /** Total bytes held (as received on the wire). */
  get size(): number {
    return this.#bytes;
  }

  add(sid: string, params: Record<string, unknown>, bytes: number): void {
    if (bytes > this.#maxBytes) return this.#onDropped(sid, 1, 'over the byte limit');
    let bucket = this.#byId.get(sid);
    if (!bucket) {
      bucket = { items: [], bytes: 0, since: Date.now() };
      this.#byId.set(sid, bucket);
    }
    bucket.items.push(params);
    bucket.bytes += bytes;
    this.#bytes += bytes;
    // Oldest id first (Map keeps insertion order); the id just added goes last.
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#byId.keys().next().value as string;
      this.#drop(oldest, 'over the byte limit');
    }
    this.#schedule();
  }

  /** The buffered notifications for `sid`, oldest first; they are forgotten here. */
  claim(sid: string): Record<string, unknown>[] {
    const bucket = this.#byId.get(sid);
    if (!bucket) return [];
    this.#byId.delete(sid);
    this.#bytes -= bucket.bytes;
    return bucket.items;
  }

  clear(): void {
    this.#byId.clear();
    this.#bytes = 0;
    clearTimeout(this.#sweeper);
    this.#sweeper = undefined;
  }

  #drop(sid: string, why: 'expired' | 'over the byte limit'): void {
    const bucket = this.#byId.get(sid);
    if (!bucket) return;
    this.#byId.delete(sid);
    this.#bytes -= bucket.bytes;
    this.#onDropped(sid, bucket.items.length, why);
  }

  /** One timer, for the oldest bucket's expiry. */
  #schedule(): void {
    if (this.#sweeper !== undefined) return;
    const first = this.#byId.values().next().value as Bucket | undefined;
    if (!first) return;
    this.#sweeper = setTimeout(() => {
      this.#sweeper = undefined;
      const now = Date.now();
      for (const [sid, b] of this.#byId) {
        if (now - b.since < this.#ttlMs) break;
        this.#drop(sid, 'expired');
      }
      this.#schedule();
    }, Math.max(1, first.since + this.#ttlMs - Date.now()));
    unref(this.#sweeper);
  }
}
