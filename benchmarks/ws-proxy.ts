// A counting WebSocket proxy: a `ws` server on 127.0.0.1 that forwards every frame to an upstream
// node (one upstream socket per client socket), optionally holding each message `delayMs` in each
// direction, and counting bytes and connections. Used by the network benchmarks so that every
// library is measured through the same pipe (and with the same injected latency).
import { WebSocketServer, WebSocket, type RawData } from 'ws';

export interface ProxyStats {
  connections: number;
  /** Bytes of message payload sent from the node to clients. */
  bytesToClient: number;
  /** Bytes of message payload sent from clients to the node. */
  bytesToServer: number;
  messagesToClient: number;
  messagesToServer: number;
  /** JSON-RPC requests sent by clients, by method (batches counted per call). */
  methods: Record<string, number>;
}

export interface WsProxy {
  url: string;
  stats: ProxyStats;
  /** Set the one-way delay applied to every message in each direction (ms). */
  setDelay(ms: number): void;
  reset(): void;
  /** Currently open client sockets. */
  open(): number;
  close(): Promise<void>;
}

const size = (d: RawData): number =>
  Array.isArray(d) ? d.reduce((n, b) => n + b.length, 0) : d instanceof ArrayBuffer ? d.byteLength : (d as Buffer).length;

export async function startProxy(upstream: string, opts: { delayMs?: number } = {}): Promise<WsProxy> {
  let delay = opts.delayMs ?? 0;
  const stats: ProxyStats = { connections: 0, bytesToClient: 0, bytesToServer: 0, messagesToClient: 0, messagesToServer: 0, methods: {} };
  const countMethods = (d: RawData) => {
    try {
      const j = JSON.parse(String(d));
      for (const m of Array.isArray(j) ? j : [j]) if (m && typeof m.method === 'string') stats.methods[m.method] = (stats.methods[m.method] ?? 0) + 1;
    } catch {}
  };
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();

  // Forward preserving order: a fixed delay keeps FIFO order because timers of equal delay fire in
  // creation order; when the delay changes mid-stream we still chain through a per-socket queue.
  const forwarder = (to: () => WebSocket | null, count: (n: number) => void) => {
    let last = 0;
    return (data: RawData, isBinary: boolean) => {
      count(size(data));
      const send = () => {
        const ws = to();
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(data, { binary: isBinary });
      };
      if (delay <= 0) return send();
      const due = Math.max(Date.now() + delay, last);
      last = due;
      setTimeout(send, due - Date.now());
    };
  };

  wss.on('connection', (client) => {
    stats.connections++;
    sockets.add(client);
    const up = new WebSocket(upstream, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    const pending: [RawData, boolean][] = [];
    let upOpen = false;
    const toServer = forwarder(() => up, (n) => { stats.bytesToServer += n; stats.messagesToServer++; });
    client.on('message', (d) => countMethods(d));
    const toClient = forwarder(() => client, (n) => { stats.bytesToClient += n; stats.messagesToClient++; });
    up.on('open', () => {
      upOpen = true;
      for (const [d, b] of pending.splice(0)) toServer(d, b);
    });
    client.on('message', (d, b) => (upOpen ? toServer(d, b) : pending.push([d, b])));
    up.on('message', (d, b) => toClient(d, b));
    const end = () => {
      sockets.delete(client);
      try { client.close(); } catch {}
      try { up.close(); } catch {}
    };
    client.on('close', end);
    client.on('error', end);
    up.on('close', end);
    up.on('error', end);
  });

  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    stats,
    setDelay: (ms) => (delay = ms),
    reset: () => {
      stats.connections = stats.bytesToClient = stats.bytesToServer = stats.messagesToClient = stats.messagesToServer = 0;
      stats.methods = {};
    },
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close(() => resolve());
      }),
  };
}
