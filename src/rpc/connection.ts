// The connection lifecycle: opening a connection through the provider, the client state machine,
// reconnect with backoff, and the idle close. Knows nothing about requests or subscriptions;
// the client is told when the socket opens, delivers a frame, or is lost.
import { backoffDelay } from './backoff.js';
import { unref } from './call.js';
import { ConnectionError } from './errors.js';
import type { JsonRpcProvider, ProviderConnection, ProviderStatus } from './provider.js';
import type { ClientState, ReconnectOptions } from './types.js';

export interface ConnectionEvents {
  onOpen(): void;
  onMessage(raw: string): void;
  /** Bytes arrived on the current connection (maybe mid-frame). */
  onActivity(): void;
  /** The socket went away without us asking; it is already torn down. */
  onLost(reason: string, code?: number): void;
  /** No endpoint could be reached when a connection was first needed (from 'idle'). */
  onUnreachable(e: ConnectionError): void;
  onState(s: ClientState): void;
}

export interface ConnectionOptions {
  reconnect: Required<ReconnectOptions> | false;
  /** A connection not open after this long has failed (0 = no limit). */
  connectTimeoutMs: number;
  /** Endpoints behind the provider: a first connect tries each once before giving up. */
  endpoints: number;
}

export class Connection {
  #state: ClientState = 'idle';
  #conn: ProviderConnection | null = null;
  /** Bumped per connection so late callbacks from an old socket are ignored. */
  #generation = 0;
  /** Consecutive connections that ended without one successful reply; `retries` bounds it. */
  #failures = 0;
  /** Backoff exponent. Grows with every reconnect until a connection has stayed up for a while. */
  #step = 0;
  /** The current connection produced a successful reply. */
  #replied = false;
  #openedAt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Endpoints that failed to open during the current first connect. */
  #openFailures = 0;
  readonly #reconnect: Required<ReconnectOptions> | false;
  readonly #provider: JsonRpcProvider;
  readonly #opts: ConnectionOptions;
  readonly #events: ConnectionEvents;

  constructor(provider: JsonRpcProvider, opts: ConnectionOptions, events: ConnectionEvents) {
    this.#provider = provider;
    this.#opts = opts;
    this.#events = events;
    this.#reconnect = opts.reconnect;
  }

  get state(): ClientState {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#state === 'open' && this.#conn !== null;
  }

  #setState(s: ClientState): void {
    if (this.#state === s) return;
    this.#state = s;
    this.#events.onState(s);
  }

  /** Work arrived: connect if there is no connection. */
  ensure(): void {
    if (this.#state === 'idle') this.#connect('connecting');
  }

  /** Writes one frame; a failed write counts as a lost connection. */
  write(frame: string): boolean {
    if (!this.#conn) return false;
    try {
      this.#conn.send(frame);
      return true;
    } catch (e) {
      this.lose(`send failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  /** A reply arrived for one of our requests: the endpoint works. */
  markReply(): void {
    this.#replied = true;
    this.#failures = 0;
  }

  #connect(as: 'connecting' | 'reconnecting'): void {
    const gen = ++this.#generation;
    this.#replied = false;
    this.#openedAt = 0;
    this.#setState(as);
    // A provider may report status synchronously, before it has returned the connection we
    // would send on; hold such reports until `this.#conn` is set.
    let returned = false;
    const early: ProviderStatus[] = [];
    const onStatus = (s: ProviderStatus): void => {
      if (gen !== this.#generation) return;
      if (!returned) return void early.push(s);
      if (s.type === 'open') this.#opened();
      else this.#closed(s.reason, s.url, s.code);
    };
    try {
      const onMessage = (msg: string): void => {
        if (gen === this.#generation) this.#events.onMessage(msg);
      };
      const onActivity = (): void => {
        if (gen === this.#generation) this.#events.onActivity();
      };
      this.#conn = this.#provider(onMessage, onStatus, onActivity);
      returned = true;
      // After the provider's own timer (same length, armed earlier), which can name the url.
      this.#armConnectTimer(gen);
      for (const s of early) onStatus(s);
    } catch (e) {
      this.#conn = null;
      // Providers should report failure via onStatus; treat a throw the same way, but async so
      // the caller's request() has finished registering first.
      queueMicrotask(() => {
        if (gen === this.#generation) this.#closed(`provider failed: ${e instanceof Error ? e.message : String(e)}`, undefined);
      });
    }
  }

  #armConnectTimer(gen: number): void {
    clearTimeout(this.#connectTimer);
    const ms = this.#opts.connectTimeoutMs;
    if (ms <= 0) return;
    // Not unref'd: a pending first request must not let the process exit before it fails.
    this.#connectTimer = setTimeout(() => {
      if (gen === this.#generation && this.#state !== 'open') this.#closed(`no WebSocket handshake within ${ms} ms`, undefined);
    }, ms);
  }

  /** A connection ended. Before it ever opened from 'idle', that is a failure to reach the endpoint. */
  #closed(reason: string, url: string | undefined, code?: number): void {
    clearTimeout(this.#connectTimer);
    if (this.#state !== 'connecting') return this.lose(reason, code);
    this.#teardown();
    // Several endpoints: try the next one straight away (the provider moves on after a failure).
    if (++this.#openFailures < this.#opts.endpoints) return this.#connect('connecting');
    this.#openFailures = 0;
    this.#events.onUnreachable(new ConnectionError(url, reason));
  }

  #opened(): void {
    clearTimeout(this.#connectTimer);
    this.#openFailures = 0;
    this.#openedAt = Date.now();
    this.#setState('open');
    this.#events.onOpen();
  }

  /** Tears the socket down (if there is one) and tells the client. */
  lose(reason: string, code?: number): void {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    this.#teardown();
    this.#events.onLost(reason, code);
  }

  #teardown(): void {
    const conn = this.#conn;
    this.#conn = null;
    this.#generation++;
    this.cancelIdle();
    try {
      conn?.close();
    } catch {
      /* already gone */
    }
  }

  /**
   * Schedules the next attempt after a backoff; false when the retries are used up (counted in
   * connections without a successful reply, so a server that accepts and then drops every
   * connection still exhausts them). The backoff only starts over after a connection stayed up
   * for twice the ceiling, which bounds the reconnect rate against a flapping server even when
   * each connection answers once (default options: at most ~12 connections a minute).
   */
  retry(): boolean {
    const r = this.#reconnect;
    if (!this.#replied) this.#failures++;
    if (this.#openedAt > 0 && Date.now() - this.#openedAt >= 2 * Math.max(r ? r.maxDelayMs : 0, 1)) this.#step = 0;
    this.#openedAt = 0;
    this.#replied = false;
    if (r === false || this.#failures > r.retries) {
      this.#failures = 0;
      this.#step = 0;
      return false;
    }
    const delay = backoffDelay(this.#step++, r.minDelayMs, r.maxDelayMs, Math.random());
    this.#setState('reconnecting');
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => {
      if (this.#state === 'reconnecting') this.#connect('reconnecting');
    }, delay);
    return true;
  }

  /** Closes the socket after `ms` unless `busy()` or new work cancels it first. */
  scheduleIdle(ms: number, busy: () => boolean, onIdle: () => void): void {
    if (ms <= 0 || this.#state !== 'open' || busy()) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#state !== 'open' || busy()) return;
      this.#teardown();
      onIdle();
      this.#setState('idle');
    }, ms);
    unref(this.#idleTimer);
  }

  cancelIdle(): void {
    if (this.#idleTimer === undefined) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** The socket is gone (idle or given up): the next request connects again. */
  toIdle(): void {
    this.#setState('idle');
  }

  close(): void {
    this.#setState('closed');
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#connectTimer);
    this.#teardown();
  }
}
