// Timer logic on fake timers against an in-memory provider: reconnect backoff and retries,
// heartbeat, deadlines. No sockets; simulated minutes run in milliseconds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionClosedError, ConnectionError, RpcClient, TimeoutError } from '../../src/rpc/index.js';
import { backoffDelay } from '../../src/rpc/backoff.js';
import { EndpointPolicy } from '../../src/rpc/endpoints.js';
import { memoryProvider } from '../helpers/rpc-memory.js';
import { errorOf, settle } from './util.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs fake time forward in steps until `p` settles or `ms` of fake time pass. */
async function advance<T>(p: Promise<T>, ms: number, step = 50): Promise<void> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let t = 0; t < ms && !done; t += step) await vi.advanceTimersByTimeAsync(step);
}

describe('backoffDelay', () => {
  it('doubles from minDelayMs to the ceiling, with up to half of it random', () => {
    expect([0, 1, 2, 3, 6, 7, 40].map((s) => backoffDelay(s, 100, 5000, 0))).toEqual([50, 100, 200, 400, 2500, 2500, 2500]);
    expect(backoffDelay(0, 100, 5000, 0.999_999)).toBeCloseTo(100, 3);
    expect(backoffDelay(10, 100, 5000, 0.999_999)).toBeCloseTo(5000, 2);
  });
  it('never returns 0, whatever the options', () => {
    expect(backoffDelay(0, 0, 0, 0)).toBe(0.5);
    expect(backoffDelay(5, 0, 0, 1)).toBe(1);
  });
});

describe('reconnect retries count connections without a successful reply', () => {
  it('retries: 3 against a server that opens then drops every connection gives up after 4 connections', async () => {
    const mem = memoryProvider((c) => {
      c.open();
      setTimeout(() => c.drop('reset by peer'), 1);
    });
    const client = new RpcClient(mem.provider, { timeoutMs: 0, reconnect: { retries: 3 } });
    const p = settle(client.request('chain_getBlockHash', [1]));
    await advance(p, 60_000);
    const e = errorOf<ConnectionClosedError>(await p);
    expect(e).toBeInstanceOf(ConnectionClosedError);
    expect(e.message).toMatch(/reset by peer; gave up reconnecting/);
    expect(e.cause).toBe('reset by peer');
    expect(mem.conns).toHaveLength(4);
    expect(client.state).toBe('idle');
    await client.close();
  });

  it('default options, timeoutMs: 0: a flapping server sees at most 30 connections a minute', async () => {
    const mem = memoryProvider((c) => {
      c.open();
      setTimeout(() => c.drop(), 1);
    });
    const client = new RpcClient(mem.provider, { timeoutMs: 0 });
    const p = settle(client.request('chain_getBlockHash', [1]));
    await advance(p, 60_000, 100);
    // 100 ms doubling to a 5 s ceiling, half jittered: between 12 and 30 attempts in 60 s.
    expect(mem.conns.length).toBeGreaterThanOrEqual(12);
    expect(mem.conns.length).toBeLessThanOrEqual(30);
    expect(client.pendingCount).toBe(1); // still trying: retries default to Infinity
    await client.close();
    expect(errorOf(await p)).toBeInstanceOf(ConnectionClosedError);
  });

  it('a server that answers once per connection and then drops is still rate-bounded', async () => {
    const mem = memoryProvider(
      (c) => c.open(),
      (req, c) => {
        setTimeout(() => c.drop(), 5);
        return req.method === 'chain_subscribeNewHeads' ? `s${c.index}` : [req.params];
      },
    );
    const client = new RpcClient(mem.provider, { timeoutMs: 0 });
    const sub = client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', () => {});
    await vi.advanceTimersByTimeAsync(10);
    await sub;
    expect(mem.conns[0]!.requests[0]!.method).toBe('chain_subscribeNewHeads');
    for (let t = 0; t < 60_000; t += 100) await vi.advanceTimersByTimeAsync(100);
    expect(mem.conns.length).toBeGreaterThanOrEqual(12);
    expect(mem.conns.length).toBeLessThanOrEqual(30);
    await client.close();
  });

  it('a reply resets the failure count: a long-lived flaky link is not given up on', async () => {
    let n = 0;
    const mem = memoryProvider(
      (c) => c.open(),
      (req, c) => {
        // every connection answers one request, then drops (timers of 0 and 1 ms tie in Node)
        setTimeout(() => c.drop(), 5);
        return ++n;
      },
    );
    const client = new RpcClient(mem.provider, { reconnect: { retries: 1, minDelayMs: 10, maxDelayMs: 20 } });
    for (let i = 0; i < 5; i++) {
      const p = client.request('echo', [i]);
      await advance(p, 1000, 5);
      expect(await p).toBe(i + 1);
    }
    await client.close();
  });
});

describe('deadlines', () => {
  it('a request to a server that never answers rejects with TimeoutError at its deadline', async () => {
    const mem = memoryProvider((c) => c.open());
    const client = new RpcClient(mem.provider, { timeoutMs: 1000 });
    const p = settle(client.request('chain_getBlockHash', [1]));
    await vi.advanceTimersByTimeAsync(999);
    expect(client.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    const e = errorOf<TimeoutError>(await p);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe('chain_getBlockHash timed out after 1000 ms');
    expect(client.pendingCount).toBe(0);
    await client.close();
  });
});

describe('connectTimeoutMs', () => {
  it('defaults to 10 s: a provider that never opens fails the first request with ConnectionError at 10 s', async () => {
    const mem = memoryProvider(() => {});
    const client = new RpcClient(mem.provider, { timeoutMs: 60_000 });
    const p = settle(client.request('chain_getBlockHash', [0]));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(client.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    const e = errorOf<ConnectionError>(await p);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.message).toBe('cannot connect: no WebSocket handshake within 10000 ms');
    expect(mem.conns).toHaveLength(1);
    expect(mem.conns[0]!.closedByClient).toBe(true);
    await client.close();
  });
});

describe('heartbeat', () => {
  it('a slow frame (bytes arriving, no complete reply for 5 s) is not a dead link; silence is', async () => {
    const mem = memoryProvider((c) => c.open());
    const errors: Error[] = [];
    const client = new RpcClient(mem.provider, { heartbeatMs: 1000, heartbeatTimeoutMs: 500, timeoutMs: 0, onError: (e) => errors.push(e) });
    const p = client.request('state_getStorage', ['0xbig']);
    await vi.advanceTimersByTimeAsync(10);
    const c1 = mem.conns[0]!;
    expect(c1.requests.map((r) => r.method)).toEqual(['state_getStorage']);
    // 5 s of a large frame trickling in: a chunk every 200 ms, longer than heartbeatTimeoutMs overall.
    for (let t = 0; t < 5000; t += 200) {
      c1.activity();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(c1.requests.map((r) => r.method)).toEqual(['state_getStorage', 'system_health']);
    expect(mem.conns).toHaveLength(1);
    c1.reply(c1.requests[0]!.id, '0x01');
    c1.reply(c1.requests[1]!.id, { peers: 1 });
    expect(await p).toBe('0x01');
    expect(errors).toEqual([]);
    // Now silence: the next ping goes unanswered and nothing arrives.
    await vi.advanceTimersByTimeAsync(1000 + 499);
    expect(mem.conns).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(c1.closedByClient).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('nothing received for 500 ms after a system_health ping; reconnecting');
    await client.close();
  });
});

describe('EndpointPolicy (failback probing)', () => {
  it('fails over on failure, probes the primary at 1, 2, 4, 4 s and returns when it answers', async () => {
    const probes: number[] = [];
    let answer = false;
    let back = 0;
    const t0 = Date.now();
    const policy = new EndpointPolicy(2, { minDelayMs: 1000, maxDelayMs: 4000 }, {
      probe: (done) => {
        probes.push(Date.now() - t0);
        done(answer);
      },
      primaryBack: () => back++,
    });
    expect(policy.index).toBe(0);
    policy.opened(0);
    expect(policy.index).toBe(0); // a healthy primary stays preferred
    policy.failed(0);
    expect(policy.index).toBe(1);
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 4000);
    expect(probes).toEqual([1000, 3000, 7000, 11000]);
    expect(policy.index).toBe(1);
    answer = true;
    await vi.advanceTimersByTimeAsync(4000);
    expect(probes).toEqual([1000, 3000, 7000, 11000, 15000]);
    expect(back).toBe(1);
    expect(policy.index).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(5); // back on the primary: no more probes
  });

  it('one url: a failure changes nothing and nothing is probed', async () => {
    let probed = 0;
    const policy = new EndpointPolicy(1, {}, { probe: () => probed++, primaryBack: () => {} });
    policy.failed(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(policy.index).toBe(0);
    expect(probed).toBe(0);
  });
});
