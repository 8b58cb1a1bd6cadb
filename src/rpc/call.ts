// The internal shapes shared by the request table, the outbox and the subscription table.
// A *call* is one wire request; a *waiter* is one caller awaiting it. Coalescing attaches many
// waiters to one call, so an abort/timeout only drops that caller, and the call itself is
// dropped when its last waiter leaves.

export interface Waiter {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer?: ReturnType<typeof setTimeout>;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** What happens to an in-flight call when the socket drops. */
export type OnDrop = 'replay' | 'reject' | 'drop';

export interface Call {
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

export type QueueItem = Call | Call[];

export function unref(t: ReturnType<typeof setTimeout> | undefined): void {
  (t as { unref?: () => void } | undefined)?.unref?.();
}
