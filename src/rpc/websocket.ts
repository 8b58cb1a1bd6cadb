// WebSocket transport: a JsonRpcProvider over one or more urls. Each call of the provider is one
// connection attempt (ws-connection.ts); which url it goes to is the endpoint policy's choice
// (endpoints.ts): the first url while it works, the next one after a failure, and back to the
// first once a probe finds it answering again.
import { SubstrateLiteError } from '../errors.js';
import { EndpointPolicy, type FailbackOptions } from './endpoints.js';
import type { JsonRpcProvider, ProviderConnection } from './provider.js';
import { WsConnection } from './ws-connection.js';
import type { WebSocketConstructor } from './ws-socket.js';

export type { WebSocketConstructor, WebSocketLike } from './ws-socket.js';
export type { FailbackOptions } from './endpoints.js';

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
  /** How often to probe the first url while connected to another (backoff from 1 s to 60 s). */
  failback?: FailbackOptions;
}

/**
 * A JsonRpcProvider over WebSocket. With several urls: prefer the first; fail over to the next
 * when a connection cannot be opened; while on a fallback, probe the first with backoff and,
 * once it answers, close the fallback connection so the client reconnects to the first (the
 * client replays reads and re-subscribes as after every drop).
 */
export function webSocketProvider(url: string | string[], opts: WebSocketProviderOptions = {}): JsonRpcProvider {
  const urls = Array.isArray(url) ? [...url] : [url];
  if (urls.length === 0) throw new SubstrateLiteError('webSocketProvider needs at least one url');
  const connOpts = { WebSocket: opts.WebSocket, connectTimeoutMs: opts.connectTimeoutMs ?? 0, maxFrameBytes: opts.maxFrameBytes };
  let active: { conn: WsConnection; index: number } | null = null;

  const policy = new EndpointPolicy(urls.length, opts.failback ?? {}, {
    probe: (done) => {
      const probe: WsConnection = new WsConnection(
        urls[0]!,
        {
          onMessage: () => {},
          onStatus: (s) => {
            probe.close();
            done(s.type === 'open');
          },
        },
        { ...connOpts, connectTimeoutMs: connOpts.connectTimeoutMs || 10_000 },
      );
    },
    primaryBack: () => {
      if (active && active.index !== 0) active.conn.fail(`switching back to the primary endpoint ${urls[0]}`);
    },
  });

  const provider: JsonRpcProvider = (onMessage, onStatus, onActivity): ProviderConnection => {
    const index = policy.index;
    const conn: WsConnection = new WsConnection(
      urls[index]!,
      {
        onMessage,
        onActivity,
        onStatus: (s) => {
          if (s.type === 'open') policy.opened(index);
          else {
            if (!conn.opened) policy.failed(index);
            if (active?.conn === conn) active = null;
          }
          onStatus(s);
        },
      },
      connOpts,
    );
    active = { conn, index };
    return conn;
  };
  // Read by RpcClient: a first connect tries each endpoint once before reporting ConnectionError.
  return Object.assign(provider, { endpoints: urls.length });
}
