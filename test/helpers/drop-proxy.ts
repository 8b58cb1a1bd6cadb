// A WebSocket proxy in front of a real node whose connections can be cut, to prove reconnect and
// re-subscribe end to end (the fault tests use the scriptable server; this one uses the chain).
import { WebSocket, WebSocketServer } from 'ws';

export interface DropProxy {
  url: string;
  connections: number;
  /** Terminate every client and upstream socket, like a network drop. */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startDropProxy(upstream: string): Promise<DropProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const pairs = new Set<[WebSocket, WebSocket]>();
  let connections = 0;
  wss.on('connection', (client) => {
    connections++;
    const up = new WebSocket(upstream);
    const pair: [WebSocket, WebSocket] = [client, up];
    pairs.add(pair);
    const queue: string[] = [];
    up.on('open', () => queue.splice(0).forEach((m) => up.send(m)));
    client.on('message', (d) => (up.readyState === WebSocket.OPEN ? up.send(d.toString()) : queue.push(d.toString())));
    up.on('message', (d) => client.readyState === WebSocket.OPEN && client.send(d.toString()));
    const end = () => {
      pairs.delete(pair);
      client.terminate();
      up.terminate();
    };
    client.on('close', end);
    up.on('close', end);
    client.on('error', end);
    up.on('error', end);
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    get connections() {
      return connections;
    },
    dropAll() {
      for (const [c, u] of pairs) {
        c.terminate();
        u.terminate();
      }
      pairs.clear();
    },
    close: () =>
      new Promise((r) => {
        for (const [c, u] of pairs) {
          c.terminate();
          u.terminate();
        }
        wss.close(() => r());
      }),
  };
}
