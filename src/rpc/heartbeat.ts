// Liveness check for an open socket: ping every `intervalMs`; if the ping is unanswered and
// nothing at all has arrived for `timeoutMs`, the socket is presumed half-open (a TCP path that
// died without a FIN). Data arriving proves the link alive: a reply queued behind a large frame
// that arrives slowly is late, not lost, so only silence counts.
import { unref } from './call.js';

export interface HeartbeatHooks {
  /** Sends a ping; `onAnswer` runs on every reply. Returns a check: is the ping still unanswered? */
  ping(onAnswer: () => void): () => boolean;
  onSilent(): void;
}

export class Heartbeat {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #lastActivity = 0;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #hooks: HeartbeatHooks;

  constructor(intervalMs: number, timeoutMs: number, hooks: HeartbeatHooks) {
    this.#intervalMs = intervalMs;
    this.#timeoutMs = timeoutMs;
    this.#hooks = hooks;
  }

  start(): void {
    this.stop();
    if (this.#intervalMs <= 0) return;
    this.#timer = setTimeout(() => this.#ping(), this.#intervalMs);
    unref(this.#timer);
  }

  stop(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#deadline);
    this.#timer = undefined;
    this.#deadline = undefined;
  }

  /** Something arrived (a frame, or bytes of one). */
  activity(): void {
    this.#lastActivity = Date.now();
  }

  #ping(): void {
    this.#timer = undefined;
    const waiting = this.#hooks.ping(() => this.start());
    this.#lastActivity = Date.now();
    this.#arm(waiting, this.#timeoutMs);
  }

  #arm(waiting: () => boolean, ms: number): void {
    this.#deadline = setTimeout(() => {
      this.#deadline = undefined;
      if (!waiting()) return;
      const quiet = Date.now() - this.#lastActivity;
      if (quiet < this.#timeoutMs) return this.#arm(waiting, this.#timeoutMs - quiet);
      this.#hooks.onSilent();
    }, ms);
    unref(this.#deadline);
  }
}
