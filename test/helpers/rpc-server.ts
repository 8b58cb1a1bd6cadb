// A scriptable JSON-RPC WebSocket server for tests and benchmarks. It can inject latency,
// reorder replies, drop sockets, play dead (half-open), send raw frames and push notifications.
import { WebSocketServer, type WebSocket } from 'ws';

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface ServerConn {
  /** Per-connection index, starting at 1. */
  readonly index: number;
  readonly socket: WebSocket;
  /** Push a subscription notification on this connection only. */
  notify(subscription: string, method: string, result: unknown): void;
  sendRaw(frame: string): void;
}

export type Handler = (method: string, params: unknown[], conn: ServerConn) => unknown;

const RAW = Symbol('raw reply');
export interface RawReply {
  [RAW]: (id: unknown) => string | null;
}
/**
 * Returned by a handler: the server sends `make(id)` verbatim instead of a well-formed reply, or
 * nothing at all when it returns null (a request that is never answered).
 */
export function rawReply(make: (id: unknown) => string | null): RawReply {
  return { [RAW]: make };
}
function isRaw(v: unknown): v is RawReply {
  return typeof v === 'object' && v !== null && RAW in v;
}

export interface RpcServerOptions {
  /** Returns the result, or throws `{code, message, data?}` to reply with an error. */
  handler?: Handler;
  latencyMs?: number;
  /** Canned results keyed by `method + JSON.stringify(params)`. Checked before the handler. */
  table?: Record<string, unknown>;
  /** Reply to JSON arrays with one `id: null` -32600 error, like a server without batch support. */
  rejectBatches?: boolean;
  /** Listen on this port (default: a free one), e.g. to bring a stopped server back on its url. */
  port?: number;
}

export interface RpcServer {
  readonly url: string;
  readonly port: number;
  /** Connections accepted in total. */
  readonly connectionCount: number;
  /** Sockets currently open on the server side. */
  readonly openConnections: number;
  /** Individual requests received (a batch of n counts n). */
  readonly messagesReceived: number;
  readonly requestsByMethod: Map<string, number>;
  setLatency(ms: number): void;
  reorder(on: boolean): void;
  rejectBatches(on: boolean): void;
  /** Terminate every client socket (no closing handshake), like a network drop. */
  dropAll(): void;
  /**
   * On: the connections open right now go silent (requests swallowed, nothing sent), like a
   * TCP path that died without a FIN. Connections accepted later work normally. Off: revive.
   */
  halfOpen(on: boolean): void;
  sendRaw(frame: string): void;
  notify(subscriptionId: string, method: string, result: unknown): void;
  close(): Promise<void>;
}

/** Default handler: echo params, plus a few substrate-ish methods tests rely on. */
function defaultHandler(method: string, params: unknown[]): unknown {
  switch (method) {
    case 'system_health':
      return { peers: 1, isSyncing: false, shouldHavePeers: true };
    case 'chain_getHeader':
      return { number: '0x1', parentHash: `0x${'00'.repeat(32)}` };
    case 'author_submitExtrinsic':
      return `0x${'ab'.repeat(32)}`;
    default:
      return params;
  }
}

export async function startRpcServer(opts: RpcServerOptions = {}): Promise<RpcServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: opts.port ?? 0, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const port = (wss.address() as { port: number }).port;

  let latency = opts.latencyMs ?? 0;
  let reorderOn = false;
  const silent = new Set<WebSocket>();
  let rejectBatchesOn = opts.rejectBatches ?? false;
  let connectionCount = 0;
  let messagesReceived = 0;
  const requestsByMethod = new Map<string, number>();
  const sockets = new Set<WebSocket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const handler = opts.handler ?? ((m, p) => defaultHandler(m, p));
  const table = opts.table;

  const later = (fn: () => void, ms: number): void => {
    if (ms <= 0) return void queueMicrotask(fn);
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  // Replies due at the same moment go out in one TCP write (like a real node under load), so
  // the benchmark measures the client, not the mock's syscalls.
  const corked = new WeakSet<WebSocket>();
  const send = (ws: WebSocket, frame: string): void => {
    if (silent.has(ws) || ws.readyState !== ws.OPEN) return;
    const tcp = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (tcp && !corked.has(ws)) {
      corked.add(ws);
      tcp.cork();
      setImmediate(() => {
        corked.delete(ws);
        tcp.uncork();
      });
    }
    ws.send(frame);
  };

  const answer = async (req: unknown, conn: ServerConn): Promise<unknown> => {
    if (typeof req !== 'object' || req === null || Array.isArray(req)) {
      return { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } };
    }
    const { id, method, params } = req as { id?: unknown; method?: unknown; params?: unknown };
    messagesReceived++;
    if (typeof method !== 'string') {
      return { jsonrpc: '2.0', id: id ?? null, error: { code: -32600, message: 'Invalid Request' } };
    }
    requestsByMethod.set(method, (requestsByMethod.get(method) ?? 0) + 1);
    const ps = Array.isArray(params) ? params : [];
    try {
      const key = method + JSON.stringify(ps);
      const result = table && key in table ? table[key] : await handler(method, ps, conn);
      if (isRaw(result)) return result;
      return { jsonrpc: '2.0', id, result: result === undefined ? null : result };
    } catch (e) {
      const err = e as Partial<RpcErrorObject>;
      return {
        jsonrpc: '2.0',
        id,
        error: { code: err.code ?? -32603, message: err.message ?? String(e), ...(err.data !== undefined ? { data: err.data } : {}) },
      };
    }
  };

  wss.on('connection', (ws) => {
    connectionCount++;
    sockets.add(ws);
    const conn: ServerConn = {
      index: connectionCount,
      socket: ws,
      notify: (subscription, method, result) =>
        send(ws, JSON.stringify({ jsonrpc: '2.0', method, params: { subscription, result } })),
      sendRaw: (frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      },
    };
    const forget = (): void => {
      sockets.delete(ws);
      silent.delete(ws);
    };
    ws.on('close', forget);
    ws.on('error', forget);
    ws.on('message', (data) => {
      if (silent.has(ws)) return;
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        send(ws, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
        return;
      }
      // Jitter so that with reorder on, replies overtake each other.
      const delay = (): number => (reorderOn ? Math.floor(Math.random() * (latency + 20)) : latency);
      if (Array.isArray(msg)) {
        if (rejectBatchesOn) {
          messagesReceived++;
          later(
            () => send(ws, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Batch not supported' } })),
            delay(),
          );
          return;
        }
        void Promise.all(msg.map((r) => answer(r, conn))).then((replies) => {
          later(() => send(ws, JSON.stringify(reorderOn ? replies.reverse() : replies)), delay());
        });
        return;
      }
      void answer(msg, conn).then((reply) => {
        const frame = isRaw(reply) ? reply[RAW]((msg as { id?: unknown }).id) : JSON.stringify(reply);
        if (frame !== null) later(() => send(ws, frame), delay());
      });
    });
  });

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    get connectionCount() {
      return connectionCount;
    },
    get openConnections() {
      return sockets.size;
    },
    get messagesReceived() {
      return messagesReceived;
    },
    requestsByMethod,
    setLatency(ms) {
      latency = ms;
    },
    reorder(on) {
      reorderOn = on;
    },
    rejectBatches(on) {
      rejectBatchesOn = on;
    },
    dropAll() {
      for (const ws of sockets) ws.terminate();
      sockets.clear();
    },
    halfOpen(on) {
      if (on) for (const ws of sockets) silent.add(ws);
      else silent.clear();
    },
    sendRaw(frame) {
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
    },
    notify(subscriptionId, method, result) {
      const frame = JSON.stringify({ jsonrpc: '2.0', method, params: { subscription: subscriptionId, result } });
      for (const ws of sockets) send(ws, frame);
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
