// The send side: a FIFO of calls waiting for the socket (before it opens, and beyond
// maxInFlight), JSON-RPC batching, and the fallback to single requests for servers that reject
// batches. Calls are only written while the socket is open, which makes reconnect replay the
// same code path as the first send.
import type { Call, QueueItem } from './call.js';
import { encodeRequest } from './frames.js';
import type { RequestTable } from './requests.js';

/** Writes one frame; false means the write failed and the connection is being torn down. */
export type Write = (frame: string) => boolean;

export class Outbox {
  #queue: QueueItem[] = [];
  #head = 0;
  /** Batches on the wire, oldest first, to attribute an `id: null` "batch not supported" error. */
  readonly #batches = new Set<Set<Call>>();
  #batchUnsupported = false;
  /**
   * Calls that were on the wire when the transport refused an oversized frame (close 1009)
   * without saying whose reply it was. They go out one at a time, so a repeat names its call.
   */
  #quarantine: Call[] = [];
  #suspect: Call | null = null;
  readonly #table: RequestTable;
  readonly #maxInFlight: number;

  constructor(table: RequestTable, maxInFlight: number) {
    this.#table = table;
    this.#maxInFlight = maxInFlight;
  }

  push(item: QueueItem): void {
    this.#queue.push(item);
  }

  /** Writes queued calls while there is room on the wire. */
  pump(write: Write): void {
    if (!this.#pumpQuarantine(write)) return;
    while (this.#head < this.#queue.length && this.#table.inflightCount < this.#maxInFlight) {
      const item = this.#queue[this.#head++]!;
      const ok = Array.isArray(item) ? this.#sendBatch(item, write) : item.state !== 'queued' || this.sendCall(item, write);
      if (!ok) return;
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The quarantined call alone on the wire right now, or undefined. */
  get suspectInFlight(): Call | undefined {
    return this.#suspect?.state === 'inflight' ? this.#suspect : undefined;
  }

  addToQuarantine(calls: Call[]): void {
    this.#quarantine.push(...calls);
  }

  #pumpQuarantine(write: Write): boolean {
    if (this.suspectInFlight) return true;
    this.#suspect = null;
    while (this.#quarantine.length > 0) {
      const next = this.#quarantine.shift()!;
      if (next.state !== 'queued') continue;
      this.#suspect = next;
      return this.sendCall(next, write);
    }
    return true;
  }

  sendCall(call: Call, write: Write): boolean {
    const id = this.#table.dispatch(call);
    return write(encodeRequest(id, call.method, call.paramsJson));
  }

  #sendBatch(items: Call[], write: Write): boolean {
    const live = items.filter((c) => c.state === 'queued');
    if (live.length === 0) return true;
    if (this.#batchUnsupported || live.length === 1) {
      for (const c of live) if (!this.sendCall(c, write)) return false;
      return true;
    }
    const group = new Set<Call>();
    const frames = live.map((c) => {
      c.batch = group;
      group.add(c);
      return encodeRequest(this.#table.dispatch(c), c.method, c.paramsJson);
    });
    this.#batches.add(group);
    return write(`[${frames.join(',')}]`);
  }

  /**
   * The server refused our oldest batch as a whole: from now on send items one by one. Returns
   * the frames to resend (same ids, so the table entries stay), or undefined if no batch is out.
   */
  batchRejected(): string[] | undefined {
    let group: Set<Call> | undefined;
    for (const g of this.#batches) {
      this.#batches.delete(g);
      if (g.size > 0) {
        group = g;
        break;
      }
    }
    if (!group) return undefined;
    this.#batchUnsupported = true;
    const frames: string[] = [];
    for (const call of group) {
      call.batch = undefined;
      if (call.state === 'inflight') frames.push(encodeRequest(call.id, call.method, call.paramsJson));
    }
    return frames;
  }

  /** Whether some queued call still wants sending. */
  hasWork(): boolean {
    if (this.#quarantine.some((c) => c.state === 'queued')) return true;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const q = this.#queue[i]!;
      if (Array.isArray(q) ? q.some((c) => c.state === 'queued') : q.state === 'queued') return true;
    }
    return false;
  }

  /** After a drop: these calls go first (re-subscribes, then replays), before the rest of the queue. */
  requeueFirst(calls: Call[]): void {
    this.#queue = [...calls, ...this.#queue.slice(this.#head)];
    this.#head = 0;
    this.#batches.clear();
  }

  /** Empties the queue and returns every call in it. */
  drain(): Call[] {
    const calls: Call[] = this.#quarantine.splice(0);
    this.#suspect = null;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const item = this.#queue[i]!;
      for (const c of Array.isArray(item) ? item : [item]) calls.push(c);
    }
    this.#queue = [];
    this.#head = 0;
    this.#batches.clear();
    return calls;
  }
}
