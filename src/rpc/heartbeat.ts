// Liveness check for an open socket: ping every `intervalMs`; if the ping is still unanswered
// `timeoutMs` later, the socket is presumed half-open (a TCP path that died without a FIN).
import { unref } from './call.js';

export interface HeartbeatHooks {
  /** Sends a ping; `onAnswer` runs on any reply. Returns a check: is the ping still unanswered? */
  ping(onAnswer: () => void): () => boolean;
  onSilent(): void;
}

export class Heartbeat {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly hooks: HeartbeatHooks,
  ) {}

  start(): void {
    this.stop();
    if (this.intervalMs <= 0) return;
    this.timer = setTimeout(() => this.ping(), this.intervalMs);
    unref(this.timer);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.deadline);
    this.timer = undefined;
    this.deadline = undefined;
  }

  private ping(): void {
    this.timer = undefined;
    const waiting = this.hooks.ping(() => this.start());
    this.deadline = setTimeout(() => {
      this.deadline = undefined;
      if (waiting()) this.hooks.onSilent();
    }, this.timeoutMs);
    unref(this.deadline);
  }
}
