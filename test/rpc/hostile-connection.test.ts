// Connection-level faults on real loopback sockets: a flapping server, dead endpoints (refused,
// HTTP status on upgrade, a connect that hangs), closes mid-request and mid-subscription.
// Every case bounds the connections opened and checks no promise is left unsettled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { ConnectionClosedError, ConnectionError, NotReplayableError, ProtocolError, RpcClient, TimeoutError } from '../../src/rpc/index.js';
import { heapAfterGc, settleAll, trackHeap } from '../helpers/hostile-checks.js';
import { rawReply, startRpcServer } from '../helpers/rpc-server.js';
import { refusedUrl, startBlackhole, startFlappingServer, startHttpRefuser, startUntrustedTls, type Hostile } from '../helpers/hostile-server.js';
import { errorOf, settle, sleep, waitFor } from './util.js';

const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const cleanup: (() => Promise<void>)[] = [];
// Every test: heap after gc within 8 MB of where it started.
trackHeap({ beforeEach, afterEach }, 8 * 1024 * 1024);
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
function track<T extends { close(): Promise<void> }>(x: T): T {
  cleanup.push(() => x.close());
  return x;
}

describe('a server that accepts and then drops every connection', () => {
  it('retries: 3 → ConnectionClosedError after 4 connections, well before the deadline', async () => {
    const server: Hostile = track(await startFlappingServer());
    const client = track(new RpcClient(server.url, { timeoutMs: 5000, reconnect: { retries: 3, minDelayMs: 10, maxDelayMs: 50 } }));
    const t0 = Date.now();
    const e = errorOf<ConnectionClosedError>(await settle(client.request('chain_getBlockHash', [1])));
    expect(e).toBeInstanceOf(ConnectionClosedError);
    expect(e.message).toMatch(/gave up reconnecting/);
    expect(e.cause).toMatch(/127\.0\.0\.1/);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(server.connections).toBe(4);
    expect(client.pendingCount).toBe(0);
  });
});

describe('a dead endpoint fails fast with ConnectionError naming the url and the cause', () => {
  async function firstRequest(url: string, connectTimeoutMs?: number): Promise<{ e: ConnectionError; ms: number }> {
    const client = track(new RpcClient(url, { timeoutMs: 60_000, connectTimeoutMs }));
    const t0 = Date.now();
    const r = await settle(client.request('chain_getBlockHash', [0]));
    const ms = Date.now() - t0;
    const e = errorOf<ConnectionError>(r);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.name).toBe('ConnectionError');
    expect(e.url).toBe(url);
    expect(e.message).toBe(`cannot reach ${url}: ${e.reason}`);
    expect(client.pendingCount).toBe(0);
    expect(client.state).toBe('idle');
    return { e, ms };
  }

  it('refused: at once, one attempt', async () => {
    const url = await refusedUrl();
    const { e, ms } = await firstRequest(url);
    expect(e.reason).toMatch(/ECONNREFUSED/);
    expect(ms).toBeLessThan(5000);
  });

  it('HTTP status instead of the upgrade: names the status', async () => {
    const s = track(await startHttpRefuser(503));
    const { e } = await firstRequest(s.url);
    expect(e.reason).toMatch(/503/);
    expect(s.connections).toBe(1);
  });

  it.skipIf(!hasOpenssl)('TLS failure (self-signed certificate): names the TLS problem', async () => {
    const s = track((await startUntrustedTls())!);
    const { e } = await firstRequest(s.url);
    expect(e.reason).toMatch(/self[- ]signed certificate/i);
  });

  it('a connect that hangs: fails at connectTimeoutMs, one connection', async () => {
    const s = track(await startBlackhole());
    const { e, ms } = await firstRequest(s.url, 300);
    expect(e.reason).toBe('no WebSocket handshake within 300 ms');
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(5000);
    expect(s.connections).toBe(1);
  });

  it('several urls, all dead: each is tried once, then ConnectionError for the last', async () => {
    const a = await refusedUrl();
    const b = track(await startHttpRefuser(502));
    const client = track(new RpcClient([a, b.url]));
    const e = errorOf<ConnectionError>(await settle(client.request('chain_getBlockHash', [0])));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.url).toBe(b.url);
    expect(b.connections).toBe(1);
  });

  it('the CLI prints "cannot reach <url>: <cause>" and exits 1', async () => {
    const url = await refusedUrl();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'block', '--url', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^cannot reach ${url.replace(/[.]/g, '\\.')}: connect ECONNREFUSED`, 'm'));
  }, 20_000);
});

describe('a server that misbehaves mid-conversation', () => {
  it('never answers: every call fails with TimeoutError naming the method at its deadline; one connection', async () => {
    const server = track(await startRpcServer({ handler: (m, p) => (m === 'chain_getBlockHash' ? rawReply(() => null) : p) }));
    const client = track(new RpcClient(server.url, { timeoutMs: 300 }));
    expect(await client.request('echo', [0])).toEqual([0]);
    const before = await heapAfterGc();
    const out = await settleAll(Array.from({ length: 200 }, (_, i) => client.request('chain_getBlockHash', [i])), 600);
    for (const o of out) {
      expect(o.ok).toBe(false);
      if (!o.ok) expect(o.error.message).toBe('chain_getBlockHash timed out after 300 ms');
    }
    expect(out.every((o) => !o.ok && o.error instanceof TimeoutError)).toBe(true);
    expect(client.pendingCount).toBe(0);
    expect(server.connectionCount).toBe(1);
    const after = await heapAfterGc();
    if (before !== undefined) expect(after! - before).toBeLessThan(2 * 1024 * 1024);
  });

  it('closes mid-request: reads are replayed to the right callers, a submit fails NotReplayableError', async () => {
    const server = track(await startRpcServer({ latencyMs: 100 }));
    const client = track(new RpcClient(server.url, { timeoutMs: 3000, reconnect: { minDelayMs: 10, maxDelayMs: 50 } }));
    expect(await client.request('echo', ['up'])).toEqual(['up']);
    const reads = Array.from({ length: 100 }, (_, i) => client.request('echo', [i]));
    const submit = client.request('author_submitExtrinsic', ['0x00']);
    await sleep(30);
    server.setLatency(0);
    server.dropAll();
    const out = await settleAll([...reads, submit], 6000);
    expect(out.slice(0, 100).map((o) => o.ok && o.value)).toEqual(Array.from({ length: 100 }, (_, i) => [i]));
    const last = out[100]!;
    expect(!last.ok && last.error).toBeInstanceOf(NotReplayableError);
    expect(server.connectionCount).toBe(2);
  });

  it('closes mid-subscription: the subscription resumes on a new connection and keeps delivering', async () => {
    let n = 0;
    const server = track(await startRpcServer({ handler: (m, p) => (m === 'chain_subscribeNewHeads' ? `sub-${++n}` : p) }));
    const client = track(new RpcClient(server.url, { reconnect: { minDelayMs: 10, maxDelayMs: 50 } }));
    const got: unknown[] = [];
    const sub = await client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', (r) => got.push(r));
    server.notify('sub-1', 'chain_newHead', 1);
    await waitFor(() => got.length === 1, 'first head');
    server.dropAll();
    await waitFor(() => sub.id === 'sub-2', 're-subscribed', 3000);
    server.notify('sub-2', 'chain_newHead', 2);
    server.notify('sub-1', 'chain_newHead', 'stale'); // the old id is dead: must not be delivered
    await waitFor(() => got.length === 2, 'second head');
    await sleep(50);
    expect(got).toEqual([1, 2]);
    expect(server.connectionCount).toBe(2);
  });

  it('goes half-open: the heartbeat notices the silence, the call is replayed on a new connection', async () => {
    const server = track(await startRpcServer());
    const errors: Error[] = [];
    const client = track(
      new RpcClient(server.url, { timeoutMs: 3000, heartbeatMs: 100, heartbeatTimeoutMs: 200, reconnect: { minDelayMs: 10, maxDelayMs: 50 }, onError: (e) => errors.push(e) }),
    );
    expect(await client.request('echo', [1])).toEqual([1]);
    server.halfOpen(true);
    const out = await settleAll([client.request('echo', [2])], 6000);
    expect(out[0]).toEqual({ ok: true, value: [2] });
    expect(server.connectionCount).toBe(2);
    expect(errors.some((e) => e instanceof ProtocolError && /nothing received for 200 ms/.test(e.message))).toBe(true);
  });
});
