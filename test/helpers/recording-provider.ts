// A WebSocket provider that records what the client sends and how many bytes come back, to count
// requests per method (e.g. "a warm start sends no metadata request") without a proxy.
import { webSocketProvider, type JsonRpcProvider } from '../../src/rpc/index.js';

export interface Recording {
  provider: JsonRpcProvider;
  /** Every request sent, in order (batches flattened). */
  calls: { method: string; params: unknown[] }[];
  bytesReceived: number;
  count(method: string, firstParam?: unknown): number;
  reset(): void;
}

export function recordingProvider(url: string): Recording {
  const inner = webSocketProvider(url);
  const rec: Recording = {
    calls: [],
    bytesReceived: 0,
    count: (m, p) => rec.calls.filter((c) => c.method === m && (p === undefined || c.params[0] === p)).length,
    reset() {
      rec.calls.length = 0;
      rec.bytesReceived = 0;
    },
    provider: (onMessage, onStatus) => {
      const conn = inner((msg) => {
        rec.bytesReceived += msg.length;
        onMessage(msg);
      }, onStatus);
      return {
        send(msg) {
          const j = JSON.parse(msg);
          for (const c of Array.isArray(j) ? j : [j]) rec.calls.push({ method: c.method, params: c.params ?? [] });
          conn.send(msg);
        },
        close: () => conn.close(),
      };
    },
  };
  return rec;
}

/** Requests that download metadata (any of the three ways the client can ask). */
export function metadataRequests(rec: Recording): number {
  return rec.calls.filter((c) => c.method === 'state_getMetadata' || (c.method === 'state_call' && String(c.params[0]).startsWith('Metadata_'))).length;
}
