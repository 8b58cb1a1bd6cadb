// JSON-RPC 2.0 client over a JsonRpcProvider (normally a WebSocket).
//
// Design notes (why it is built this way):
// - A *call* is one wire request; a *waiter* is one caller awaiting it. Coalescing attaches many
//   waiters to one call, so an abort/timeout only drops that caller, and the call itself is
//   dropped when its last waiter leaves.
// - Replies are routed through Map<id, call>: O(1), order-independent, no polling.
// - Calls are only written to the socket while it is open. Before that (and beyond maxInFlight)
//   they sit in a FIFO queue, which makes reconnect replay the same code path as first send.
// - The message handler never throws: a bad frame is reported via onError and ignored.
import { AbortError, SubstrateLiteError } from '../errors.js';
import { ConnectionClosedError, NotReplayableError, ProtocolError, RpcError, TimeoutError } from './errors.js';
import type { JsonRpcProvider, ProviderConnection, ProviderStatus } from './provider.js';
import { subscriptionIterator } from './iterator.js';
import { webSocketProvider } from './websocket.js';

/**
 * 'idle': no socket (before the first request, after the idle timeout, or after giving up on a
 * lost connection); the next request connects. 'closed': close() was called; final.
 */
export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ReconnectOptions {
  /** Consecutive failed attempts before giving up on pending work (default Infinity). */
  retries?: number;
  /** First backoff delay (default 100 ms); doubles per attempt, with jitter. */
  minDelayMs?: number;
  /** Backoff ceiling (default 5000 ms). */
  maxDelayMs?: number;
}

export interface RpcClientOptions {
  /** Default per-request deadline (default 60 000 ms; 0 = none). */
  timeoutMs?: number;
  /** Requests on the wire at once; the rest wait in a queue (default 1024). */
  maxInFlight?: number;
  /** Close the socket (not the client) after this long with nothing to do (default 0 = never). */
  idleTimeoutMs?: number;
  /** Larger frames are dropped with a ProtocolError (default 64 MiB, counted in UTF-16 units). */
  maxFrameBytes?: number;
  /** Share one wire request between identical in-flight reads (default true). */
  coalesce?: boolean;
  /** Reconnect policy, or false to never reconnect (pending work then fails). */
  reconnect?: ReconnectOptions | false;
  /** Liveness ping interval (default 30 000 ms; 0 = off). */
  heartbeatMs?: number;
  /** No ping reply within this long means the socket is half-open (default 10 000 ms). */
  heartbeatTimeoutMs?: number;
  /** Method used for the ping (default 'system_health'). Any reply, even an error, counts. */
  heartbeatMethod?: string;
  /** Extra methods that must never be sent twice (added to the built-in author_submit* list). */
  nonReplayable?: string[];
  /** Non-fatal problems: protocol errors, exceptions thrown by subscription callbacks. */
  onError?: (e: Error) => void;
  onStatus?: (state: ClientState) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeoutMs for this call (0 = none). */
  timeoutMs?: number;
}

export interface BatchCall {
  method: string;
  params?: unknown[];
}

export interface Subscription {
  /** The server's current subscription id (changes after a reconnect re-subscribes). */
  readonly id: string;
  unsubscribe(): Promise<void>;
}

export interface SubscribeOptions extends RequestOptions {
  /** Errors after the subscription is established (e.g. it could not be re-established). */
  onError?: (e: Error) => void;
}

/** Sending these twice could do something twice, so they are never replayed after a drop. */
const DEFAULT_NON_REPLAYABLE = [
  'author_submitExtrinsic',
  'author_submitAndWatchExtrinsic',
  'transaction_v1_broadcast',
  'transactionWatch_v1_submitAndWatch',
];

const MAX_ABANDONED = 10_000;
const MAX_EARLY_SUB_IDS = 64;
const MAX_EARLY_PER_SUB = 1024;

interface Waiter {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer?: ReturnType<typeof setTimeout>;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** What happens to an in-flight call when the socket drops. */
type OnDrop = 'replay' | 'reject' | 'drop';

interface Call {
  id: number;
  method: string;
  paramsJson: string;
  state: 'queued' | 'inflight' | 'done';
  waiters: Set<Waiter>;
  onDrop: OnDrop;
  /** Internal calls (heartbeat, re-subscribe, unsubscribe) don't count in pendingCount. */
  internal: boolean;
  key?: string;
  batch?: Set<Call>;
  /** For a subscribe call whose caller went away: how to clean up if the reply arrives late. */
  onLateResult?: (result: unknown) => void;
}

type QueueItem = Call | Call[];

interface Sub {
  method: string;
  paramsJson: string;
  unsubscribeMethod: string;
  serverId: string | null;
  active: boolean;
  replayable: boolean;
  /** The subscribe call currently queued or on the wire, if any. */
  call: Call | null;
  onEvent(result: unknown): void;
  onError(e: Error): void;
  onEnd?: () => void;
}

export class RpcClient {
  private readonly provider: JsonRpcProvider;
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly idleTimeoutMs: number;
  private readonly maxFrameBytes: number;
  private readonly coalesceReads: boolean;
  private readonly reconnectOpts: Required<ReconnectOptions> | false;
  private readonly heartbeatMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly heartbeatMethod: string;
  private readonly nonReplayable: Set<string>;
  private readonly onErrorCb: ((e: Error) => void) | undefined;
  private readonly onStatusCb: ((s: ClientState) => void) | undefined;

  private _state: ClientState = 'idle';
  private conn: ProviderConnection | null = null;
  /** Bumped per connection so late callbacks from an old socket are ignored. */
  private generation = 0;
  private attempt = 0;
  private nextId = 1;

  private readonly inflight = new Map<number, Call>();
  private queue: QueueItem[] = [];
  private queueHead = 0;
  private userCalls = 0;
  private readonly coalesced = new Map<string, Call>();
  /** Ids whose callers left; a late reply for them is expected, not a protocol error. */
  private readonly abandoned = new Map<number, ((result: unknown) => void) | null>();
  /** Batches on the wire, oldest first, to attribute an `id: null` "batch not supported" error. */
  private readonly batches = new Set<Set<Call>>();
  private batchUnsupported = false;

  private readonly subs = new Set<Sub>();
  private readonly subsByServerId = new Map<string, Sub>();
  /** Notifications that beat their subscribe reply, keyed by server subscription id. */
  private readonly early = new Map<string, unknown[]>();

  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatDeadline: ReturnType<typeof setTimeout> | undefined;

  constructor(target: string | string[] | JsonRpcProvider, options: RpcClientOptions = {}) {
    this.provider = typeof target === 'function' ? target : webSocketProvider(target);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1024);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 0;
    this.maxFrameBytes = options.maxFrameBytes ?? 64 * 1024 * 1024;
    this.coalesceReads = options.coalesce ?? true;
    this.reconnectOpts =
      options.reconnect === false
        ? false
        : {
            retries: options.reconnect?.retries ?? Infinity,
            minDelayMs: options.reconnect?.minDelayMs ?? 100,
            maxDelayMs: options.reconnect?.maxDelayMs ?? 5000,
          };
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 10_000;
    this.heartbeatMethod = options.heartbeatMethod ?? 'system_health';
    this.nonReplayable = new Set([...DEFAULT_NON_REPLAYABLE, ...(options.nonReplayable ?? [])]);
    this.onErrorCb = options.onError;
    this.onStatusCb = options.onStatus;
  }

  get state(): ClientState {
    return this._state;
  }

  /** Caller-visible requests not yet settled: on the wire plus queued. */
  get pendingCount(): number {
    return this.userCalls;
  }

  // ---------------------------------------------------------------- public API

  request<T = unknown>(method: string, params: unknown[] = [], opts: RequestOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pre = this.precheck(method, opts.signal);
      if (pre) return reject(pre);
      const paramsJson = serialiseParams(method, params);
      if (typeof paramsJson !== 'string') return reject(paramsJson);
      const key = this.coalescable(method) ? `${method}\u0000${paramsJson}` : undefined;
      let call = key === undefined ? undefined : this.coalesced.get(key);
      const isNew = call === undefined;
      if (!call) {
        call = this.newCall(method, paramsJson, this.onDropFor(method), false);
        if (key !== undefined) {
          call.key = key;
          this.coalesced.set(key, call);
        }
      }
      this.addWaiter(call, resolve as (v: unknown) => void, reject, method, opts);
      if (isNew) this.enqueue(call);
    });
  }

  /**
   * Sends the calls as one JSON-RPC batch (a JSON array) and resolves with the results in call
   * order. If any item fails, the promise rejects with the error of the first failing item (by
   * position). If the server rejects batches as such (an `id: null` error, e.g. -32600), this and
   * all later batches fall back to individual requests.
   */
  batch(calls: BatchCall[], opts: RequestOptions = {}): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      const pre = this.precheck('batch', opts.signal);
      if (pre) return reject(pre);
      if (calls.length === 0) return resolve([]);
      const encoded: string[] = [];
      for (const { method, params = [] } of calls) {
        try {
          encoded.push(JSON.stringify(params));
        } catch (e) {
          return reject(new SubstrateLiteError(`${method}: params are not JSON-serialisable`, { cause: e }));
        }
      }
      const wire: Call[] = [];
      const results: unknown[] = new Array(calls.length);
      const errors: (Error | undefined)[] = new Array(calls.length);
      let left = calls.length;
      const done = (): void => {
        if (--left > 0) return;
        const firstErr = errors.find((e) => e !== undefined);
        if (firstErr) reject(firstErr);
        else resolve(results);
      };
      for (let i = 0; i < calls.length; i++) {
        const method = calls[i]!.method;
        const call = this.newCall(method, encoded[i]!, this.onDropFor(method), false);
        wire.push(call);
        this.addWaiter(
          call,
          (v) => {
            results[i] = v;
            done();
          },
          (e) => {
            errors[i] = e;
            done();
          },
          method,
          opts,
        );
      }
      this.enqueue(wire);
    });
  }

  /**
   * Opens a subscription. `onEvent` gets each notification's `result`. Notifications that arrive
   * before the subscribe reply are buffered and delivered right after it. After a reconnect the
   * subscription is re-issued and keeps delivering to the same handler.
   */
  subscribe(
    method: string,
    params: unknown[],
    unsubscribeMethod: string,
    onEvent: (result: unknown) => void,
    opts: SubscribeOptions = {},
  ): Promise<Subscription> {
    return this.openSub(method, params, unsubscribeMethod, onEvent, opts);
  }

  /**
   * Async-iterator form of subscribe(); `return()` (e.g. `break` in for-await) unsubscribes.
   * The subscription opens on the first next(). Events the consumer has not pulled yet are
   * buffered without limit, so consume promptly (or break) on high-rate subscriptions.
   */
  subscribeIter<T = unknown>(
    method: string,
    params: unknown[],
    unsubscribeMethod: string,
    opts: RequestOptions = {},
  ): AsyncIterableIterator<T> {
    return subscriptionIterator<T>(({ onEvent, onError, onEnd }) =>
      this.openSub(method, params, unsubscribeMethod, onEvent, { ...opts, onError }, onEnd),
    );
  }

  /** Rejects all pending work with ConnectionClosedError, closes the socket, never reconnects. */
  close(): Promise<void> {
    if (this._state === 'closed') return Promise.resolve();
    this.setState('closed');
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.idleTimer);
    this.stopHeartbeat();
    const conn = this.conn;
    this.conn = null;
    this.generation++;
    this.failEverything(() => new ConnectionClosedError('client closed'), false);
    try {
      conn?.close();
    } catch {
      /* closing a broken socket */
    }
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---------------------------------------------------------------- calls & waiters

  private precheck(what: string, signal: AbortSignal | undefined): Error | undefined {
    if (this._state === 'closed') return new ConnectionClosedError('client closed');
    if (signal?.aborted) return new AbortError(what, signal.reason);
    return undefined;
  }

  private coalescable(method: string): boolean {
    return (
      this.coalesceReads &&
      !method.startsWith('author_') &&
      !/subscribe|watch/i.test(method) &&
      !this.nonReplayable.has(method)
    );
  }

  private onDropFor(method: string): OnDrop {
    return this.nonReplayable.has(method) ? 'reject' : 'replay';
  }

  private newCall(method: string, paramsJson: string, onDrop: OnDrop, internal: boolean): Call {
    if (!internal) this.userCalls++;
    return { id: 0, method, paramsJson, state: 'queued', waiters: new Set(), onDrop, internal };
  }

  private addWaiter(
    call: Call,
    resolve: (v: unknown) => void,
    reject: (e: Error) => void,
    method: string,
    opts: RequestOptions,
  ): Waiter {
    const w: Waiter = { resolve, reject };
    call.waiters.add(w);
    const ms = opts.timeoutMs ?? this.timeoutMs;
    if (ms > 0 && Number.isFinite(ms)) {
      w.timer = setTimeout(() => this.dropWaiter(call, w, new TimeoutError(method, ms)), ms);
    }
    const signal = opts.signal;
    if (signal) {
      w.signal = signal;
      w.onAbort = () => this.dropWaiter(call, w, new AbortError(method, signal.reason));
      signal.addEventListener('abort', w.onAbort, { once: true });
    }
    this.touch();
    return w;
  }

  private static release(w: Waiter): void {
    if (w.timer !== undefined) clearTimeout(w.timer);
    if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
  }

  /** One caller leaves (abort/timeout). The call goes only when nobody is waiting for it. */
  private dropWaiter(call: Call, w: Waiter, err: Error): void {
    if (!call.waiters.delete(w)) return;
    RpcClient.release(w);
    if (call.waiters.size === 0) this.cancelCall(call);
    w.reject(err);
  }

  private cancelCall(call: Call): void {
    if (call.state === 'done') return;
    if (call.state === 'inflight') {
      this.inflight.delete(call.id);
      this.rememberAbandoned(call.id, call.onLateResult ?? null);
    }
    this.retire(call);
    this.pump();
    this.checkIdle();
  }

  /** Settles every waiter of a call with a result or an error. */
  private finishCall(call: Call, err: Error | null, result?: unknown): void {
    if (call.state === 'done') return;
    if (call.state === 'inflight') this.inflight.delete(call.id);
    this.retire(call);
    const ws = [...call.waiters];
    call.waiters.clear();
    for (const w of ws) {
      RpcClient.release(w);
      try {
        if (err) w.reject(err);
        else w.resolve(result);
      } catch (e) {
        this.reportError(e);
      }
    }
  }

  /** Bookkeeping shared by every way a call ends. Queue entries are skipped lazily. */
  private retire(call: Call): void {
    call.state = 'done';
    if (!call.internal) this.userCalls--;
    if (call.key !== undefined && this.coalesced.get(call.key) === call) this.coalesced.delete(call.key);
    if (call.batch) {
      call.batch.delete(call);
      if (call.batch.size === 0) this.batches.delete(call.batch);
      call.batch = undefined;
    }
  }

  private rememberAbandoned(id: number, late: ((result: unknown) => void) | null): void {
    this.abandoned.set(id, late);
    if (this.abandoned.size > MAX_ABANDONED) {
      const oldest = this.abandoned.keys().next().value as number;
      this.abandoned.delete(oldest);
    }
  }

  // ---------------------------------------------------------------- queue & wire

  private enqueue(item: QueueItem): void {
    this.queue.push(item);
    this.ensureConnected();
    this.pump();
  }

  /** Writes queued calls to the socket while it is open and there is room. */
  private pump(): void {
    if (this._state !== 'open' || !this.conn) return;
    while (this.queueHead < this.queue.length && this.inflight.size < this.maxInFlight) {
      const item = this.queue[this.queueHead++]!;
      if (Array.isArray(item)) this.sendBatch(item);
      else if (item.state === 'queued') this.sendCall(item);
      if (!this.conn) return; // sending failed and the connection was torn down
    }
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private frame(call: Call): string {
    call.id = this.nextId++;
    call.state = 'inflight';
    this.inflight.set(call.id, call);
    return `{"jsonrpc":"2.0","id":${call.id},"method":${JSON.stringify(call.method)},"params":${call.paramsJson}}`;
  }

  private sendCall(call: Call): void {
    this.write(this.frame(call));
  }

  private sendBatch(items: Call[]): void {
    const live = items.filter((c) => c.state === 'queued');
    if (live.length === 0) return;
    if (this.batchUnsupported || live.length === 1) {
      for (const c of live) this.sendCall(c);
      return;
    }
    const group = new Set<Call>();
    const frames = live.map((c) => {
      c.batch = group;
      group.add(c);
      return this.frame(c);
    });
    this.batches.add(group);
    this.write(`[${frames.join(',')}]`);
  }

  private write(msg: string): void {
    if (!this.conn) return;
    try {
      this.conn!.send(msg);
    } catch (e) {
      this.handleDrop(`send failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // ---------------------------------------------------------------- connection lifecycle

  private setState(s: ClientState): void {
    if (this._state === s) return;
    this._state = s;
    try {
      this.onStatusCb?.(s);
    } catch (e) {
      this.reportError(e);
    }
  }

  private ensureConnected(): void {
    if (this._state === 'idle') this.connect('connecting');
  }

  private connect(as: 'connecting' | 'reconnecting'): void {
    const gen = ++this.generation;
    this.setState(as);
    // A provider may report status synchronously, before it has returned the connection we
    // would send on; hold such reports until `this.conn` is set.
    let returned = false;
    const early: ProviderStatus[] = [];
    const onStatus = (s: ProviderStatus): void => {
      if (gen !== this.generation) return;
      if (!returned) return void early.push(s);
      if (s.type === 'open') this.onOpen();
      else this.handleDrop(s.reason);
    };
    try {
      this.conn = this.provider((msg) => {
        if (gen === this.generation) this.onMessage(msg);
      }, onStatus);
      returned = true;
      for (const s of early) onStatus(s);
    } catch (e) {
      this.conn = null;
      // Providers should report failure via onStatus; treat a throw the same way, but async so
      // the caller's request() has finished registering first.
      queueMicrotask(() => {
        if (gen === this.generation) this.handleDrop(`provider failed: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
  }

  private onOpen(): void {
    this.attempt = 0;
    this.setState('open');
    this.startHeartbeat();
    this.pump();
    this.checkIdle();
  }

  /** The socket went away without us asking (or a heartbeat declared it dead). */
  private handleDrop(reason: string): void {
    if (this._state === 'closed' || this._state === 'idle') return;
    const conn = this.conn;
    this.conn = null;
    this.generation++;
    this.stopHeartbeat();
    clearTimeout(this.idleTimer);
    try {
      conn?.close();
    } catch {
      /* already gone */
    }
    this.abandoned.clear();
    this.early.clear();
    this.batches.clear();

    // In-flight calls: replay reads, refuse to resend non-idempotent ones.
    const replay: Call[] = [];
    const lost = [...this.inflight.values()];
    this.inflight.clear();
    for (const call of lost) {
      call.batch = undefined;
      if (call.onDrop === 'replay') {
        call.state = 'queued';
        replay.push(call);
      } else {
        call.state = 'queued'; // so finishCall doesn't look it up in `inflight`
        const err =
          call.onDrop === 'reject'
            ? new NotReplayableError(call.method, { cause: reason })
            : new ConnectionClosedError(reason);
        this.finishCall(call, err);
      }
    }

    // Established subscriptions: issue them again once connected.
    const resubs: Call[] = [];
    for (const sub of this.subs) {
      if (sub.serverId !== null) {
        this.subsByServerId.delete(sub.serverId);
        sub.serverId = null;
        if (!sub.replayable) {
          this.endSub(sub);
          sub.onError(new NotReplayableError(sub.method, { cause: reason }));
          continue;
        }
        resubs.push(this.resubscribeCall(sub));
      }
    }
    this.queue = [...resubs, ...replay, ...this.queue.slice(this.queueHead)];
    this.queueHead = 0;

    const hasWork = this.subs.size > 0 || this.queue.some((q) => (Array.isArray(q) ? q.some((c) => c.state === 'queued') : q.state === 'queued'));
    if (!hasWork) {
      this.setState('idle');
      // Only internal leftovers (e.g. an unsubscribe) remain; settle them so nobody hangs.
      this.failEverything(() => new ConnectionClosedError(reason), true);
      return;
    }
    const r = this.reconnectOpts;
    if (r === false || this.attempt >= r.retries) {
      this.setState('idle');
      this.failEverything(() => new ConnectionClosedError(reason), true);
      return;
    }
    const base = Math.min(r.maxDelayMs, r.minDelayMs * 2 ** this.attempt);
    // "Equal jitter": half fixed, half random, so many clients don't reconnect in lockstep.
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempt++;
    this.setState('reconnecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this._state === 'reconnecting') this.connect('reconnecting');
    }, delay);
  }

  /** Rejects queued/in-flight calls and ends subscriptions. */
  private failEverything(makeErr: () => Error, notifySubs: boolean): void {
    const calls = new Set<Call>(this.inflight.values());
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const item = this.queue[i]!;
      for (const c of Array.isArray(item) ? item : [item]) calls.add(c);
    }
    this.inflight.clear();
    this.queue = [];
    this.queueHead = 0;
    this.abandoned.clear();
    this.early.clear();
    this.batches.clear();
    for (const c of calls) {
      if (c.state === 'done') continue;
      c.state = 'queued';
      this.finishCall(c, makeErr());
    }
    for (const sub of [...this.subs]) {
      this.endSub(sub);
      if (notifySubs) sub.onError(makeErr());
      else sub.onEnd?.();
    }
  }

  // ---------------------------------------------------------------- idle & heartbeat

  /** New work arrived: cancel a pending idle close. */
  private touch(): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
  }

  private checkIdle(): void {
    if (this.idleTimeoutMs <= 0 || this._state !== 'open') return;
    if (this.inflight.size > 0 || this.userCalls > 0 || this.subs.size > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this._state !== 'open' || this.inflight.size > 0 || this.userCalls > 0 || this.subs.size > 0) return;
      const conn = this.conn;
      this.conn = null;
      this.generation++;
      this.stopHeartbeat();
      this.queue = [];
      this.queueHead = 0;
      this.abandoned.clear();
      this.setState('idle');
      try {
        conn?.close();
      } catch {
        /* ignore */
      }
    }, this.idleTimeoutMs);
    unref(this.idleTimer);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    if (this.heartbeatMs <= 0) return;
    this.heartbeatTimer = setTimeout(() => this.ping(), this.heartbeatMs);
    unref(this.heartbeatTimer);
  }

  private stopHeartbeat(): void {
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.heartbeatDeadline);
    this.heartbeatTimer = undefined;
    this.heartbeatDeadline = undefined;
  }

  private ping(): void {
    if (this._state !== 'open' || !this.conn) return;
    // Bypasses the queue: a full queue must not look like a dead socket.
    const call = this.newCall(this.heartbeatMethod, '[]', 'drop', true);
    call.waiters.add({
      resolve: () => this.startHeartbeat(),
      // An error reply still proves the socket is alive.
      reject: (e) => {
        if (e instanceof RpcError) this.startHeartbeat();
      },
    });
    this.heartbeatDeadline = setTimeout(() => {
      this.heartbeatDeadline = undefined;
      if (call.state !== 'inflight') return;
      this.reportError(
        new ProtocolError(`no reply to ${this.heartbeatMethod} within ${this.heartbeatTimeoutMs} ms; reconnecting`),
      );
      this.handleDrop('heartbeat timeout (half-open connection)');
    }, this.heartbeatTimeoutMs);
    unref(this.heartbeatDeadline);
    this.sendCall(call);
  }

  // ---------------------------------------------------------------- incoming frames

  private onMessage(raw: string): void {
    try {
      this.handleFrame(raw);
    } catch (e) {
      // Last line of defence: the transport callback must never throw.
      this.reportError(new ProtocolError('error while handling a frame', { cause: e, frame: excerpt(raw) }));
    }
  }

  private handleFrame(raw: string): void {
    if (raw.length > this.maxFrameBytes) {
      const err = new ProtocolError(`frame of ${raw.length} bytes exceeds maxFrameBytes (${this.maxFrameBytes})`, {
        frame: excerpt(raw),
      });
      this.reportError(err);
      // If we can see whose reply it was, fail that call now instead of letting it time out.
      const m = /"id"\s*:\s*(\d+)/.exec(raw.slice(0, 64)) ?? /"id"\s*:\s*(\d+)\s*}\s*$/.exec(raw.slice(-64));
      const call = m ? this.inflight.get(Number(m[1])) : undefined;
      if (call) this.finishCall(call, err);
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch (e) {
      this.reportError(new ProtocolError('malformed JSON frame', { cause: e, frame: excerpt(raw) }));
      return;
    }
    if (Array.isArray(msg)) {
      if (msg.length > 0 && msg.every((m) => isObject(m) && m.id === null && isObject(m.error))) {
        this.batchRejected(msg[0] as Record<string, unknown>, raw);
        return;
      }
      if (msg.length === 0) this.reportError(new ProtocolError('empty batch reply', { frame: excerpt(raw) }));
      for (const m of msg) this.handleObject(m, raw);
      return;
    }
    this.handleObject(msg, raw);
  }

  private handleObject(msg: unknown, raw: string): void {
    if (!isObject(msg)) {
      this.reportError(new ProtocolError('frame is not a JSON object', { frame: excerpt(raw) }));
      return;
    }
    const id = msg.id;
    if (typeof id === 'number' || typeof id === 'string') {
      const n = typeof id === 'number' ? id : Number(id);
      const call = this.inflight.get(n);
      if (!call) {
        if (this.abandoned.has(n)) {
          const late = this.abandoned.get(n);
          this.abandoned.delete(n);
          if (late && 'result' in msg) late(msg.result);
          return;
        }
        this.reportError(new ProtocolError(`reply for unknown request id ${String(id)}`, { frame: excerpt(raw) }));
        return;
      }
      if (isObject(msg.error)) {
        const e = msg.error;
        const code = typeof e.code === 'number' ? e.code : 0;
        const message = typeof e.message === 'string' ? e.message : 'unknown error';
        this.finishCall(call, new RpcError(code, message, e.data, call.method));
      } else {
        this.finishCall(call, null, msg.result);
      }
      this.pump();
      this.checkIdle();
      return;
    }
    if (id === null && isObject(msg.error)) {
      this.batchRejected(msg, raw);
      return;
    }
    if (typeof msg.method === 'string' && isObject(msg.params) && 'subscription' in msg.params) {
      this.handleNotification(msg.params);
      return;
    }
    this.reportError(new ProtocolError('unrecognised frame', { frame: excerpt(raw) }));
  }

  /** An `id: null` error: the server could not take a request as a whole — our oldest batch. */
  private batchRejected(msg: Record<string, unknown>, raw: string): void {
    const group = this.batches.values().next().value as Set<Call> | undefined;
    const e = msg.error as Record<string, unknown>;
    if (!group) {
      this.reportError(
        new ProtocolError(`server error without request id: ${String(e.message ?? 'unknown')}`, { frame: excerpt(raw) }),
      );
      return;
    }
    this.batches.delete(group);
    this.batchUnsupported = true;
    // Same ids, sent one by one; the pending entries stay as they are.
    for (const call of group) {
      call.batch = undefined;
      if (call.state === 'inflight') {
        this.write(
          `{"jsonrpc":"2.0","id":${call.id},"method":${JSON.stringify(call.method)},"params":${call.paramsJson}}`,
        );
      }
    }
  }

  private handleNotification(params: Record<string, unknown>): void {
    const sid = String(params.subscription);
    const sub = this.subsByServerId.get(sid);
    if (!sub) {
      // Probably beat its subscribe reply; keep a bounded number for a short while.
      let buf = this.early.get(sid);
      if (!buf) {
        if (this.early.size >= MAX_EARLY_SUB_IDS) this.early.delete(this.early.keys().next().value as string);
        buf = [];
        this.early.set(sid, buf);
      }
      if (buf.length < MAX_EARLY_PER_SUB) buf.push(params);
      return;
    }
    this.deliver(sub, params);
  }

  private deliver(sub: Sub, params: Record<string, unknown>): void {
    if (!sub.active) return;
    if ('error' in params && !('result' in params)) {
      const e = isObject(params.error) ? params.error : {};
      sub.onError(
        new RpcError(
          typeof e.code === 'number' ? e.code : 0,
          typeof e.message === 'string' ? e.message : 'subscription error',
          e.data,
          sub.method,
        ),
      );
      return;
    }
    try {
      sub.onEvent(params.result);
    } catch (e) {
      this.reportError(e);
    }
  }

  // ---------------------------------------------------------------- subscriptions

  private openSub(
    method: string,
    params: unknown[],
    unsubscribeMethod: string,
    onEvent: (result: unknown) => void,
    opts: SubscribeOptions,
    onEnd?: () => void,
  ): Promise<Subscription> {
    return new Promise<Subscription>((resolve, reject) => {
      const pre = this.precheck(method, opts.signal);
      if (pre) return reject(pre);
      const paramsJson = serialiseParams(method, params);
      if (typeof paramsJson !== 'string') return reject(paramsJson);
      const userOnError = opts.onError;
      const sub: Sub = {
        method,
        paramsJson,
        unsubscribeMethod,
        serverId: null,
        active: true,
        replayable: !this.nonReplayable.has(method),
        call: null,
        onEvent,
        onError: (e) => {
          if (userOnError) {
            try {
              userOnError(e);
            } catch (err) {
              this.reportError(err);
            }
          } else this.reportError(e);
        },
        onEnd,
      };
      const handle: Subscription = {
        get id() {
          return sub.serverId ?? '';
        },
        unsubscribe: () => this.unsubscribe(sub),
      };
      const call = this.newCall(method, paramsJson, this.onDropFor(method), false);
      sub.call = call;
      // If the caller gives up before the reply, a late reply still creates a server-side
      // subscription; undo it.
      call.onLateResult = (result) => this.sendUnsubscribe(unsubscribeMethod, result);
      this.subs.add(sub);
      this.addWaiter(
        call,
        (result) => {
          sub.call = null;
          if (!sub.active) {
            this.sendUnsubscribe(unsubscribeMethod, result);
            return;
          }
          this.bindSub(sub, result);
          resolve(handle);
          this.flushEarly(sub);
          if (opts.signal) {
            const signal = opts.signal;
            const onAbort = (): void => void handle.unsubscribe();
            if (signal.aborted) onAbort();
            else signal.addEventListener('abort', onAbort, { once: true });
          }
        },
        (e) => {
          sub.call = null;
          this.endSub(sub);
          reject(e);
        },
        method,
        opts,
      );
      this.enqueue(call);
    });
  }

  private bindSub(sub: Sub, result: unknown): void {
    const sid = String(result);
    sub.serverId = sid;
    this.subsByServerId.set(sid, sub);
  }

  private flushEarly(sub: Sub): void {
    if (sub.serverId === null) return;
    const buf = this.early.get(sub.serverId);
    if (!buf) return;
    this.early.delete(sub.serverId);
    for (const p of buf) this.deliver(sub, p as Record<string, unknown>);
  }

  /** An internal call that re-creates `sub` on a fresh connection. */
  private resubscribeCall(sub: Sub): Call {
    const call = this.newCall(sub.method, sub.paramsJson, 'replay', true);
    sub.call = call;
    call.onLateResult = (result) => this.sendUnsubscribe(sub.unsubscribeMethod, result);
    const w: Waiter = {
      resolve: (result) => {
        sub.call = null;
        if (!sub.active) {
          this.sendUnsubscribe(sub.unsubscribeMethod, result);
          return;
        }
        this.bindSub(sub, result);
        this.flushEarly(sub);
      },
      reject: (e) => {
        sub.call = null;
        if (!sub.active) return;
        this.endSub(sub);
        sub.onError(e);
      },
    };
    call.waiters.add(w);
    if (this.timeoutMs > 0) {
      const ms = this.timeoutMs;
      w.timer = setTimeout(() => this.dropWaiter(call, w, new TimeoutError(sub.method, ms)), ms);
    }
    return call;
  }

  private endSub(sub: Sub): void {
    sub.active = false;
    this.subs.delete(sub);
    if (sub.serverId !== null && this.subsByServerId.get(sub.serverId) === sub) {
      this.subsByServerId.delete(sub.serverId);
    }
    this.checkIdle();
  }

  private async unsubscribe(sub: Sub): Promise<void> {
    if (!sub.active) return;
    const serverId = sub.serverId;
    const pendingCall = sub.call;
    this.endSub(sub);
    sub.onEnd?.();
    if (pendingCall && pendingCall.internal) {
      // A re-subscribe not yet answered: drop it (a late reply is unsubscribed via onLateResult).
      for (const w of [...pendingCall.waiters]) this.dropWaiter(pendingCall, w, new AbortError('resubscribe'));
    }
    if (serverId !== null && this._state === 'open') {
      await this.sendUnsubscribe(sub.unsubscribeMethod, serverId);
    }
  }

  /** Best effort: the subscription is gone for us either way. */
  private sendUnsubscribe(method: string, serverId: unknown): Promise<void> {
    if (this._state === 'closed') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const call = this.newCall(method, JSON.stringify([serverId]), 'drop', true);
      this.addWaiter(call, () => resolve(), () => resolve(), method, {});
      this.enqueue(call);
    });
  }

  private reportError(e: unknown): void {
    const err = e instanceof Error ? e : new SubstrateLiteError(String(e));
    try {
      this.onErrorCb?.(err);
    } catch {
      /* a throwing error handler must not take the client down */
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function excerpt(raw: string): string {
  return raw.length > 200 ? `${raw.slice(0, 200)}… (${raw.length} chars)` : raw;
}

function unref(t: ReturnType<typeof setTimeout> | undefined): void {
  (t as { unref?: () => void } | undefined)?.unref?.();
}

/** JSON for the params, or the error to reject with when they cannot be serialised. */
function serialiseParams(method: string, params: unknown[]): string | Error {
  try {
    return JSON.stringify(params);
  } catch (e) {
    return new SubstrateLiteError(`${method}: params are not JSON-serialisable`, { cause: e });
  }
}
