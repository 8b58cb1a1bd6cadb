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

interface Waiting<T> {
  resolve(r: IteratorResult<T>): void;
  reject(e: Error): void;
}

/** Events not yet pulled, pulls not yet served, and how the stream ended. */
class EventQueue<T> {
  readonly #buffered: T[] = [];
  readonly #waiting: Waiting<T>[] = [];
  #failure: Error | null = null;
  #ended = false;

  push(r: T): void {
    if (this.#ended) return;
    const w = this.#waiting.shift();
    if (w) w.resolve({ value: r, done: false });
    else this.#buffered.push(r);
  }

  end(): void {
    this.#ended = true;
    for (const w of this.#waiting.splice(0)) w.resolve({ value: undefined, done: true });
  }

  /** Delivered to a pending next() if there is one; otherwise to the next call of next(). */
  fail(e: Error): void {
    if (this.#ended) return;
    this.#ended = true;
    const ws = this.#waiting.splice(0);
    if (ws.length > 0) for (const w of ws) w.reject(e);
    else this.#failure = e;
  }

  pull(): Promise<IteratorResult<T>> {
    if (this.#buffered.length > 0) return Promise.resolve({ value: this.#buffered.shift()!, done: false });
    if (this.#failure) {
      const e = this.#failure;
      this.#failure = null;
      return Promise.reject(e);
    }
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  discard(): void {
    this.end();
    this.#buffered.length = 0;
  }
}

/** `open` is called lazily, on the first next(). */
export function subscriptionIterator<T>(
  open: (handlers: SubscriptionHandlers) => Promise<Subscription>,
): AsyncIterableIterator<T> {
  const q = new EventQueue<T>();
  let subP: Promise<Subscription> | null = null;
  const start = (): void => {
    if (subP) return;
    subP = open({ onEvent: (r) => q.push(r as T), onError: (e) => q.fail(e), onEnd: () => q.end() });
    subP.catch((e: Error) => q.fail(e));
  };

  const it: AsyncIterableIterator<T> = {
    next: () => {
      start();
      return q.pull();
    },
    return: async () => {
      const p = subP;
      q.discard();
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
