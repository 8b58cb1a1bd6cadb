// Frames a hostile (or just very large) server sends: over the size limit, dripped slowly.
// Real loopback sockets; the `ws` transport refuses a frame over maxFrameBytes while it arrives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameTooLargeError, RpcClient } from '../../src/rpc/index.js';
import { trackHeap } from '../helpers/hostile-checks.js';
import { dripFrame } from '../helpers/hostile-server.js';
import { rawReply, startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { errorOf, settle, sleep } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
// Every test: heap after gc within 8 MB of where it started.
trackHeap({ beforeEach, afterEach }, 8 * 1024 * 1024);
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const LIMIT = 256 * 1024;
const big = 'b'.repeat(LIMIT * 2);

describe('a reply over maxFrameBytes is a property of its request', () => {
  it('alone on the wire: FrameTooLargeError, sent once, not replayed; the client keeps working', async () => {
    server = await startRpcServer({ handler: (m, p) => (m === 'big' ? big : p) });
    client = new RpcClient(server.url, { maxFrameBytes: LIMIT, onError: () => {} });
    expect(await client.request('echo', [0])).toEqual([0]);
    const e = errorOf<FrameTooLargeError>(await settle(client.request('big', [])));
    expect(e).toBeInstanceOf(FrameTooLargeError);
    expect(e.name).toBe('FrameTooLargeError');
    expect(e.method).toBe('big');
    expect(e.message).toBe(`big: reply is a frame over maxFrameBytes (${LIMIT}); not retried`);
    expect(await client.request('echo', [1])).toEqual([1]);
    await sleep(50);
    expect(server.requestsByMethod.get('big')).toBe(1);
    expect(server.connectionCount).toBeLessThanOrEqual(2);
  });

  it('among five others: found by sending suspects one at a time; at most 2 downloads, others get their values', async () => {
    server = await startRpcServer({
      handler: async (m, p) => {
        await sleep(m === 'big' ? 20 : 80); // the big reply lands while the small ones are on the wire
        return m === 'big' ? big : p;
      },
    });
    client = new RpcClient(server.url, { maxFrameBytes: LIMIT, onError: () => {}, reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
    expect(await client.request('echo', ['warm'])).toEqual(['warm']);
    const small = Array.from({ length: 5 }, (_, i) => client!.request('echo', [i]));
    const b = settle(client.request('big', []));
    expect(await Promise.all(small)).toEqual([[0], [1], [2], [3], [4]]);
    expect(errorOf(await b)).toBeInstanceOf(FrameTooLargeError);
    expect(server.requestsByMethod.get('big')).toBeLessThanOrEqual(2);
    expect(server.connectionCount).toBeLessThanOrEqual(3);
    expect(client.pendingCount).toBe(0);
  });

  it('a frame delivered whole by a transport without a limit fails its call too (custom provider)', async () => {
    const c = new RpcClient(
      (onMessage, onStatus) => {
        queueMicrotask(() => onStatus({ type: 'open' }));
        return {
          send(msg) {
            const { id } = JSON.parse(msg) as { id: number };
            queueMicrotask(() => onMessage(`{"jsonrpc":"2.0","id":${id},"result":"${'z'.repeat(5000)}"}`));
          },
          close() {},
        };
      },
      { maxFrameBytes: 1024, onError: () => {} },
    );
    const e = errorOf<FrameTooLargeError>(await settle(c.request('state_getStorage', ['0x00'])));
    expect(e).toBeInstanceOf(FrameTooLargeError);
    expect(e.bytes).toBe(5036); // {"jsonrpc":"2.0","id":1,"result":"…"}: 36 bytes around the 5,000
    expect(e.message).toMatch(/^state_getStorage: reply is a frame of 5036 bytes over maxFrameBytes \(1024\)/);
    await c.close();
  });
});

describe('a slow drip', () => {
  it('a 512 KB reply dripped over ~1.3 s with heartbeatTimeoutMs 300 arrives intact on one connection', async () => {
    const payload = 'd'.repeat(512 * 1024);
    let dripping: Promise<void> = Promise.resolve();
    server = await startRpcServer({
      handler: async (m, p, conn) => {
        if (m === 'system_health') {
          await dripping; // a ping reply sent mid-drip would land inside the dripped frame
          return { peers: 1 };
        }
        if (m !== 'slow') return p;
        return rawReply((id) => {
          dripping = dripFrame(conn.socket, JSON.stringify({ jsonrpc: '2.0', id, result: payload }), 8 * 1024, 20);
          return null;
        });
      },
    });
    const errors: Error[] = [];
    client = new RpcClient(server.url, { heartbeatMs: 100, heartbeatTimeoutMs: 300, onError: (e) => errors.push(e) });
    expect(await client.request('echo', [1])).toEqual([1]);
    const t0 = Date.now();
    const got = await client.request<string>('slow', []);
    expect(Date.now() - t0).toBeGreaterThan(600); // it really was slow (65 chunks, 20 ms apart)
    expect(got.length).toBe(payload.length);
    expect(got === payload).toBe(true);
    expect(server.connectionCount).toBe(1);
    expect(server.requestsByMethod.get('slow')).toBe(1);
    expect(errors).toEqual([]);
  });
});
