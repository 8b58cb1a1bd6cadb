// The WebSocket implementation and what we do to one socket: load the platform WebSocket (or
// `ws`, lazily), create a socket, decode frames, cork bursts, watch raw bytes, release it.
// Uses the platform WebSocket when there is one (browsers, Deno, Bun, workers, Node >= 22) and
// otherwise loads `ws` via a dynamic import, so bundles for environments that have a native
// WebSocket never pull `ws` in.

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

export const OPEN = 1;
const CONNECTING = 0;
export const noop = (): void => {};

let wsModule: Promise<WebSocketConstructor> | undefined;
/** The constructor `ws` exported: it alone takes an options object as second argument. */
let wsCtor: WebSocketConstructor | undefined;

export function loadWebSocket(explicit: WebSocketConstructor | undefined): Promise<WebSocketConstructor> {
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

/** With `ws`, maxPayload makes it refuse an oversized frame while it arrives, not after. */
export function createSocket(Ctor: WebSocketConstructor, url: string, maxFrameBytes: number | undefined): WebSocketLike {
  const sock = Ctor === wsCtor && maxFrameBytes ? new (Ctor as WsWithOptions)(url, { maxPayload: maxFrameBytes }) : new Ctor(url);
  // Text frames arrive as strings either way; this makes binary ones decodable synchronously.
  try {
    sock.binaryType = 'arraybuffer';
  } catch {
    /* some implementations make it read-only */
  }
  return sock;
}

const decoder = new TextDecoder();

export function toText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(data);
  if (ArrayBuffer.isView(data)) return decoder.decode(data);
  if (Array.isArray(data)) {
    // `ws` may hand over fragments as Buffer[] when binaryType is 'fragments'.
    return data.map((d) => toText(d)).join('');
  }
  return String(data);
}

type TcpLike = { cork?: () => void; uncork?: () => void; on?: (ev: string, fn: () => void) => void };

/**
 * With `ws`, every send() is its own socket write (a syscall). Corking the TCP socket for the
 * rest of the current task turns a burst of requests (Promise.all of 256 calls) into one writev.
 * `_socket` is ws-internal, hence the defensive probing; native sockets skip this.
 * Returns false if it could not cork (or the socket is corked already).
 */
export function corkBurst(sock: WebSocketLike): boolean {
  const tcp = (sock as { _socket?: TcpLike })._socket;
  if (typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function') return false;
  tcp.cork();
  queueMicrotask(() => tcp.uncork!());
  return true;
}

/**
 * `ws` only delivers whole frames; its TCP socket sees every chunk. Native WebSockets expose
 * nothing finer than a message, so they skip this.
 */
export function watchBytes(sock: WebSocketLike, onActivity: () => void): void {
  const tcp = (sock as { _socket?: TcpLike })._socket;
  if (typeof tcp?.on === 'function') tcp.on('data', onActivity);
}

/** Closes a socket without one of its handlers running again. */
export function releaseSocket(sock: WebSocketLike): void {
  // Keep no-op handlers rather than null: `ws` throws on an 'error' event with no listener.
  sock.onopen = noop;
  sock.onmessage = noop;
  sock.onclose = noop;
  sock.onerror = noop;
  try {
    if (sock.readyState === CONNECTING && sock.terminate) return sock.terminate();
    sock.close(1000);
    // A half-open peer never answers the closing handshake; don't hold the TCP socket (and the
    // event loop) for ws's 30 s close timeout.
    if (sock.terminate) {
      const t = setTimeout(() => sock.terminate?.(), 1000);
      (t as { unref?: () => void }).unref?.();
      // Normal case: the peer answers; release the timer (and the socket it holds) now.
      sock.onclose = () => clearTimeout(t);
    }
  } catch {
    /* already closed */
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
