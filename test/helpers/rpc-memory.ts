// An in-memory JsonRpcProvider for fake-timer tests: every connection is scripted by the test
// (open, reply, drop), nothing touches a socket, so backoff, heartbeat and deadlines can be
// driven with vi.advanceTimersByTime.
import type { JsonRpcProvider } from '../../src/rpc/index.js';

export interface MemoryRequest {
  id: number;
  method: string;
  params: unknown[];
}

export interface MemoryConn {
  readonly index: number;
  /** Requests received on this connection (batches flattened). */
  readonly requests: MemoryRequest[];
  readonly closedByClient: boolean;
  open(): void;
  drop(reason?: string): void;
  /** Deliver a raw text frame to the client. */
  push(frame: string): void;
  reply(id: number, result: unknown): void;
  /** Bytes of a frame arrived (the frame itself is not complete yet). */
  activity(): void;
}

export interface MemoryProvider {
  provider: JsonRpcProvider;
  conns: MemoryConn[];
}

/**
 * `onConnect` scripts each new connection; `onRequest` may answer (return a result) or not
 * (return undefined). Both run synchronously inside the client's calls, so tests schedule
 * anything time-based with setTimeout (faked).
 */
export function memoryProvider(
  onConnect: (c: MemoryConn) => void,
  onRequest: (req: MemoryRequest, c: MemoryConn) => unknown = () => undefined,
): MemoryProvider {
  const conns: MemoryConn[] = [];
  const provider: JsonRpcProvider = (onMessage, onStatus, onActivity) => {
    let closed = false;
    let reported = false;
    const c: MemoryConn = {
      index: conns.length + 1,
      requests: [],
      get closedByClient() {
        return closed;
      },
      open: () => !closed && !reported && onStatus({ type: 'open' }),
      drop: (reason = 'dropped') => {
        if (closed || reported) return;
        reported = true;
        onStatus({ type: 'close', reason });
      },
      push: (frame) => !closed && !reported && onMessage(frame),
      reply: (id, result) => c.push(JSON.stringify({ jsonrpc: '2.0', id, result })),
      activity: () => !closed && !reported && onActivity?.(),
    };
    conns.push(c);
    setTimeout(() => onConnect(c), 0);
    return {
      send(msg) {
        const parsed = JSON.parse(msg) as MemoryRequest | MemoryRequest[];
        for (const r of Array.isArray(parsed) ? parsed : [parsed]) {
          c.requests.push(r);
          const result = onRequest(r, c);
          if (result !== undefined) setTimeout(() => c.reply(r.id, result), 0);
        }
      },
      close() {
        closed = true;
      },
    };
  };
  return { provider, conns };
}
