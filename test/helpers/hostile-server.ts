// Hostile endpoints on 127.0.0.1 for socket-fault tests: a WebSocket server that drops every
// connection right after accepting it (a flapping node), an HTTP server that refuses the upgrade
// with a status, a TCP server that accepts and never says a word, and a port nobody listens on.
// Also writes a WebSocket text frame to a socket slowly, chunk by chunk (a slow drip).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Hostile {
  readonly url: string;
  readonly port: number;
  /** Connections (TCP or WebSocket, depending on the kind) accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

function listening(server: NetServer | HttpServer, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/** Accepts the WebSocket upgrade, then terminates the socket after `afterMs`. */
export async function startFlappingServer(afterMs = 0): Promise<Hostile> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  let connections = 0;
  wss.on('connection', (ws) => {
    connections++;
    setTimeout(() => ws.terminate(), afterMs);
  });
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((r) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => r());
      }),
  };
}

/** Answers every upgrade request with an HTTP status (e.g. 503 behind a load balancer). */
export async function startHttpRefuser(status: number): Promise<Hostile> {
  let connections = 0;
  const server = createHttpServer((_req, res) => res.writeHead(status).end());
  server.on('upgrade', (_req, socket: Socket) => {
    connections++;
    socket.end(`HTTP/1.1 ${status} Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  const port = await listening(server);
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Accepts TCP and never answers the HTTP upgrade: a connect that hangs. */
export async function startBlackhole(): Promise<Hostile> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((s) => {
    connections++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  const port = await listening(server);
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * A TLS WebSocket endpoint whose certificate is self-signed (so clients refuse it), or undefined
 * when no `openssl` is available to make one.
 */
export async function startUntrustedTls(): Promise<Hostile | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], {
      stdio: 'ignore',
    });
    let connections = 0;
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) });
    server.on('secureConnection', () => connections++);
    const port = await listening(server as unknown as NetServer);
    return {
      url: `wss://127.0.0.1:${port}`,
      port,
      get connections() {
        return connections;
      },
      close: () => new Promise((r) => server.close(() => r())),
    };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A loopback url on which nothing listens (connections are refused). */
export async function refusedUrl(): Promise<string> {
  const server = createNetServer();
  const port = await listening(server);
  await new Promise<void>((r) => server.close(() => r()));
  return `ws://127.0.0.1:${port}`;
}

/** Server-to-client WebSocket frame header for an unmasked text frame of `len` bytes. */
function frameHeader(len: number): Buffer {
  if (len < 126) return Buffer.from([0x81, len]);
  if (len < 65536) {
    const h = Buffer.alloc(4);
    h[0] = 0x81;
    h[1] = 126;
    h.writeUInt16BE(len, 2);
    return h;
  }
  const h = Buffer.alloc(10);
  h[0] = 0x81;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(len), 2);
  return h;
}

/**
 * Writes `text` as one WebSocket text frame straight onto the server socket of `ws`, in chunks of
 * `chunkBytes` every `intervalMs`. Resolves when the last byte is written. Nothing else may be
 * sent on `ws` meanwhile (it would land inside this frame).
 */
export async function dripFrame(ws: WebSocket, text: string, chunkBytes: number, intervalMs: number): Promise<void> {
  const tcp = (ws as unknown as { _socket: Socket })._socket;
  const body = Buffer.from(text, 'utf8');
  const bytes = Buffer.concat([frameHeader(body.length), body]);
  for (let off = 0; off < bytes.length; off += chunkBytes) {
    if (tcp.destroyed) return;
    tcp.write(bytes.subarray(off, off + chunkBytes));
    if (off + chunkBytes < bytes.length) await new Promise((r) => setTimeout(r, intervalMs));
  }
}
