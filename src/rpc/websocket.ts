// WebSocket transport. Uses the platform WebSocket when there is one (browsers, Deno, Bun,
// workers, Node >= 22) and otherwise loads `ws` lazily, via a dynamic import, so bundles for
// environments that have a native WebSocket never pull `ws` in.
import type { JsonRpcProvider, ProviderConnection, ProviderStatus } from './provider.js';

/** The subset of the WHATWG WebSocket API we use; both native WebSocket and `ws` satisfy it. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drop the TCP socket without a closing handshake. */
  terminate?: () => void;
  // Event parameters are `any` on purpose: every implementation types its events differently
  // (DOM Event, ws.Event, undici's), and we only read `data`, `code` and `reason`.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  onopen: ((ev: any) => void) | null;
  onmessage: ((ev: any) => void) | null;
  onclose: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;
type WsWithOptions = new (url: string, options: { maxPayload: number }) => WebSocketLike;

export interface WebSocketProviderOptions {
  /** Use this constructor instead of the global WebSocket / `ws`. */
  WebSocket?: WebSocketConstructor;
  /** A socket not open after this long is closed and reported as failed (default 0 = no limit). */
  connectTimeoutMs?: number;
  /**
   * With `ws`: its maxPayload, so a larger frame is refused while it arrives (close code 1009)
   * instead of being downloaded whole (default: ws's own, 100 MiB). Native WebSockets have no such knob.
   */
  maxFrameBytes?: number;
}

const OPEN = 1;
const CONNECTING = 0;
const noop = (): void => {};

let wsModule: Promise<WebSocketConstructor> | undefined;
/** The constructor `ws` exported: it alone takes an options object as second argument. */
let wsCtor: WebSocketConstructor | undefined;

function loadWebSocket(explicit: WebSocketConstructor | undefined): Promise<WebSocketConstructor> {
  if (explicit) return Promise.resolve(explicit);
  const native = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof native === 'function') return Promise.resolve(native as WebSocketConstructor);
  // Cached so 1,000 reconnects do not mean 1,000 module lookups.
  // The specifier is a variable so bundlers leave `ws` out of browser and worker bundles.
  const specifier = 'ws';
  wsModule ??= import(/* @vite-ignore */ specifier).then(
    (m) => (wsCtor = ((m as { WebSocket?: unknown }).WebSocket ?? (m as { default: unknown }).default) as WebSocketConstructor),
    (e: unknown) => {
      wsModule = undefined;
      throw e;
    },
  );
  return wsModule;
}

const decoder = new TextDecoder();

function toText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(data);
  if (ArrayBuffer.isView(data)) return decoder.decode(data);
  if (Array.isArray(data)) {
    // `ws` may hand over fragments as Buffer[] when binaryType is 'fragments'.
    return data.map((d) => toText(d)).join('');
  }
  return String(data);
}

/**
 * A JsonRpcProvider over WebSocket. With several urls, each new connection (i.e. each reconnect)
 * moves on to the next url, so a dead endpoint is skipped on the following attempt.
 */
export function webSocketProvider(url: string | string[], opts: WebSocketProviderOptions = {}): JsonRpcProvider {
  const urls = Array.isArray(url) ? [...url] : [url];
  if (urls.length === 0) throw new TypeError('webSocketProvider needs at least one url');
  let attempt = 0;

  return (onMessage, onStatus, onActivity): ProviderConnection => {
    const target = urls[attempt++ % urls.length]!;
    let ws: WebSocketLike | null = null;
    let closedByCaller = false;
    let reported = false;
    let opened = false;
    // Frames sent before the socket exists/opens; flushed on open.
    let outbox: string[] = [];

    const report = (s: ProviderStatus): void => {
      if (closedByCaller || reported) return;
      if (s.type === 'close') reported = true;
      onStatus(s);
    };

    // Armed before the socket exists, so it also covers a slow `ws` import.
    const connectMs = opts.connectTimeoutMs ?? 0;
    const connectTimer =
      connectMs > 0
        ? setTimeout(() => {
            if (opened || closedByCaller) return;
            report({ type: 'close', reason: `no WebSocket handshake within ${connectMs} ms`, url: target });
            drop();
          }, connectMs)
        : undefined;

    loadWebSocket(opts.WebSocket).then(
      (Ctor) => {
        if (closedByCaller) return;
        let sock: WebSocketLike;
        try {
          sock = Ctor === wsCtor && opts.maxFrameBytes ? new (Ctor as WsWithOptions)(target, { maxPayload: opts.maxFrameBytes }) : new Ctor(target);
        } catch (e) {
          report({ type: 'close', reason: errorText(e), url: target });
          return;
        }
        ws = sock;
        // Text frames arrive as strings either way; this makes binary ones decodable synchronously.
        try {
          sock.binaryType = 'arraybuffer';
        } catch {
          /* some implementations make it read-only */
        }
        sock.onopen = () => {
          if (closedByCaller) return;
          opened = true;
          clearTimeout(connectTimer);
          if (onActivity) watchBytes(sock, onActivity);
          const queued = outbox;
          outbox = [];
          for (const m of queued) sock.send(m);
          report({ type: 'open' });
        };
        sock.onmessage = (ev: { data: unknown }) => {
          if (closedByCaller) return;
          onMessage(toText(ev.data));
        };
        // An error is followed by close; `ws` puts the cause (ECONNREFUSED, ENOTFOUND, a TLS
        // failure, "Unexpected server response: 503") only on the error, so keep it for the close.
        let failure: string | undefined;
        let tooBig = false;
        sock.onerror = (ev: { message?: unknown; error?: unknown } | undefined) => {
          const m = ev?.error instanceof Error ? ev.error.message : ev?.message;
          if (typeof m === 'string' && m !== '') failure = m;
          // `ws` aborts an over-maxPayload frame with this error, then closes with 1006, not 1009.
          tooBig ||= (ev?.error as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
        };
        sock.onclose = (ev: { code?: number; reason?: string } | undefined) => {
          clearTimeout(connectTimer);
          const code = ev?.code ?? 'unknown';
          const why = ev?.reason ? `: ${ev.reason}` : failure ? `: ${failure}` : '';
          // Before open, the cause alone (the error names the problem; ConnectionError adds the url).
          const reason = opened ? `${target} closed (code ${code})${why}` : (failure ?? `closed before opening (code ${code})${why}`);
          report({ type: 'close', reason, url: target, code: tooBig ? 1009 : ev?.code });
        };
      },
      (e: unknown) => {
        report({ type: 'close', reason: `no WebSocket implementation available (install "ws"): ${errorText(e)}` });
      },
    );

    // With `ws`, every send() is its own socket write (a syscall). Corking the TCP socket for the
    // rest of the current task turns a burst of requests (Promise.all of 256 calls) into one
    // writev. `_socket` is ws-internal, hence the defensive probing; native sockets skip this.
    let corked = false;
    const corkBurst = (sock: WebSocketLike): void => {
      if (corked) return;
      const tcp = (sock as { _socket?: { cork?: () => void; uncork?: () => void } })._socket;
      if (typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function') return;
      tcp.cork();
      corked = true;
      queueMicrotask(() => {
        corked = false;
        tcp.uncork!();
      });
    };

    /** Releases the socket without reporting anything further. */
    function drop(): void {
      clearTimeout(connectTimer);
      closedByCaller = true;
      outbox = [];
      const sock = ws;
      ws = null;
      if (!sock) return;
      // Keep no-op handlers rather than null: `ws` throws on an 'error' event with no listener.
      sock.onopen = noop;
      sock.onmessage = noop;
      sock.onclose = noop;
      sock.onerror = noop;
      try {
        if (sock.readyState === CONNECTING && sock.terminate) {
          sock.terminate();
        } else {
          sock.close(1000);
          // A half-open peer never answers the closing handshake; don't hold the TCP socket
          // (and the event loop) for ws's 30 s close timeout.
          if (sock.terminate) {
            const t = setTimeout(() => sock.terminate?.(), 1000);
            (t as { unref?: () => void }).unref?.();
            // Normal case: the peer answers; release the timer (and the socket it holds) now.
            sock.onclose = () => clearTimeout(t);
          }
        }
      } catch {
        /* already closed */
      }
    }

    return {
      send(msg: string): void {
        if (closedByCaller) return;
        if (ws && ws.readyState === OPEN) {
          corkBurst(ws);
          ws.send(msg);
        } else outbox.push(msg);
      },
      close(): void {
        if (closedByCaller) return;
        closedByCaller = true;
        drop();
      },
    };
  };
}

/**
 * `ws` only delivers whole frames; its TCP socket (`_socket`, internal, hence the probing) sees
 * every chunk. Native WebSockets expose nothing finer than a message, so they skip this.
 */
function watchBytes(sock: WebSocketLike, onActivity: () => void): void {
  const tcp = (sock as { _socket?: { on?: (ev: string, fn: () => void) => void } })._socket;
  if (typeof tcp?.on === 'function') tcp.on('data', onActivity);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
