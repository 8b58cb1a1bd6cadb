// Chaos run on a real loopback socket: 5,000 concurrent requests against a server that delays
// replies at random (so they come back shuffled), swallows some, duplicates some, and drops the
// connection a few times mid-run. Seeded, so a failure reproduces.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotReplayableError, ProtocolError, RpcClient, TimeoutError } from '../../src/rpc/index.js';
import { heapAfterGc, settleAll, trackHeap } from '../helpers/hostile-checks.js';
import { rng } from '../helpers/random.js';
import { rawReply, startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { sleep } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
// Every test: heap after gc within 16 MB of where it started.
trackHeap({ beforeEach, afterEach }, 16 * 1024 * 1024);
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const N = 5000;
const DEADLINE_MS = 1500;
const DROPS = 4;

describe('chaos', () => {
  it(`${N} concurrent requests, random delays, swallowed and duplicated replies, ${DROPS} drops: 0 misrouted, 0 hung`, async () => {
    const rand = rng(0x5eed);
    let swallowed = 0;
    server = await startRpcServer({
      handler: async (_m, p) => {
        const r = rand();
        if (r < 0.01) {
          swallowed++;
          return rawReply(() => null); // never answered: the caller must time out
        }
        await sleep(Math.floor(rand() * 40));
        if (r < 0.02) {
          // answered twice: the first wins, the duplicate is reported
          return rawReply((id) => {
            const frame = JSON.stringify({ jsonrpc: '2.0', id, result: p });
            setTimeout(() => server?.sendRaw(frame), 5);
            return frame;
          });
        }
        return p;
      },
    });
    const errors: Error[] = [];
    client = new RpcClient(server.url, {
      timeoutMs: DEADLINE_MS,
      coalesce: false,
      reconnect: { minDelayMs: 10, maxDelayMs: 100 },
      onError: (e) => errors.push(e),
    });
    expect(await client.request('echo', ['warm'])).toEqual(['warm']);
    const before = await heapAfterGc();

    const ps: Promise<unknown>[] = [];
    const expected: unknown[] = [];
    for (let i = 0; i < N; i++) {
      const submit = i % 100 === 0;
      const p = client.request(submit ? 'author_submitExtrinsic' : 'echo', [i, `v${i}`]);
      p.catch(() => {}); // inspected by settleAll below; some settle while this loop still runs
      ps.push(p);
      expected.push([i, `v${i}`]);
      if (i % 1000 === 500 && server.connectionCount <= DROPS) {
        await sleep(20);
        server.dropAll();
      }
    }
    const out = await settleAll(ps, 2 * DEADLINE_MS + 2000);

    let ok = 0;
    const misrouted: number[] = [];
    const unexpected: Error[] = [];
    out.forEach((o, i) => {
      if (o.ok) {
        ok++;
        if (JSON.stringify(o.value) !== JSON.stringify(expected[i])) misrouted.push(i);
      } else if (!(o.error instanceof TimeoutError || o.error instanceof NotReplayableError)) unexpected.push(o.error);
    });
    expect(misrouted).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(ok).toBeGreaterThan(N * 0.9);
    expect(swallowed).toBeGreaterThan(0);
    // Reported problems are all protocol errors (duplicates and late replies to dropped ids).
    expect(errors.every((e) => e instanceof ProtocolError)).toBe(true);
    expect(server.connectionCount).toBeGreaterThan(1);
    expect(server.connectionCount).toBeLessThanOrEqual(DROPS + 2);
    expect(client.pendingCount).toBe(0);
    out.length = 0;
    ps.length = 0;
    const after = await heapAfterGc();
    if (before !== undefined) expect(after! - before).toBeLessThan(8 * 1024 * 1024);
  });
});
