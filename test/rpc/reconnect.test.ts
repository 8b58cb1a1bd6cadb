import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionClosedError, NotReplayableError, ProtocolError, RpcClient, type ClientState } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { errorOf, settle, sleep, waitFor } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const fast = { minDelayMs: 10, maxDelayMs: 50 };

describe('RpcClient reconnect', () => {
  it('replays in-flight reads after a drop and rejects author_submitExtrinsic', async () => {
    server = await startRpcServer({ latencyMs: 150 });
    const states: ClientState[] = [];
    client = new RpcClient(server.url, { reconnect: fast, onStatus: (s) => states.push(s) });
    await client.request('echo', ['warm-up']);
    const reads = Array.from({ length: 20 }, (_, i) => client!.request('echo', [i]));
    const submit = settle(client.request('author_submitExtrinsic', ['0x1234']));
    const custom = settle(client.request('my_transfer', []));
    await sleep(30); // on the wire, not yet answered
    server.setLatency(0);
    server.dropAll();

    const r = await submit;
    expect(r.ok).toBe(false);
    const e = errorOf<NotReplayableError>(r);
    expect(e).toBeInstanceOf(NotReplayableError);
    expect(e.name).toBe('NotReplayableError');
    expect(e.method).toBe('author_submitExtrinsic');
    // Not in the non-replayable list → replayed.
    expect((await custom).ok).toBe(true);

    expect(await Promise.all(reads)).toEqual(Array.from({ length: 20 }, (_, i) => [i]));
    expect(server.connectionCount).toBe(2);
    expect(server.requestsByMethod.get('author_submitExtrinsic')).toBe(1);
    expect(client.pendingCount).toBe(0);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('honours the nonReplayable option', async () => {
    server = await startRpcServer({ latencyMs: 150 });
    client = new RpcClient(server.url, { reconnect: fast, nonReplayable: ['my_transfer'] });
    await client.request('echo', []);
    const p = settle(client.request('my_transfer', []));
    await sleep(30);
    server.dropAll();
    const r = await p;
    expect(errorOf(r)).toBeInstanceOf(NotReplayableError);
  });

  it('rejects pending requests with ConnectionClosedError when reconnect is off', async () => {
    server = await startRpcServer({ latencyMs: 200 });
    client = new RpcClient(server.url, { reconnect: false });
    await client.request('echo', []);
    const p = settle(client.request('echo', [1]));
    await sleep(30);
    server.dropAll();
    const r = await p;
    expect(errorOf(r)).toBeInstanceOf(ConnectionClosedError);
    await waitFor(() => client!.state === 'idle', 'idle');
    // The client stays usable: the next request opens a new connection.
    server.setLatency(0);
    expect(await client.request('echo', [2])).toEqual([2]);
    expect(server.connectionCount).toBe(2);
  });

  it('gives up after `retries` failed attempts', async () => {
    server = await startRpcServer();
    const url = server.url;
    client = new RpcClient(url, { reconnect: { retries: 2, minDelayMs: 5, maxDelayMs: 10 } });
    await client.request('echo', []);
    server.setLatency(1000);
    const p = settle(client.request('echo', [1]));
    await sleep(20);
    await server.close();
    server = undefined;
    const r = await p;
    expect(errorOf(r)).toBeInstanceOf(ConnectionClosedError);
    expect(client.pendingCount).toBe(0);
  });

  it('rotates through fallback urls on reconnect', async () => {
    const a = await startRpcServer();
    server = await startRpcServer();
    const dead = a.url;
    await a.close();
    client = new RpcClient([dead, server.url], { reconnect: fast });
    expect(await client.request('echo', ['via fallback'])).toEqual(['via fallback']);
    expect(server.connectionCount).toBe(1);
  });

  it('detects a half-open socket via heartbeat and reconnects', async () => {
    server = await startRpcServer();
    const errors: Error[] = [];
    client = new RpcClient(server.url, {
      heartbeatMs: 100,
      heartbeatTimeoutMs: 150,
      reconnect: fast,
      onError: (e) => errors.push(e),
    });
    expect(await client.request('echo', [1])).toEqual([1]);
    await sleep(250); // a couple of healthy pings
    expect(server.connectionCount).toBe(1);
    expect(server.requestsByMethod.get('system_health')).toBeGreaterThanOrEqual(1);

    server.halfOpen(true);
    const p = client.request('echo', [2]);
    await waitFor(() => server!.connectionCount === 2, 'reconnect', 3000);
    expect(await p).toEqual([2]); // replayed on the new socket
    expect(await client.request('echo', [3])).toEqual([3]);
    expect(errors.some((e) => e instanceof ProtocolError && /system_health/.test(e.message))).toBe(true);
  });

  it('idle timeout closes the socket and the next request reconnects', async () => {
    server = await startRpcServer();
    const states: ClientState[] = [];
    client = new RpcClient(server.url, { idleTimeoutMs: 100, onStatus: (s) => states.push(s) });
    expect(await client.request('echo', [1])).toEqual([1]);
    expect(server.openConnections).toBe(1);
    await waitFor(() => client!.state === 'idle', 'idle close', 2000);
    await waitFor(() => server!.openConnections === 0, 'server sees close', 2000);
    expect(await client.request('echo', [2])).toEqual([2]);
    expect(server.connectionCount).toBe(2);
    expect(states).toEqual(['connecting', 'open', 'idle', 'connecting', 'open']);
  });

  it('idle timer does not fire while requests are in flight', async () => {
    server = await startRpcServer({ latencyMs: 250 });
    client = new RpcClient(server.url, { idleTimeoutMs: 50 });
    expect(await client.request('echo', [1])).toEqual([1]);
    expect(server.connectionCount).toBe(1);
  });
});
