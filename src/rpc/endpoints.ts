// Endpoint policy for a provider with several urls: prefer the first (the primary); move to the
// next url only when a connection fails to open; while away from the primary, probe it with
// backoff and go back as soon as it answers. An idle close or a drop of a healthy connection is
// not a failure, so it does not move us off the primary.
import { unref } from './call.js';

export interface FailbackOptions {
  /** First delay before probing the primary again (default 1000 ms); doubles per failed probe. */
  minDelayMs?: number;
  /** Probe delay ceiling (default 60 000 ms). */
  maxDelayMs?: number;
}

export interface EndpointHooks {
  /** Try to open the primary; call `done(true)` if it opened (and close it), `done(false)` if not. */
  probe(done: (ok: boolean) => void): void;
  /** The primary answered a probe: the caller should move its live connection back to it. */
  primaryBack(): void;
}

export class EndpointPolicy {
  #current = 0;
  #step = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #probing = false;
  readonly #minMs: number;
  readonly #maxMs: number;
  readonly #count: number;
  readonly #hooks: EndpointHooks;

  constructor(count: number, opts: FailbackOptions, hooks: EndpointHooks) {
    this.#count = count;
    this.#hooks = hooks;
    this.#minMs = Math.max(1, opts.minDelayMs ?? 1000);
    this.#maxMs = Math.max(this.#minMs, opts.maxDelayMs ?? 60_000);
  }

  /** The url index the next connection should use. */
  get index(): number {
    return this.#current;
  }

  /** A connection to `i` never opened: fail over to the next url. */
  failed(i: number): void {
    if (i !== this.#current || this.#count === 1) return;
    this.#current = (i + 1) % this.#count;
    if (this.#current === 0) this.#stopProbing();
    else this.#scheduleProbe();
  }

  /** A connection to `i` opened. */
  opened(i: number): void {
    if (i === 0) this.#stopProbing();
  }

  #stopProbing(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#step = 0;
  }

  #scheduleProbe(): void {
    if (this.#timer !== undefined || this.#probing || this.#current === 0) return;
    const delay = Math.min(this.#maxMs, this.#minMs * 2 ** Math.min(this.#step++, 30));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#probing = true;
      this.#hooks.probe((ok) => {
        this.#probing = false;
        if (this.#current === 0) return;
        if (!ok) return this.#scheduleProbe();
        this.#current = 0;
        this.#step = 0;
        this.#hooks.primaryBack();
      });
    }, delay);
    // A probe must not keep a process alive that has nothing else to do.
    unref(this.#timer);
  }
}
