// Validator permits, mechanism emission split and MEV Shield keys (src/subtensor/subnet-extras.ts):
// permits against polkadot.js on the local chain (spec 218); the newer items on a spec-393 node
// with polkadot.js-encoded values, including Python's half-to-even rounding and the key size check.
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DecodeError } from '../../src/scale/index.js';
import { Subtensor } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');

describe.skipIf(!url)('validator permits on the local chain', () => {
  let st: Subtensor;
  let api: ApiPromise;
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  it('getSubnetValidatorPermits: ValidatorPermit by uid, null for a missing subnet; the split and MEV keys are absent on 218', async () => {
    // on the root subnet: a new NetworksAdded entry would change the subnet list other test files see
    const netuid = 0;
    const missing = 2000 + Math.floor(Math.random() * 60_000);
    await st.client.rpc.request('dev_setStorage', [{ SubtensorModule: { ValidatorPermit: [[[netuid], [true, false, true]]] } }]);
    const hash = await st.getBlockHash();
    const pjs = await api.at(hash);
    expect(await st.getSubnetValidatorPermits(netuid, { blockHash: hash })).toEqual((await pjs.query.subtensorModule.validatorPermit(netuid)).toJSON());
    expect(await st.getSubnetValidatorPermits(netuid, { blockHash: hash })).toEqual([true, false, true]);
    expect(await st.getSubnetValidatorPermits(1, { blockHash: hash })).toEqual((await pjs.query.subtensorModule.validatorPermit(1)).toJSON());
    expect(await st.getSubnetValidatorPermits(missing, { blockHash: hash })).toBeNull();
    expect(await st.getMechanismEmissionSplit(1, { blockHash: hash })).toBeNull();
    expect(await st.getMevShieldCurrentKey({ blockHash: hash })).toBeNull();
  });
});

describe('mechanism split and MEV Shield keys on a spec-393 node', () => {
  const spec = useSpec393Node();

  it('getMechanismEmissionSplit: percentages rounded half to even, as Python round()', async (ctx) => {
    const node = spec.get(ctx);
    node.put('subtensorModule', 'mechanismEmissionSplit', [3], [1, 3]); // 25, 75
    node.put('subtensorModule', 'mechanismEmissionSplit', [4], [5, 195]); // 2.5 → 2, 97.5 → 98
    node.put('subtensorModule', 'mechanismEmissionSplit', [5], [7, 193]); // 3.5 → 4, 96.5 → 96
    expect(await node.st.getMechanismEmissionSplit(3)).toEqual([25, 75]);
    expect(await node.st.getMechanismEmissionSplit(4)).toEqual([2, 98]);
    expect(await node.st.getMechanismEmissionSplit(5)).toEqual([4, 96]);
    expect(await node.st.getMechanismEmissionSplit(6)).toBeNull();
  });

  it('getMevShieldCurrentKey / NextKey: 1,184-byte keys; another size is a DecodeError naming the item', async (ctx) => {
    const node = spec.get(ctx);
    const key = Uint8Array.from({ length: 1184 }, (_, i) => i % 251);
    node.put('mevShield', 'currentKey', [], u8aToHex(key));
    expect(await node.st.getMevShieldCurrentKey()).toEqual(key);
    expect(await node.st.getMevShieldNextKey()).toBeNull();
    node.put('mevShield', 'nextKey', [], u8aToHex(key.subarray(0, 1000)));
    const e = await node.st.getMevShieldNextKey().then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(DecodeError);
    expect((e as Error).message).toMatch(/MevShield\.NextKey: an ML-KEM-768 public key has 1184 bytes, got 1000/);
  });
});
