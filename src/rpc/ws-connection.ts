// One WebSocket connection attempt behind the provider seam: queues frames until open, reports
// exactly one 'open' (maybe) then at most one 'close' carrying the url and the cause, fails a
// connect that hangs, and reports a frame refused for size as close code 1009.
import type { ProviderConnection, ProviderStatus } from './provider.js';
import {
  OPEN,
  corkBurst,
  createSocket,
  errorText,
  loadWebSocket,
  releaseSocket,
  toText,
  watchBytes,
  type WebSocketConstructor,
  type WebSocketLike,
} from './ws-socket.js';

export interface WsConnectionOptions {
  WebSocket?: WebSocketConstructor;
  connectTimeoutMs: number;
  maxFrameBytes?: number;
}

export interface WsHandlers {
  onMessage(msg: string): void;
  onStatus(s: ProviderStatus): void;
  onActivity?: () => void;
}

export class WsConnection implements ProviderConnection {
  #ws: WebSocketLike | null = null;
  #closedByCaller = false;
  #reported = false;
  opened = false;
  /** Frames sent before the socket exists/opens; flushed on open. */
  #outbox: string[] = [];
  #corked = false;
  readonly #connectTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #h: WsHandlers;

  constructor(readonly url: string, h: WsHandlers, opts: WsConnectionOptions) {
    this.#h = h;
    // Armed before the socket exists, so it also covers a slow `ws` import.
    const ms = opts.connectTimeoutMs;
    if (ms > 0) this.#connectTimer = setTimeout(() => this.fail(`no WebSocket handshake within ${ms} ms`), ms);
    loadWebSocket(opts.WebSocket).then(
      (Ctor) => this.#start(Ctor, opts.maxFrameBytes),
      (e: unknown) => this.#report({ type: 'close', reason: `no WebSocket implementation available (install "ws"): ${errorText(e)}` }),
    );
  }

  #report(s: ProviderStatus): void {
    if (this.#closedByCaller || this.#reported) return;
    if (s.type === 'close') this.#reported = true;
    this.#h.onStatus(s);
  }

  /** Ends this connection from our side with a reason (connect timeout, switching endpoint). */
  fail(reason: string): void {
    if (this.#closedByCaller || this.#reported) return;
    this.#report({ type: 'close', reason, url: this.url });
    this.#release();
  }

  #start(Ctor: WebSocketConstructor, maxFrameBytes: number | undefined): void {
    if (this.#closedByCaller || this.#reported) return;
    let sock: WebSocketLike;
    try {
      sock = createSocket(Ctor, this.url, maxFrameBytes);
    } catch (e) {
      return this.#report({ type: 'close', reason: errorText(e), url: this.url });
    }
    this.#ws = sock;
    sock.onopen = () => this.#onOpen(sock);
    sock.onmessage = (ev: { data: unknown }) => {
      if (!this.#closedByCaller) this.#h.onMessage(toText(ev.data));
    };
    // An error is followed by close; `ws` puts the cause (ECONNREFUSED, ENOTFOUND, a TLS failure,
    // "Unexpected server response: 503") only on the error, so keep it for the close.
    let failure: string | undefined;
    let tooBig = false;
    sock.onerror = (ev: { message?: unknown; error?: unknown } | undefined) => {
      const m = ev?.error instanceof Error ? ev.error.message : ev?.message;
      if (typeof m === 'string' && m !== '') failure = m;
      // `ws` aborts an over-maxPayload frame with this error, then closes with 1006, not 1009.
      tooBig ||= (ev?.error as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
    };
    sock.onclose = (ev: { code?: number; reason?: string } | undefined) => {
      clearTimeout(this.#connectTimer);
      const code = ev?.code ?? 'unknown';
      const why = ev?.reason ? `: ${ev.reason}` : failure ? `: ${failure}` : '';
      // Before open, the cause alone (the error names the problem; ConnectionError adds the url).
      const reason = this.opened ? `${this.url} closed (code ${code})${why}` : (failure ?? `closed before opening (code ${code})${why}`);
      this.#report({ type: 'close', reason, url: this.url, code: tooBig ? 1009 : ev?.code });
    };
  }

  #onOpen(sock: WebSocketLike): void {
    if (this.#closedByCaller) return;
    this.opened = true;
    clearTimeout(this.#connectTimer);
    if (this.#h.onActivity) watchBytes(sock, this.#h.onActivity);
    const queued = this.#outbox;
    this.#outbox = [];
    for (const m of queued) sock.send(m);
    this.#report({ type: 'open' });
  }

  send(msg: string): void {
    if (this.#closedByCaller) return;
    const ws = this.#ws;
    if (!ws || ws.readyState !== OPEN) return void this.#outbox.push(msg);
    if (!this.#corked && corkBurst(ws)) {
      this.#corked = true;
      queueMicrotask(() => (this.#corked = false));
    }
    ws.send(msg);
  }

  close(): void {
    if (this.#closedByCaller) return;
    this.#closedByCaller = true;
    this.#release();
  }

  #release(): void {
    clearTimeout(this.#connectTimer);
    this.#closedByCaller = true;
    this.#outbox = [];
    const sock = this.#ws;
    this.#ws = null;
    if (sock) releaseSocket(sock);
  }
}
