// The request table: ids, the callers waiting on each call, their deadlines and abort signals,
// and coalescing of identical reads. Replies are routed through Map<id, call>: O(1),
// order-independent, no polling.
import { AbortError } from '../errors.js';
import type { Call, OnDrop, Waiter } from './call.js';
import { TimeoutError } from './errors.js';

/** Ids whose callers left are remembered (bounded) so their late replies are expected, not errors. */
const MAX_ABANDONED = 10_000;

export interface RequestTableHooks {
  /** A call left the table without a reply (its last caller gave up): room on the wire, maybe idle. */
  onCallLeft(): void;
  /** A caller started waiting: cancels a pending idle close. */
  onWaiterAdded(): void;
  report(e: unknown): void;
}

type LateHandler = ((result: unknown) => void) | null;

export class RequestTable {
  #nextId = 1;
  readonly #inflight = new Map<number, Call>();
  readonly #coalesced = new Map<string, Call>();
  readonly #abandoned = new Map<number, LateHandler>();
  /** Caller-visible calls not yet settled (internal calls excluded). */
  userCalls = 0;
  readonly #hooks: RequestTableHooks;

  constructor(hooks: RequestTableHooks) {
    this.#hooks = hooks;
  }

  get inflightCount(): number {
    return this.#inflight.size;
  }

  newCall(method: string, paramsJson: string, onDrop: OnDrop, internal: boolean): Call {
    if (!internal) this.userCalls++;
    return { id: 0, method, paramsJson, state: 'queued', waiters: new Set(), onDrop, internal };
  }

  /** The in-flight call for an identical read, to share instead of sending again. */
  sharedCall(key: string): Call | undefined {
    return this.#coalesced.get(key);
  }

  share(call: Call, key: string): void {
    call.key = key;
    this.#coalesced.set(key, call);
  }

  addWaiter(
    call: Call,
    resolve: (v: unknown) => void,
    reject: (e: Error) => void,
    method: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Waiter {
    const w: Waiter = { resolve, reject };
    call.waiters.add(w);
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      w.timer = setTimeout(() => this.dropWaiter(call, w, new TimeoutError(method, timeoutMs)), timeoutMs);
    }
    if (signal) {
      w.signal = signal;
      w.onAbort = () => this.dropWaiter(call, w, new AbortError(method, signal.reason));
      signal.addEventListener('abort', w.onAbort, { once: true });
    }
    this.#hooks.onWaiterAdded();
    return w;
  }

  /** One caller leaves (abort/timeout). The call goes only when nobody is waiting for it. */
  dropWaiter(call: Call, w: Waiter, err: Error): void {
    if (!call.waiters.delete(w)) return;
    release(w);
    if (call.waiters.size === 0) this.#cancel(call);
    w.reject(err);
  }

  #cancel(call: Call): void {
    if (call.state === 'done') return;
    if (call.state === 'inflight') {
      this.#inflight.delete(call.id);
      this.#abandoned.set(call.id, call.onLateResult ?? null);
      if (this.#abandoned.size > MAX_ABANDONED) this.#abandoned.delete(this.#abandoned.keys().next().value as number);
    }
    this.#retire(call);
    this.#hooks.onCallLeft();
  }

  /** Settles every waiter of a call with a result or an error. */
  finish(call: Call, err: Error | null, result?: unknown): void {
    if (call.state === 'done') return;
    if (call.state === 'inflight') this.#inflight.delete(call.id);
    this.#retire(call);
    const ws = [...call.waiters];
    call.waiters.clear();
    for (const w of ws) {
      release(w);
      try {
        if (err) w.reject(err);
        else w.resolve(result);
      } catch (e) {
        this.#hooks.report(e);
      }
    }
  }

  /** Bookkeeping shared by every way a call ends. Queue entries are skipped lazily. */
  #retire(call: Call): void {
    call.state = 'done';
    if (!call.internal) this.userCalls--;
    if (call.key !== undefined && this.#coalesced.get(call.key) === call) this.#coalesced.delete(call.key);
    if (call.batch) {
      call.batch.delete(call);
      call.batch = undefined;
    }
  }

  /** Gives a queued call a fresh id and marks it on the wire. */
  dispatch(call: Call): number {
    call.id = this.#nextId++;
    call.state = 'inflight';
    this.#inflight.set(call.id, call);
    return call.id;
  }

  get(id: number): Call | undefined {
    return this.#inflight.get(id);
  }

  /**
   * A reply for an id that is not in flight: `undefined` if nobody ever asked (a phantom id),
   * otherwise the late-result handler of the caller who left (or null).
   */
  takeAbandoned(id: number): LateHandler | undefined {
    if (!this.#abandoned.has(id)) return undefined;
    const late = this.#abandoned.get(id)!;
    this.#abandoned.delete(id);
    return late;
  }

  /** Empties the wire side (the socket is gone): returns the calls that were on it. */
  takeInflight(): Call[] {
    const lost = [...this.#inflight.values()];
    this.#inflight.clear();
    this.#abandoned.clear();
    for (const c of lost) {
      c.batch = undefined;
      c.state = 'queued';
    }
    return lost;
  }
}

function release(w: Waiter): void {
  if (w.timer !== undefined) clearTimeout(w.timer);
  if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
}
