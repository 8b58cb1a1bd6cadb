import { afterEach, describe, expect, it } from 'vitest';
import { NotReplayableError, RpcClient, RpcError } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer, type ServerConn } from '../helpers/rpc-server.js';
import { errorOf, settle, sleep, waitFor } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** A server whose chain_subscribeNewHeads hands out `c<conn>-s<n>` ids and records unsubscribes. */
async function subServer(opts: { early?: number; latencyMs?: number } = {}) {
  let n = 0;
  const live = new Map<string, ServerConn>();
  const unsubscribed: string[] = [];
  const s = await startRpcServer({
    latencyMs: opts.latencyMs,
    handler: (method, params, conn) => {
      if (method === 'chain_subscribeNewHeads' || method === 'author_submitAndWatchExtrinsic') {
        const id = `c${conn.index}-s${++n}`;
        live.set(id, conn);
        // Notifications that overtake the subscribe reply.
        for (let i = 0; i < (opts.early ?? 0); i++) conn.notify(id, 'chain_newHead', { number: -1 - i });
        return id;
      }
      if (method === 'chain_unsubscribeNewHeads') {
        unsubscribed.push(String(params[0]));
        return live.delete(String(params[0]));
      }
      return params;
    },
  });
  const push = (result: unknown): void => {
    for (const [id, conn] of live) if (conn.socket.readyState === conn.socket.OPEN) conn.notify(id, 'chain_newHead', result);
  };
  return { s, live, unsubscribed, push };
}

describe('RpcClient subscriptions', () => {
  it('delivers notifications and unsubscribes', async () => {
    const { s, push, unsubscribed, live } = await subServer();
    server = s;
    client = new RpcClient(server.url);
    const got: unknown[] = [];
    const sub = await client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', (r) => got.push(r));
    expect(sub.id).toBe('c1-s1');
    push({ number: 1 });
    push({ number: 2 });
    await waitFor(() => got.length === 2, 'events');
    expect(got).toEqual([{ number: 1 }, { number: 2 }]);
    await sub.unsubscribe();
    expect(unsubscribed).toEqual(['c1-s1']);
    expect(live.size).toBe(0);
    await sub.unsubscribe(); // idempotent
    expect(unsubscribed).toEqual(['c1-s1']);
    expect(client.pendingCount).toBe(0);
  });

  it('buffers notifications that arrive before the subscribe reply', async () => {
    const { s, push } = await subServer({ early: 3, latencyMs: 30 });
    server = s;
    client = new RpcClient(server.url);
    const got: unknown[] = [];
    await client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', (r) => got.push(r));
    expect(got).toEqual([{ number: -1 }, { number: -2 }, { number: -3 }]);
    push({ number: 1 });
    await waitFor(() => got.length === 4, 'live event');
    expect(got[3]).toEqual({ number: 1 });
  });

  it('keeps delivering after a reconnect under a new server id', async () => {
    const { s, push } = await subServer();
    server = s;
    client = new RpcClient(server.url, { reconnect: { minDelayMs: 10, maxDelayMs: 20 } });
    const got: unknown[] = [];
    const sub = await client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', (r) => got.push(r));
    expect(sub.id).toBe('c1-s1');
    push(1);
    await waitFor(() => got.length === 1, 'first event');
    server.dropAll();
    await waitFor(() => sub.id === 'c2-s2', 're-subscribe');
    push(2);
    await waitFor(() => got.length === 2, 'event after reconnect');
    expect(got).toEqual([1, 2]);
    expect(server.connectionCount).toBe(2);
    expect(server.requestsByMethod.get('chain_subscribeNewHeads')).toBe(2);
  });

  it('does not re-issue author_submitAndWatchExtrinsic after a drop', async () => {
    const { s } = await subServer();
    server = s;
    client = new RpcClient(server.url, { reconnect: { minDelayMs: 10, maxDelayMs: 20 } });
    const errors: Error[] = [];
    await client.subscribe('author_submitAndWatchExtrinsic', ['0x00'], 'author_unwatchExtrinsic', () => {}, {
      onError: (e) => errors.push(e),
    });
    // Keep the client busy so it reconnects.
    const other = await client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', () => {});
    server.dropAll();
    await waitFor(() => errors.length === 1, 'onError');
    expect(errors[0]).toBeInstanceOf(NotReplayableError);
    await waitFor(() => other.id.startsWith('c2-'), 'other re-subscribed');
    expect(server.requestsByMethod.get('author_submitAndWatchExtrinsic')).toBe(1);
  });

  it('aborting a subscribe before its reply cleans up the server-side subscription', async () => {
    const { s, unsubscribed } = await subServer({ latencyMs: 50 });
    server = s;
    client = new RpcClient(server.url);
    const ac = new AbortController();
    const p = settle(client.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', () => {}, { signal: ac.signal }));
    await sleep(10);
    ac.abort();
    expect((await p).ok).toBe(false);
    await waitFor(() => unsubscribed.length === 1, 'late unsubscribe');
    expect(unsubscribed).toEqual(['c1-s1']);
  });

  it('async iterator form yields events and return() unsubscribes', async () => {
    const { s, push, unsubscribed } = await subServer({ early: 1 });
    server = s;
    client = new RpcClient(server.url);
    const it = client.subscribeIter<{ number: number }>('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads');
    const first = await it.next();
    expect(first).toEqual({ value: { number: -1 }, done: false });
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const h of it) {
        seen.push(h.number);
        if (seen.length === 3) break;
      }
    })();
    for (let i = 1; i <= 3; i++) push({ number: i });
    await consumer;
    expect(seen).toEqual([1, 2, 3]);
    await waitFor(() => unsubscribed.length === 1, 'unsubscribe');
    expect(unsubscribed).toEqual(['c1-s1']);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('async iterator rejects next() when the subscribe call fails', async () => {
    server = await startRpcServer({
      handler: () => {
        throw { code: -32601, message: 'Method not found' };
      },
    });
    client = new RpcClient(server.url);
    const it = client.subscribeIter('chain_subscribeNope', [], 'chain_unsubscribeNope');
    const r = await settle(it.next());
    expect(errorOf<RpcError>(r).code).toBe(-32601);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(client.pendingCount).toBe(0);
  });

  it('close() ends an async iterator', async () => {
    const { s } = await subServer();
    server = s;
    client = new RpcClient(server.url);
    const it = client.subscribeIter('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads');
    const pending = it.next();
    await waitFor(() => server!.requestsByMethod.get('chain_subscribeNewHeads') === 1, 'subscribed');
    await sleep(20);
    await client.close();
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});
