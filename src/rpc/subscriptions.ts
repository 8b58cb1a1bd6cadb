// Subscriptions: the table of live subscriptions (by our handle and by the server's id),
// routing of notifications, early notifications, unsubscribe, and re-subscribe after a reconnect.
import { AbortError } from '../errors.js';
import type { Call, QueueItem } from './call.js';
import { EarlyNotifications } from './early.js';
import { NotReplayableError, ProtocolError, RpcError } from './errors.js';
import { excerpt, isObject } from './frames.js';
import type { RequestTable } from './requests.js';
import type { SubscribeOptions, Subscription } from './types.js';

/** What the subscription table needs from the client around it. */
export interface SubscriptionHost {
  readonly table: RequestTable;
  readonly timeoutMs: number;
  enqueue(item: QueueItem): void;
  isOpen(): boolean;
  isClosed(): boolean;
  replayable(method: string): boolean;
  report(e: unknown): void;
  checkIdle(): void;
}

interface Sub {
  method: string;
  paramsJson: string;
  unsubscribeMethod: string;
  serverId: string | null;
  active: boolean;
  replayable: boolean;
  /** The subscribe call currently queued or on the wire, or null. */
  call: Call | null;
  onEvent(result: unknown): void;
  onError(e: Error): void;
  onEnd?: () => void;
}

export interface OpenSpec {
  method: string;
  paramsJson: string;
  unsubscribeMethod: string;
  onEvent: (result: unknown) => void;
  onEnd?: () => void;
}

export class SubscriptionTable {
  readonly #subs = new Set<Sub>();
  readonly #byServerId = new Map<string, Sub>();
  readonly #early: EarlyNotifications;
  readonly #host: SubscriptionHost;

  constructor(host: SubscriptionHost) {
    this.#host = host;
    this.#early = new EarlyNotifications((sid, count, why) =>
      host.report(new ProtocolError(`dropped ${count} notification(s) for unknown subscription id ${excerpt(sid)}: ${why}`)),
    );
  }

  /** Bytes of early notifications held, for tests and diagnostics. */
  get earlyBytes(): number {
    return this.#early.size;
  }

  get size(): number {
    return this.#subs.size;
  }

  open(spec: OpenSpec, opts: SubscribeOptions): Promise<Subscription> {
    return new Promise<Subscription>((resolve, reject) => {
      const host = this.#host;
      const sub = this.#newSub(spec, opts.onError);
      const handle: Subscription = {
        get id() {
          return sub.serverId ?? '';
        },
        unsubscribe: () => this.#unsubscribe(sub),
      };
      const call = this.#subscribeCall(sub, false);
      this.#subs.add(sub);
      const onReply = this.#onReply(sub, () => {
        resolve(handle);
        const signal = opts.signal;
        if (signal) {
          const onAbort = (): void => void handle.unsubscribe();
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
        }
      });
      const onFail = (e: Error): void => {
        sub.call = null;
        this.#end(sub);
        reject(e);
      };
      host.table.addWaiter(call, onReply, onFail, spec.method, opts.timeoutMs ?? host.timeoutMs, opts.signal);
      host.enqueue(call);
    });
  }

  #newSub(spec: OpenSpec, userOnError: ((e: Error) => void) | undefined): Sub {
    return {
      method: spec.method,
      paramsJson: spec.paramsJson,
      unsubscribeMethod: spec.unsubscribeMethod,
      serverId: null,
      active: true,
      replayable: this.#host.replayable(spec.method),
      call: null,
      onEvent: spec.onEvent,
      onError: (e) => {
        if (!userOnError) return this.#host.report(e);
        try {
          userOnError(e);
        } catch (err) {
          this.#host.report(err);
        }
      },
      onEnd: spec.onEnd,
    };
  }

  /** A notification frame (of `bytes` on the wire) for server subscription `sid`. */
  notify(sid: string, params: Record<string, unknown>, bytes: number): void {
    const sub = this.#byServerId.get(sid);
    // Unknown: probably beat its subscribe reply; keep it (bounded) for a short while.
    if (!sub) this.#early.add(sid, params, bytes);
    else this.#deliver(sub, params);
  }

  #deliver(sub: Sub, params: Record<string, unknown>): void {
    if (!sub.active) return;
    if ('error' in params && !('result' in params)) {
      const e = isObject(params.error) ? params.error : {};
      const code = typeof e.code === 'number' ? e.code : 0;
      const message = typeof e.message === 'string' ? e.message : 'subscription error';
      sub.onError(new RpcError(code, message, e.data, sub.method));
      return;
    }
    try {
      sub.onEvent(params.result);
    } catch (e) {
      this.#host.report(e);
    }
  }

  #bind(sub: Sub, result: unknown): void {
    const sid = String(result);
    sub.serverId = sid;
    this.#byServerId.set(sid, sub);
  }

  #flushEarly(sub: Sub): void {
    if (sub.serverId === null) return;
    for (const p of this.#early.claim(sub.serverId)) this.#deliver(sub, p);
  }

  /**
   * The socket dropped: forget server ids and return the calls that re-create every replayable
   * subscription on the next connection. Non-replayable ones end with NotReplayableError.
   */
  detach(reason: string): Call[] {
    this.#early.clear();
    const resubs: Call[] = [];
    for (const sub of this.#subs) {
      if (sub.serverId === null) continue;
      this.#byServerId.delete(sub.serverId);
      sub.serverId = null;
      if (!sub.replayable) {
        this.#end(sub);
        sub.onError(new NotReplayableError(sub.method, { cause: reason }));
        continue;
      }
      resubs.push(this.#resubscribeCall(sub));
    }
    return resubs;
  }

  /** The subscribe call for `sub`: the caller's (`internal` false) or a re-subscribe after a drop. */
  #subscribeCall(sub: Sub, internal: boolean): Call {
    const call = this.#host.table.newCall(sub.method, sub.paramsJson, internal || sub.replayable ? 'replay' : 'reject', internal);
    sub.call = call;
    // If the caller gives up before the reply, a late reply still creates a server-side
    // subscription; undo it.
    call.onLateResult = (result) => this.#sendUnsubscribe(sub.unsubscribeMethod, result);
    return call;
  }

  /** Handles the subscribe reply: binds the server id, runs `then`, delivers early notifications. */
  #onReply(sub: Sub, then: () => void): (result: unknown) => void {
    return (result) => {
      sub.call = null;
      if (!sub.active) return void this.#sendUnsubscribe(sub.unsubscribeMethod, result);
      this.#bind(sub, result);
      then();
      this.#flushEarly(sub);
    };
  }

  /** An internal call that re-creates `sub` on a fresh connection. */
  #resubscribeCall(sub: Sub): Call {
    const call = this.#subscribeCall(sub, true);
    const onFail = (e: Error): void => {
      sub.call = null;
      if (!sub.active) return;
      this.#end(sub);
      sub.onError(e);
    };
    this.#host.table.addWaiter(call, this.#onReply(sub, () => {}), onFail, sub.method, this.#host.timeoutMs);
    return call;
  }

  /** Ends every subscription: with an error (lost for good) or quietly (client closed). */
  endAll(makeErr: (() => Error) | null): void {
    this.#early.clear();
    for (const sub of [...this.#subs]) {
      this.#end(sub);
      if (makeErr) sub.onError(makeErr());
      else sub.onEnd?.();
    }
  }

  #end(sub: Sub): void {
    sub.active = false;
    this.#subs.delete(sub);
    if (sub.serverId !== null && this.#byServerId.get(sub.serverId) === sub) this.#byServerId.delete(sub.serverId);
    this.#host.checkIdle();
  }

  async #unsubscribe(sub: Sub): Promise<void> {
    if (!sub.active) return;
    const serverId = sub.serverId;
    const pendingCall = sub.call;
    this.#end(sub);
    sub.onEnd?.();
    if (pendingCall && pendingCall.internal) {
      // A re-subscribe not yet answered: drop it (a late reply is unsubscribed via onLateResult).
      for (const w of [...pendingCall.waiters]) this.#host.table.dropWaiter(pendingCall, w, new AbortError('resubscribe'));
    }
    if (serverId !== null && this.#host.isOpen()) await this.#sendUnsubscribe(sub.unsubscribeMethod, serverId);
  }

  /** Best effort: the subscription is gone for us either way. */
  #sendUnsubscribe(method: string, serverId: unknown): Promise<void> {
    if (this.#host.isClosed()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const call = this.#host.table.newCall(method, JSON.stringify([serverId]), 'drop', true);
      this.#host.table.addWaiter(call, () => resolve(), () => resolve(), method, this.#host.timeoutMs);
      this.#host.enqueue(call);
    });
  }
}
