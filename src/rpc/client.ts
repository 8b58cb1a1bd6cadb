// JSON-RPC 2.0 client over a JsonRpcProvider (normally a WebSocket). A thin composition of
// the parts that do the work: the request table (requests.ts), the outbox (outbox.ts), the
// subscription table (subscriptions.ts), incoming-frame routing (inbound.ts over frames.ts) and
// the connection lifecycle (connection.ts, heartbeat.ts). What stays here is the public API and
// what happens to pending work when a connection is lost.
import { AbortError, SubstrateLiteError } from '../errors.js';
import type { Call, OnDrop, QueueItem } from './call.js';
import { Connection, type ConnectionEvents } from './connection.js';
import { ConnectionClosedError, FrameTooLargeError, NotReplayableError, ProtocolError, RpcError } from './errors.js';
import { Heartbeat } from './heartbeat.js';
import { Inbound } from './inbound.js';
import { subscriptionIterator } from './iterator.js';
import { Outbox } from './outbox.js';
import type { JsonRpcProvider } from './provider.js';
import { RequestTable } from './requests.js';
import { SubscriptionTable } from './subscriptions.js';
import type { BatchCall, ClientState, RequestOptions, RpcClientOptions, SubscribeOptions, Subscription } from './types.js';
import { webSocketProvider } from './websocket.js';

/** Sending these twice could do something twice, so they are never replayed after a drop. */
/** WebSocket close code 1009, "message too big": `ws` closes with it when maxPayload is exceeded. */
const WS_MESSAGE_TOO_BIG = 1009;

const DEFAULT_NON_REPLAYABLE = [
  'author_submitExtrinsic',
  'author_submitAndWatchExtrinsic',
  'transaction_v1_broadcast',
  'transactionWatch_v1_submitAndWatch',
];

export class RpcClient {
  readonly #timeoutMs: number;
  readonly #maxFrameBytes: number;
  readonly #idleTimeoutMs: number;
  readonly #coalesce: boolean;
  readonly #heartbeatMethod: string;
  readonly #nonReplayable: Set<string>;
  readonly #onError: ((e: Error) => void) | undefined;
  readonly #reconnect: boolean;
  readonly #table: RequestTable;
  readonly #outbox: Outbox;
  readonly #subs: SubscriptionTable;
  readonly #conn: Connection;
  readonly #heartbeat: Heartbeat;
  readonly #inbound: Inbound;

  constructor(target: string | string[] | JsonRpcProvider, options: RpcClientOptions = {}) {
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const maxFrameBytes = options.maxFrameBytes ?? 64 * 1024 * 1024;
    const provider = typeof target === 'function' ? target : webSocketProvider(target, { connectTimeoutMs, maxFrameBytes });
    // How many urls a first connect may try before ConnectionError (webSocketProvider says so).
    const endpoints = typeof target === 'string' ? 1 : typeof target === 'function' ? endpointCount(target) : target.length;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 0;
    this.#maxFrameBytes = maxFrameBytes;
    this.#coalesce = options.coalesce ?? true;
    this.#heartbeatMethod = options.heartbeatMethod ?? 'system_health';
    this.#nonReplayable = new Set([...DEFAULT_NON_REPLAYABLE, ...(options.nonReplayable ?? [])]);
    this.#onError = options.onError;
    const r = options.reconnect;
    this.#reconnect = r !== false;
    const reconnect =
      r === false ? false : { retries: r?.retries ?? Infinity, minDelayMs: r?.minDelayMs ?? 100, maxDelayMs: r?.maxDelayMs ?? 5000 };
    this.#table = new RequestTable({
      onCallLeft: () => this.#settled(),
      onWaiterAdded: () => this.#conn.cancelIdle(),
      report: (e) => this.#report(e),
    });
    this.#outbox = new Outbox(this.#table, Math.max(1, options.maxInFlight ?? 1024));
    this.#subs = new SubscriptionTable({
      table: this.#table,
      timeoutMs: this.#timeoutMs,
      enqueue: (item) => this.#enqueue(item),
      isOpen: () => this.#conn.state === 'open',
      isClosed: () => this.#conn.state === 'closed',
      replayable: (m) => !this.#nonReplayable.has(m),
      report: (e) => this.#report(e),
      checkIdle: () => this.#checkIdle(),
    });
    this.#inbound = new Inbound({
      table: this.#table,
      outbox: this.#outbox,
      subs: this.#subs,
      maxFrameBytes,
      write: (f) => void this.#conn.write(f),
      replied: () => this.#conn.markReply(),
      settled: () => this.#settled(),
      report: (e) => this.#report(e),
    });
    this.#conn = new Connection(provider, { reconnect, connectTimeoutMs, endpoints }, this.#connectionEvents(options.onStatus));
    this.#heartbeat = this.#makeHeartbeat(options);
  }

  #connectionEvents(onStatus: RpcClientOptions['onStatus']): ConnectionEvents {
    return {
      onOpen: () => this.#onOpen(),
      onMessage: (raw) => {
        this.#heartbeat.activity();
        this.#inbound.handle(raw);
      },
      onActivity: () => this.#heartbeat.activity(),
      onLost: (reason, code) => this.#onLost(reason, code),
      onUnreachable: (e) => {
        this.#conn.toIdle();
        this.#failEverything(() => e, true);
      },
      onState: (s) => {
        try {
          onStatus?.(s);
        } catch (e) {
          this.#report(e);
        }
      },
    };
  }

  #makeHeartbeat(options: RpcClientOptions): Heartbeat {
    const ms = options.heartbeatTimeoutMs ?? 10_000;
    return new Heartbeat(options.heartbeatMs ?? 30_000, ms, {
      ping: (onAnswer) => this.#ping(onAnswer),
      onSilent: () => {
        this.#report(new ProtocolError(`nothing received for ${ms} ms after a ${this.#heartbeatMethod} ping; reconnecting`));
        this.#conn.lose('heartbeat timeout (half-open connection)');
      },
    });
  }

  get state(): ClientState {
    return this.#conn.state;
  }

  /** Caller-visible requests not yet settled: on the wire plus queued. */
  get pendingCount(): number {
    return this.#table.userCalls;
  }

  request<T = unknown>(method: string, params: unknown[] = [], opts: RequestOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pre = this.#precheck(method, opts.signal);
      if (pre) return reject(pre);
      const paramsJson = serialiseParams(method, params);
      if (typeof paramsJson !== 'string') return reject(paramsJson);
      const key = this.#coalescable(method) ? `${method}\u0000${paramsJson}` : undefined;
      let call = key === undefined ? undefined : this.#table.sharedCall(key);
      const isNew = call === undefined;
      if (!call) {
        call = this.#table.newCall(method, paramsJson, this.#onDropFor(method), false);
        if (key !== undefined) this.#table.share(call, key);
      }
      this.#table.addWaiter(call, resolve as (v: unknown) => void, reject, method, opts.timeoutMs ?? this.#timeoutMs, opts.signal);
      if (isNew) this.#enqueue(call);
    });
  }

  /**
   * Sends the calls as one JSON-RPC batch (a JSON array) and resolves with the results in call
   * order. If an item fails, the promise rejects with the error of the first failing item (by
   * position). If the server rejects batches as such (an `id: null` error, e.g. -32600), this and
   * all later batches fall back to individual requests.
   */
  batch(calls: BatchCall[], opts: RequestOptions = {}): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      const pre = this.#precheck('batch', opts.signal);
      if (pre) return reject(pre);
      if (calls.length === 0) return resolve([]);
      const encoded: string[] = [];
      for (const { method, params = [] } of calls) {
        const json = serialiseParams(method, params);
        if (typeof json !== 'string') return reject(json);
        encoded.push(json);
      }
      const results: unknown[] = new Array(calls.length);
      const errors: (Error | undefined)[] = new Array(calls.length);
      let left = calls.length;
      const done = (): void => {
        if (--left > 0) return;
        const firstErr = errors.find((e) => e !== undefined);
        if (firstErr) reject(firstErr);
        else resolve(results);
      };
      const wire = calls.map(({ method }, i) => {
        const call = this.#table.newCall(method, encoded[i]!, this.#onDropFor(method), false);
        const ok = (v: unknown): void => void ((results[i] = v), done());
        const fail = (e: Error): void => void ((errors[i] = e), done());
        this.#table.addWaiter(call, ok, fail, method, opts.timeoutMs ?? this.#timeoutMs, opts.signal);
        return call;
      });
      this.#enqueue(wire);
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
    return this.#openSub(method, params, unsubscribeMethod, onEvent, opts, opts.onEnd);
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
      this.#openSub(method, params, unsubscribeMethod, onEvent, { ...opts, onError }, onEnd),
    );
  }

  /** Rejects all pending work with ConnectionClosedError, closes the socket, never reconnects. */
  close(): Promise<void> {
    if (this.#conn.state === 'closed') return Promise.resolve();
    this.#heartbeat.stop();
    this.#conn.close();
    this.#failEverything(() => new ConnectionClosedError('client closed'), false);
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #openSub(
    method: string,
    params: unknown[],
    unsubscribeMethod: string,
    onEvent: (result: unknown) => void,
    opts: SubscribeOptions,
    onEnd?: () => void,
  ): Promise<Subscription> {
    const pre = this.#precheck(method, opts.signal);
    if (pre) return Promise.reject(pre);
    const paramsJson = serialiseParams(method, params);
    if (typeof paramsJson !== 'string') return Promise.reject(paramsJson);
    return this.#subs.open({ method, paramsJson, unsubscribeMethod, onEvent, onEnd }, opts);
  }

  #precheck(what: string, signal: AbortSignal | undefined): Error | undefined {
    if (this.#conn.state === 'closed') return new ConnectionClosedError('client closed');
    if (signal?.aborted) return new AbortError(what, signal.reason);
    return undefined;
  }

  #coalescable(method: string): boolean {
    return this.#coalesce && !method.startsWith('author_') && !/subscribe|watch/i.test(method) && !this.#nonReplayable.has(method);
  }

  #onDropFor(method: string): OnDrop {
    return this.#nonReplayable.has(method) ? 'reject' : 'replay';
  }

  #enqueue(item: QueueItem): void {
    this.#outbox.push(item);
    this.#conn.ensure();
    this.#pump();
  }

  #pump(): void {
    if (this.#conn.isOpen) this.#outbox.pump((f) => this.#conn.write(f));
  }

  /** A call left the wire: send what waits, and maybe go idle. */
  #settled(): void {
    this.#pump();
    this.#checkIdle();
  }

  #busy(): boolean {
    return this.#table.inflightCount > 0 || this.#table.userCalls > 0 || this.#subs.size > 0;
  }

  #checkIdle(): void {
    this.#conn.scheduleIdle(this.#idleTimeoutMs, () => this.#busy(), () => {
      this.#heartbeat.stop();
      this.#outbox.drain();
      this.#table.takeInflight();
    });
  }

  #onOpen(): void {
    this.#heartbeat.start();
    this.#pump();
    this.#checkIdle();
  }

  #ping(onAnswer: () => void): () => boolean {
    // Bypasses the queue: a full queue must not look like a dead socket.
    const call = this.#table.newCall(this.#heartbeatMethod, '[]', 'drop', true);
    call.waiters.add({
      resolve: onAnswer,
      // An error reply still proves the socket is alive.
      reject: (e) => {
        if (e instanceof RpcError) onAnswer();
      },
    });
    this.#outbox.sendCall(call, (f) => this.#conn.write(f));
    return () => call.state === 'inflight';
  }

  /** The socket went away: replay reads, refuse to resend non-idempotent calls, re-subscribe. */
  #onLost(reason: string, code?: number): void {
    this.#heartbeat.stop();
    const replay: Call[] = [];
    const suspect = this.#outbox.suspectInFlight;
    const lost = this.#table.takeInflight();
    const held = code === WS_MESSAGE_TOO_BIG ? this.#frameTooLarge(lost, suspect) : new Set<Call>();
    for (const call of lost) {
      if (call.state === 'done' || held.has(call)) continue;
      if (call.onDrop === 'replay') replay.push(call);
      else {
        const err = call.onDrop === 'reject' ? new NotReplayableError(call.method, { cause: reason }) : new ConnectionClosedError(reason);
        this.#table.finish(call, err);
      }
    }
    const resubs = this.#subs.detach(reason);
    this.#outbox.requeueFirst([...resubs, ...replay]);
    // Only internal leftovers (e.g. an unsubscribe) remain: settle them so nobody hangs.
    const hasWork = this.#subs.size > 0 || this.#outbox.hasWork();
    if (hasWork && this.#conn.retry()) return;
    this.#conn.toIdle();
    const why = hasWork && this.#reconnect ? `${reason}; gave up reconnecting` : reason;
    this.#failEverything(() => new ConnectionClosedError(why, { cause: reason }), true);
  }

  /**
   * The transport refused a frame over maxFrameBytes (close 1009) without saying whose it was.
   * One replayable call on the wire: it is the one, and it fails without a replay. Several: a
   * call already quarantined that was alone on the wire again is the one; otherwise all go into
   * quarantine (sent one at a time), so each oversized reply is downloaded at most twice.
   * Returns the calls now held in quarantine.
   */
  #frameTooLarge(lost: Call[], suspect: Call | undefined): Set<Call> {
    const limit = this.#maxFrameBytes;
    this.#report(new ProtocolError(`a frame exceeds maxFrameBytes (${limit}): the transport refused it and closed the connection`));
    const candidates = lost.filter((c) => c.onDrop === 'replay');
    const culprit = candidates.length === 1 ? candidates[0] : suspect;
    if (culprit) {
      this.#table.finish(culprit, new FrameTooLargeError(culprit.method, this.#maxFrameBytes));
      return new Set();
    }
    this.#outbox.addToQuarantine(candidates);
    return new Set(candidates);
  }

  /** Rejects queued/in-flight calls and ends subscriptions. */
  #failEverything(makeErr: () => Error, notifySubs: boolean): void {
    const calls = new Set<Call>([...this.#table.takeInflight(), ...this.#outbox.drain()]);
    for (const c of calls) if (c.state !== 'done') this.#table.finish(c, makeErr());
    this.#subs.endAll(notifySubs ? makeErr : null);
  }

  #report(e: unknown): void {
    const err = e instanceof Error ? e : new SubstrateLiteError(String(e));
    try {
      this.#onError?.(err);
    } catch {
      /* a throwing error handler must not take the client down */
    }
  }
}

function endpointCount(provider: JsonRpcProvider): number {
  const n = (provider as { endpoints?: unknown }).endpoints;
  return typeof n === 'number' && n >= 1 ? n : 1;
}

/** JSON for the params, or the error to reject with when they cannot be serialised. */
function serialiseParams(method: string, params: unknown[]): string | Error {
  try {
    return JSON.stringify(params);
  } catch (e) {
    return new SubstrateLiteError(`${method}: params are not JSON-serialisable`, { cause: e });
  }
}
