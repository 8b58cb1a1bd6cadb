// Connection-level faults on real loopback sockets: a flapping server, dead endpoints (refused,
// HTTP status on upgrade, a connect that hangs), closes mid-request and mid-subscription.
// Every case bounds the connections opened and checks no promise is left unsettled.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionClosedError, RpcClient } from '../../src/rpc/index.js';
import { startFlappingServer, type Hostile } from '../helpers/hostile-server.js';
import { errorOf, settle } from './util.js';

const cleanup: (() => Promise<void>)[] = [];
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
