// Turns a callback subscription into an AsyncIterableIterator. Kept apart from the client
// because it is pure plumbing: a buffer, a list of waiting next() calls, and end/fail states.
import type { Subscription } from './types.js';

export interface SubscriptionHandlers {
  onEvent(result: unknown): void;
  /** The subscription failed after it was established (or could not be re-established). */
  onError(e: Error): void;
  /** The subscription ended without error (unsubscribed, or the client was closed). */
  onEnd(): void;
}

/** `open` is called lazily, on the first next(). */
export function subscriptionIterator<T>(
  open: (handlers: SubscriptionHandlers) => Promise<Subscription>,
): AsyncIterableIterator<T> {
  const buffered: T[] = [];
  const waiting: { resolve(r: IteratorResult<T>): void; reject(e: Error): void }[] = [];
  let failure: Error | null = null;
  let ended = false;
  let subP: Promise<Subscription> | null = null;

  const end = (): void => {
    ended = true;
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
  };
  const fail = (e: Error): void => {
    if (ended) return;
    ended = true;
    const ws = waiting.splice(0);
    // Delivered to a pending next() if there is one; otherwise to the next call of next().
    if (ws.length > 0) for (const w of ws) w.reject(e);
    else failure = e;
  };
  const start = (): void => {
    if (subP) return;
    subP = open({
      onEvent: (r) => {
        if (ended) return;
        const w = waiting.shift();
        if (w) w.resolve({ value: r as T, done: false });
        else buffered.push(r as T);
      },
      onError: fail,
      onEnd: end,
    });
    subP.catch(fail);
  };

  const it: AsyncIterableIterator<T> = {
    next: () => {
      start();
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (failure) {
        const e = failure;
        failure = null;
        return Promise.reject(e);
      }
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return: async () => {
      const p = subP;
      end();
      buffered.length = 0;
      if (p) {
        try {
          await (await p).unsubscribe();
        } catch {
          /* the subscribe itself failed: nothing to undo */
        }
      }
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
