// Memory a hostile server can make the client hold: kept errors must not pin their frames.
// Runs with --expose-gc (vitest.config.ts); without gc the heap assertions are skipped.
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, RpcClient } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { sleep, waitFor } from './util.js';

const gc = (globalThis as { gc?: () => void }).gc;
let server: RpcServer | undefined;
let client: RpcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function heapAfterGc(): Promise<number> {
  await sleep(20);
  gc!();
  await sleep(20);
  gc!();
  return process.memoryUsage().heapUsed;
}

describe('kept errors do not retain their frames', () => {
  it.skipIf(!gc)('20 ProtocolErrors from 4 MB frames hold < 8 MB after gc (the frames total 80 MB; one frame may linger in ws buffers)', async () => {
    server = await startRpcServer();
    const kept: Error[] = [];
    client = new RpcClient(server.url, { onError: (e) => kept.push(e) });
    expect(await client.request('echo', [1])).toEqual([1]);
    const before = await heapAfterGc();
    const big = 'x'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < 10; i++) server.sendRaw(`{"not json ${i} ${big}`); // malformed JSON
    for (let i = 0; i < 10; i++) server.sendRaw(`{"jsonrpc":"2.0","id":${900_000 + i},"result":"${big}"}`); // phantom id
    await waitFor(() => kept.length === 20, '20 errors', 10_000);
    const delta = (await heapAfterGc()) - before;
    expect(kept.every((e) => e instanceof ProtocolError)).toBe(true);
    expect((kept[0] as ProtocolError).frame).toMatch(/^\{"not json 0 x+… \(\d+ chars\)$/);
    expect(kept[10]!.message).toMatch(/unknown request id 900000/);
    expect(delta).toBeLessThan(8 * 1024 * 1024);
    expect(server.connectionCount).toBe(1);
  });
});

describe('stray notifications', () => {
  it.skipIf(!gc)('a flood of 19 MB of notifications for 64 unknown ids leaves < 6 MB after gc, reported per id', async () => {
    server = await startRpcServer();
    const errors: Error[] = [];
    client = new RpcClient(server.url, { onError: (e) => errors.push(e) });
    expect(await client.request('echo', [1])).toEqual([1]);
    const before = await heapAfterGc();
    const filler = 'n'.repeat(1000);
    for (let k = 0; k < 300; k++) for (let id = 0; id < 64; id++) server.notify(`stray-${id}`, 'chain_newHead', { k, filler });
    expect(await client.request('echo', ['after the flood'])).toEqual(['after the flood']); // in order, so the flood is in
    const delta = (await heapAfterGc()) - before;
    expect(delta).toBeLessThan(6 * 1024 * 1024);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e instanceof ProtocolError)).toBe(true);
    expect(errors[0]!.message).toMatch(/^dropped \d+ notification\(s\) for unknown subscription id stray-\d+: over the byte limit$/);
    expect(server.connectionCount).toBe(1);
  });
});
