import { afterEach, describe, expect, it } from 'vitest';
import { webSocketProvider, type ProviderStatus } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { waitFor } from './util.js';

let server: RpcServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('webSocketProvider', () => {
  it('queues frames sent before open and reports open/close', async () => {
    server = await startRpcServer();
    const got: string[] = [];
    const statuses: ProviderStatus[] = [];
    const conn = webSocketProvider(server.url)((m) => got.push(m), (s) => statuses.push(s));
    conn.send('{"jsonrpc":"2.0","id":1,"method":"echo","params":["early"]}'); // not open yet
    await waitFor(() => got.length === 1, 'reply');
    expect(JSON.parse(got[0]!)).toEqual({ jsonrpc: '2.0', id: 1, result: ['early'] });
    expect(statuses).toEqual([{ type: 'open' }]);

    server.dropAll();
    await waitFor(() => statuses.length === 2, 'close');
    expect(statuses[1]!.type).toBe('close');
    expect((statuses[1] as { reason: string }).reason).toContain(server.url);
    conn.close();
  });

  it('close() by the caller reports nothing further', async () => {
    server = await startRpcServer();
    const statuses: ProviderStatus[] = [];
    const conn = webSocketProvider(server.url)(() => {}, (s) => statuses.push(s));
    await waitFor(() => statuses.length === 1, 'open');
    conn.close();
    await waitFor(() => server!.openConnections === 0, 'server sees close');
    expect(statuses).toEqual([{ type: 'open' }]);
  });

  it('reports a failed connection as close', async () => {
    const s = await startRpcServer();
    const url = s.url;
    await s.close();
    const statuses: ProviderStatus[] = [];
    webSocketProvider(url)(() => {}, (st) => statuses.push(st));
    await waitFor(() => statuses.length === 1, 'close');
    expect(statuses[0]!.type).toBe('close');
  });

  it('prefers the first url for every connection while it works', async () => {
    const a = await startRpcServer();
    server = await startRpcServer();
    try {
      const provider = webSocketProvider([a.url, server.url]);
      const opened: number[] = [];
      const c1 = provider(() => {}, (s) => s.type === 'open' && opened.push(1));
      const c2 = provider(() => {}, (s) => s.type === 'open' && opened.push(2));
      await waitFor(() => opened.length === 2, 'both open');
      expect(a.connectionCount).toBe(2);
      expect(server.connectionCount).toBe(0);
      c1.close();
      c2.close();
    } finally {
      await a.close();
    }
  });

  it('moves to the next url only after a connection fails to open', async () => {
    const dead = await startRpcServer();
    const deadUrl = dead.url;
    await dead.close();
    server = await startRpcServer();
    const provider = webSocketProvider([deadUrl, server.url], { failback: { minDelayMs: 60_000 } });
    const statuses: string[] = [];
    provider(() => {}, (s) => statuses.push(s.type));
    await waitFor(() => statuses.length === 1, 'first fails');
    expect(statuses).toEqual(['close']);
    const c2 = provider(() => {}, (s) => statuses.push(s.type));
    await waitFor(() => statuses.length === 2, 'second opens');
    expect(statuses).toEqual(['close', 'open']);
    expect(server.connectionCount).toBe(1);
    c2.close();
  });

  it('accepts an explicit WebSocket constructor', async () => {
    server = await startRpcServer();
    const { WebSocket } = await import('ws');
    let constructed = 0;
    class Counting extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        constructed++;
      }
    }
    const got: string[] = [];
    const conn = webSocketProvider(server.url, { WebSocket: Counting })((m) => got.push(m), () => {});
    conn.send('{"jsonrpc":"2.0","id":7,"method":"echo","params":[]}');
    await waitFor(() => got.length === 1, 'reply');
    expect(constructed).toBe(1);
    conn.close();
  });
});
