// Endpoint policy with several urls, on real loopback sockets: prefer the first url, fail over
// when it cannot be reached, go back to it once it recovers (probed with backoff), and stay on
// it across idle closes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, webSocketProvider } from '../../src/rpc/index.js';
import { trackHeap } from '../helpers/hostile-checks.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { refusedUrl } from '../helpers/hostile-server.js';
import { waitFor } from './util.js';

const cleanup: (() => Promise<void>)[] = [];
// Every test: heap after gc within 8 MB of where it started.
trackHeap({ beforeEach, afterEach }, 8 * 1024 * 1024);
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A server whose `whoami` answers with its name. */
async function named(name: string, port?: number): Promise<RpcServer> {
  const s = await startRpcServer({ port, handler: (m, p) => (m === 'whoami' ? name : p) });
  cleanup.push(() => s.close());
  return s;
}

describe('endpoint policy', () => {
  it('a first request tries each url once: dead primary, live fallback (also via webSocketProvider)', async () => {
    const fallback = await named('fallback');
    for (const target of [[await refusedUrl(), fallback.url], webSocketProvider([await refusedUrl(), fallback.url])]) {
      const client = new RpcClient(target);
      cleanup.push(() => client.close());
      expect(await client.request('whoami')).toBe('fallback');
    }
    expect(fallback.connectionCount).toBe(2);
  });

  it('an idle close of a healthy primary does not move the client to the fallback', async () => {
    const primary = await named('primary');
    const fallback = await named('fallback');
    const client = new RpcClient([primary.url, fallback.url], { idleTimeoutMs: 50 });
    cleanup.push(() => client.close());
    for (let i = 0; i < 3; i++) {
      expect(await client.request('whoami')).toBe('primary');
      await waitFor(() => client.state === 'idle', 'idle close', 3000);
    }
    expect(primary.connectionCount).toBe(3);
    expect(fallback.connectionCount).toBe(0);
  });

  it('fails over when the primary goes down and returns once it is back (probed with backoff)', async () => {
    let primary = await named('primary');
    const port = primary.port;
    const fallback = await named('fallback');
    const provider = webSocketProvider([primary.url, fallback.url], { failback: { minDelayMs: 100, maxDelayMs: 400 } });
    const client = new RpcClient(provider, { reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
    cleanup.push(() => client.close());
    const heads: unknown[] = [];
    await client.subscribe('whoami', [], 'echo', (r) => heads.push(r));
    expect(await client.request('whoami')).toBe('primary');

    await primary.close(); // down: the client reconnects, the primary refuses, on to the fallback
    await waitFor(() => fallback.connectionCount === 1, 'fail over', 5000);
    expect(await client.request('whoami', [1])).toBe('fallback');

    primary = await named('primary', port); // back on the same url
    await waitFor(() => primary.connectionCount >= 2, 'probe + reconnect to the primary', 5000);
    expect(await client.request('whoami', [2])).toBe('primary');
    // Probing stops once back: no more connections to either server for a while.
    const seen = primary.connectionCount + fallback.connectionCount;
    await new Promise((r) => setTimeout(r, 500));
    expect(primary.connectionCount + fallback.connectionCount).toBe(seen);
    expect(fallback.connectionCount).toBe(1);
    expect(fallback.openConnections).toBe(0);
  });
});
