import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, SubstrateLiteError } from '../../src/errors.js';
import { ConnectionClosedError, RpcClient, RpcError, TimeoutError } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { errorOf, settle, sleep } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe('RpcClient requests', () => {
  it('10,000 concurrent requests resolve to the right values over one connection', async () => {
    server = await startRpcServer();
    client = new RpcClient(server.url, { coalesce: false });
    await client.request('echo', ['warm-up']);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    const ps = Array.from({ length: 10_000 }, (_, i) => client!.request<unknown[]>('echo', [i, `v${i}`]));
    expect(client.pendingCount).toBe(10_000);
    const results: unknown[][] = await Promise.all(ps);
    for (let i = 0; i < results.length; i++) expect(results[i]).toEqual([i, `v${i}`]);
    expect(server.connectionCount).toBe(1);
    expect(server.requestsByMethod.get('echo')).toBe(10_001); // + the warm-up
    expect(client.pendingCount).toBe(0);
    expect(client.state).toBe('open');
    if (gc) {
      ps.length = 0;
      results.length = 0;
      await sleep(50);
      gc();
      // client and in-process server both back to the baseline: nothing retained per request
      expect(process.memoryUsage().heapUsed - baseline).toBeLessThan(2 * 1024 * 1024);
    }
  });

  it('respects maxInFlight by queueing', async () => {
    let peak = 0;
    let current = 0;
    server = await startRpcServer({
      handler: async (_m, p) => {
        current++;
        peak = Math.max(peak, current);
        await sleep(5);
        current--;
        return p;
      },
    });
    client = new RpcClient(server.url, { maxInFlight: 8 });
    const out = await Promise.all(Array.from({ length: 50 }, (_, i) => client!.request('echo', [i])));
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => [i]));
    expect(peak).toBeLessThanOrEqual(8);
    expect(peak).toBeGreaterThan(1);
  });

  it('resolves out-of-order replies to the right callers', async () => {
    server = await startRpcServer({ latencyMs: 30 });
    server.reorder(true);
    client = new RpcClient(server.url);
    const order: number[] = [];
    const ps = Array.from({ length: 200 }, (_, i) =>
      client!.request<number[]>('echo', [i]).then((r) => {
        order.push(r[0]!);
        return r;
      }),
    );
    const results: unknown[][] = await Promise.all(ps);
    results.forEach((r, i) => expect(r).toEqual([i]));
    // The replies really did arrive out of order.
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });

  it('turns JSON-RPC errors into RpcError with code, message, data and method', async () => {
    server = await startRpcServer({
      handler: (m) => {
        if (m === 'state_call') throw { code: -32000, message: 'Execution failed', data: 'wasm trap' };
        return null;
      },
    });
    client = new RpcClient(server.url);
    const r = await settle(client.request('state_call', ['Foo_bar', '0x']));
    expect(r.ok).toBe(false);
    const e = errorOf<RpcError>(r);
    expect(e).toBeInstanceOf(RpcError);
    expect(e).toBeInstanceOf(SubstrateLiteError);
    expect(e.name).toBe('RpcError');
    expect(e.code).toBe(-32000);
    expect(e.rpcMessage).toBe('Execution failed');
    expect(e.data).toBe('wasm trap');
    expect(e.method).toBe('state_call');
    expect(e.message).toContain('state_call failed: Execution failed (code -32000)');
    expect(client.pendingCount).toBe(0);
  });

  it('times out with TimeoutError and removes the pending entry', async () => {
    server = await startRpcServer({ latencyMs: 500 });
    client = new RpcClient(server.url);
    const r = await settle(client.request('slow', [1], { timeoutMs: 50 }));
    expect(r.ok).toBe(false);
    const e = errorOf<TimeoutError>(r);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.name).toBe('TimeoutError');
    expect(e.method).toBe('slow');
    expect(e.ms).toBe(50);
    expect(client.pendingCount).toBe(0);
    // The late reply is expected and must not be reported as a protocol error.
    const errors: Error[] = [];
    await client.close();
    client = new RpcClient(server.url, { timeoutMs: 30, onError: (x) => errors.push(x) });
    await settle(client.request('slow'));
    await sleep(600);
    expect(errors).toEqual([]);
  });

  it('aborts with AbortError (before and during the call)', async () => {
    server = await startRpcServer({ latencyMs: 200 });
    client = new RpcClient(server.url);
    const pre = new AbortController();
    pre.abort('nope');
    const r1 = await settle(client.request('echo', [1], { signal: pre.signal }));
    expect(errorOf(r1)).toBeInstanceOf(AbortError);

    const ac = new AbortController();
    const p = client.request('echo', [2], { signal: ac.signal });
    await sleep(20);
    expect(client.pendingCount).toBe(1);
    ac.abort(new Error('user cancelled'));
    const r2 = await settle(p);
    const e = errorOf<AbortError>(r2);
    expect(e).toBeInstanceOf(AbortError);
    expect(e.name).toBe('AbortError');
    expect((e.cause as Error).message).toBe('user cancelled');
    expect(client.pendingCount).toBe(0);
  });

  it('close() rejects in-flight and queued requests with ConnectionClosedError', async () => {
    server = await startRpcServer({ latencyMs: 1000 });
    client = new RpcClient(server.url, { maxInFlight: 2 });
    const ps = Array.from({ length: 5 }, (_, i) => settle(client!.request('echo', [i])));
    await sleep(50);
    expect(client.pendingCount).toBe(5);
    await client.close();
    const rs = await Promise.all(ps);
    for (const r of rs) {
      expect(r.ok).toBe(false);
      expect(errorOf(r)).toBeInstanceOf(ConnectionClosedError);
      expect(errorOf(r).name).toBe('ConnectionClosedError');
    }
    expect(client.pendingCount).toBe(0);
    expect(client.state).toBe('closed');
    const after = await settle(client.request('echo'));
    expect(errorOf(after)).toBeInstanceOf(ConnectionClosedError);
  });

  it('Symbol.asyncDispose closes the client', async () => {
    server = await startRpcServer();
    const c = new RpcClient(server.url);
    expect(await c.request('echo', [7])).toEqual([7]);
    await c[Symbol.asyncDispose]();
    expect(c.state).toBe('closed');
  });

  it('coalesces identical concurrent reads into one wire request', async () => {
    server = await startRpcServer({ latencyMs: 20 });
    client = new RpcClient(server.url);
    const rs = await Promise.all(Array.from({ length: 100 }, () => client!.request('chain_getHeader', [])));
    expect(server.requestsByMethod.get('chain_getHeader')).toBe(1);
    expect(new Set(rs.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(rs[0]).toEqual({ number: '0x1', parentHash: `0x${'00'.repeat(32)}` });
    expect(client.pendingCount).toBe(0);

    // Different params are not coalesced; author_* never is.
    await Promise.all([client.request('chain_getHeader', ['0x01']), client.request('chain_getHeader', ['0x02'])]);
    expect(server.requestsByMethod.get('chain_getHeader')).toBe(3);
    await Promise.all([client.request('author_submitExtrinsic', ['0x00']), client.request('author_submitExtrinsic', ['0x00'])]);
    expect(server.requestsByMethod.get('author_submitExtrinsic')).toBe(2);
  });

  it('coalesce:false sends every request', async () => {
    server = await startRpcServer({ latencyMs: 20 });
    client = new RpcClient(server.url, { coalesce: false });
    await Promise.all(Array.from({ length: 100 }, () => client!.request('chain_getHeader', [])));
    expect(server.requestsByMethod.get('chain_getHeader')).toBe(100);
  });

  it('one coalesced caller aborting does not affect the others', async () => {
    server = await startRpcServer({ latencyMs: 50 });
    client = new RpcClient(server.url);
    const ac = new AbortController();
    const a = settle(client.request('chain_getHeader', [], { signal: ac.signal }));
    const b = client.request('chain_getHeader', []);
    ac.abort();
    expect((await a).ok).toBe(false);
    expect(await b).toEqual({ number: '0x1', parentHash: `0x${'00'.repeat(32)}` });
    expect(server.requestsByMethod.get('chain_getHeader')).toBe(1);
  });

  it('batch sends one JSON array and returns results in order', async () => {
    server = await startRpcServer({ latencyMs: 5 });
    server.reorder(true); // the server reverses the array; order must come from ids
    client = new RpcClient(server.url);
    const out = await client.batch([
      { method: 'echo', params: [1] },
      { method: 'chain_getHeader' },
      { method: 'echo', params: ['x'] },
    ]);
    expect(out).toEqual([[1], { number: '0x1', parentHash: `0x${'00'.repeat(32)}` }, ['x']]);
    expect(server.messagesReceived).toBe(3);
    expect(await client.batch([])).toEqual([]);
    expect(client.pendingCount).toBe(0);
  });

  it('batch rejects with the first failing item (by position)', async () => {
    server = await startRpcServer({
      handler: (m, p) => {
        if (m === 'bad') throw { code: -32601, message: `no ${String(p[0])}` };
        return p;
      },
    });
    client = new RpcClient(server.url);
    const r = await settle(
      client.batch([
        { method: 'echo', params: [1] },
        { method: 'bad', params: ['a'] },
        { method: 'bad', params: ['b'] },
      ]),
    );
    const e = errorOf<RpcError>(r);
    expect(e).toBeInstanceOf(RpcError);
    expect(e.rpcMessage).toBe('no a');
    expect(client.pendingCount).toBe(0);
  });

  it('batch falls back to single requests when the server rejects arrays', async () => {
    server = await startRpcServer({ rejectBatches: true });
    client = new RpcClient(server.url);
    const out = await client.batch([
      { method: 'echo', params: [1] },
      { method: 'echo', params: [2] },
    ]);
    expect(out).toEqual([[1], [2]]);
    expect(server.requestsByMethod.get('echo')).toBe(2);
    // Later batches go straight to single requests (no second rejected array).
    const before = server.messagesReceived;
    expect(await client.batch([{ method: 'echo', params: [3] }, { method: 'echo', params: [4] }])).toEqual([[3], [4]]);
    expect(server.messagesReceived - before).toBe(2);
  });
});

describe('RpcClient with a custom provider', () => {
  it('works with an in-memory provider that opens synchronously', async () => {
    const c = new RpcClient((onMessage, onStatus) => {
      onStatus({ type: 'open' }); // before the connection object is returned
      return {
        send(msg) {
          const req = JSON.parse(msg) as { id: number; params: unknown[] };
          queueMicrotask(() => onMessage(JSON.stringify({ jsonrpc: '2.0', id: req.id, result: req.params })));
        },
        close() {},
      };
    });
    expect(await c.request('echo', [1, 2])).toEqual([1, 2]);
    expect(c.state).toBe('open');
    await c.close();
  });
});
