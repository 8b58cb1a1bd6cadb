// The typed JSON-RPC table (src/rpc/methods.ts) against a real node: each listed method's reply
// has the shape the table claims, and `tsc` rejects unknown methods and wrong params.
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import { RpcClient } from '../../src/rpc/index.js';
import type { RpcHeader, RpcResult, TypedRequest } from '../../src/rpc/methods.js';
import { storageKey, createRegistry, decodeMetadata } from '../../src/scale/index.js';

const url = inject('chainUrl');
const skip = inject('chainSkip');
const hex = /^0x[0-9a-f]*$/;

describe.skipIf(!url)(`typed JSON-RPC table on the local chain${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let rpc: RpcClient;
  let request: TypedRequest;
  beforeAll(() => {
    rpc = new RpcClient(url);
    request = (method, params, opts) => rpc.request(method, params, opts);
  });
  afterAll(() => rpc?.close());

  it('chain_* and state_* replies match their table entries', async () => {
    const genesis = await request('chain_getBlockHash', [0]);
    expectTypeOf(genesis).toEqualTypeOf<`0x${string}` | null>();
    expect(genesis).toMatch(/^0x[0-9a-f]{64}$/);
    const head = await request('chain_getHeader', []);
    expectTypeOf(head).toEqualTypeOf<RpcHeader | null>();
    expect(head?.number).toMatch(hex);
    expect(Object.keys(head ?? {}).sort()).toEqual(['digest', 'extrinsicsRoot', 'number', 'parentHash', 'stateRoot']);
    const version = await request('state_getRuntimeVersion', []);
    expect(version.specVersion).toBe(218);
    expect(version.apis.every(([id, v]) => hex.test(id) && typeof v === 'number')).toBe(true);
    const reg = createRegistry(decodeMetadata(await request('state_getMetadata', [])));
    const key = storageKey(reg, 'SubtensorModule', 'TotalNetworks') as `0x${string}`;
    expect(await request('state_getStorage', [key])).toMatch(hex);
    const sets: RpcResult<'state_queryStorageAt'> = await request('state_queryStorageAt', [[key]]);
    expect(sets[0].changes[0][0]).toBe(key);
    const keys = await request('state_getKeysPaged', [key, 1]);
    expect(Array.isArray(keys)).toBe(true);
    const health = await request('system_health', []);
    expect(typeof health.isSyncing).toBe('boolean');
    // @ts-expect-error a storage key is 0x-hex
    await expect(request('state_getStorage', [42])).rejects.toThrow();
    // @ts-expect-error not in the table
    await expect(request('chain_getNothing', [])).rejects.toThrow();
  });
});
