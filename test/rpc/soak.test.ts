import { afterEach, describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors.js';
import { NotReplayableError, RpcClient, TimeoutError } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { sleep, waitFor } from './util.js';

let server: RpcServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Deterministic PRNG (mulberry32) so a failing soak run can be reproduced. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('RpcClient soak', () => {
  it('2,000 random mixed ops all settle and leave nothing pending', async () => {
    const rand = rng(0xc0ffee);
    server = await startRpcServer({
      handler: async (m, p) => {
        const d = Math.floor(rand() * 15);
        if (d > 0) await sleep(d);
        if (m === 'fail') throw { code: -32000, message: 'nope' };
        return p;
      },
    });
    const client = new RpcClient(server.url, {
      maxInFlight: 64,
      reconnect: { minDelayMs: 1, maxDelayMs: 20 },
      onError: () => {},
    });
    const outcomes = { ok: 0, rpc: 0, timeout: 0, abort: 0, notReplayable: 0 };
    const unexpected: unknown[] = [];
    const all: Promise<void>[] = [];
    for (let i = 0; i < 2000; i++) {
      const r = rand();
      let p: Promise<unknown>;
      let expected: unknown;
      if (r < 0.5) {
        p = client.request('echo', [i]);
        expected = [i];
      } else if (r < 0.6) {
        p = client.request('chain_getHeader', [i % 5]); // coalesced with its neighbours
        expected = [i % 5];
      } else if (r < 0.7) {
        const ac = new AbortController();
        p = client.request('echo', [i], { signal: ac.signal });
        setTimeout(() => ac.abort(), Math.floor(rand() * 10));
        expected = [i];
      } else if (r < 0.8) {
        p = client.request('echo', [i], { timeoutMs: 1 + Math.floor(rand() * 10) });
        expected = [i];
      } else if (r < 0.85) {
        p = client.request('fail', [i]);
      } else if (r < 0.9) {
        p = client.request('author_submitExtrinsic', [i]);
        expected = [i];
      } else if (r < 0.95) {
        p = client.batch([{ method: 'echo', params: [i] }, { method: 'echo', params: [-i] }]);
        expected = [[i], [-i]];
      } else {
        if (rand() < 0.2) server.dropAll();
        p = client.request('echo', [i]);
        expected = [i];
      }
      all.push(
        p.then(
          (v) => {
            outcomes.ok++;
            try {
              expect(v).toEqual(expected);
            } catch (e) {
              unexpected.push(e);
            }
          },
          (e: Error) => {
            if (e.name === 'RpcError') outcomes.rpc++;
            else if (e instanceof TimeoutError) outcomes.timeout++;
            else if (e instanceof AbortError) outcomes.abort++;
            else if (e instanceof NotReplayableError) outcomes.notReplayable++;
            else unexpected.push(e);
          },
        ),
      );
      if (i % 50 === 0) await sleep(1);
    }
    let settled = 0;
    for (const p of all) void p.then(() => settled++);
    await waitFor(() => settled === all.length, 'all promises settled', 20_000);
    if (process.env.SOAK_DEBUG) console.log(outcomes, server.connectionCount);
    expect(unexpected).toEqual([]);
    expect(outcomes.ok + outcomes.rpc + outcomes.timeout + outcomes.abort + outcomes.notReplayable).toBe(2000);
    expect(outcomes.ok).toBeGreaterThan(1000);
    expect(server.connectionCount).toBeGreaterThan(1); // drops really happened
    expect(outcomes.rpc).toBeGreaterThan(0);
    expect(outcomes.abort + outcomes.timeout).toBeGreaterThan(0);
    expect(client.pendingCount).toBe(0);
    expect(await client.request('echo', ['after'])).toEqual(['after']);
    await client.close();
  });

  it('300 connect→request→close cycles leave no sockets open (and no heap growth with --expose-gc)', async () => {
    server = await startRpcServer();
    const gc = (globalThis as { gc?: () => void }).gc;
    const cycle = async (i: number): Promise<void> => {
      const c = new RpcClient(server!.url);
      expect(await c.request('echo', [i])).toEqual([i]);
      await c.close();
    };
    for (let i = 0; i < 30; i++) await cycle(i); // warm up JIT and module cache
    gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 300; i++) await cycle(i);
    await waitFor(() => server!.openConnections === 0, 'server sockets closed', 5000);
    expect(server.connectionCount).toBe(330);
    if (gc) {
      await sleep(50);
      gc();
      const delta = process.memoryUsage().heapUsed - before;
      expect(Math.abs(delta)).toBeLessThan(4 * 1024 * 1024);
    }
  });
});
