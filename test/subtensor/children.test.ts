// Issue 13's second slice on the local chain (raonet spec 218): children, parents, the subnet
// owner's hotkey and the delegate take, each compared with @polkadot/api
// reading the same storage item at the same block plus Python's conversion (u64 / (2^64 - 1),
// u16 / 65535). The data is written with dev_setStorage on fresh random hotkeys only.
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor } from '../../src/subtensor/index.js';

const url = inject('chainUrl');
const U64_MAX = 2n ** 64n - 1n;

describe.skipIf(!url)('children, parents, subnet owner and delegate take against polkadot.js at one block', () => {
  let st: Subtensor;
  let api: ApiPromise;
  let hash: string;
  let pjs: ApiDecoration<'promise'>;
  let parent: string;
  let kids: string[];
  let nobody: string;
  // quarter, three quarters rounded down, and the full u64: the edges of the conversion
  const shares = [U64_MAX / 4n, (U64_MAX / 4n) * 3n, U64_MAX];
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    const { encodeAddress, randomAsU8a } = await import('@polkadot/util-crypto');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    [parent, nobody, ...kids] = [0, 1, 2, 3].map(() => encodeAddress(randomAsU8a(32), 42));
    const [a, b] = kids;
    await st.client.rpc.request('dev_setStorage', [{
      SubtensorModule: {
        ChildKeys: [[[parent, 1], [[shares[0].toString(), a], [shares[1].toString(), b]]]],
        ParentKeys: [[[a, 1], [[shares[2].toString(), parent]]], [[b, 1], [[shares[1].toString(), parent]]]],
        Delegates: [[[parent], 11796]],
        Owner: [[[parent], nobody]],
      },
    }]);
    hash = await st.getBlockHash();
    pjs = await api.at(hash);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  /** pjs's `Vec<(u64, AccountId)>` as [bigint, ss58] pairs. */
  const pairs = (v: { toJSON(): unknown }): [bigint, string][] =>
    (v.toJSON() as [number | string, string][]).map(([p, k]) => [BigInt(p), String(k)]);
  const python = (p: bigint): number => Number(p) / Number(U64_MAX);

  it('getChildren: ChildKeys, proportion / (2^64 - 1)', async () => {
    const raw = pairs(await pjs.query.subtensorModule.childKeys(parent, 1));
    expect(raw).toEqual([[shares[0], kids[0]], [shares[1], kids[1]]]);
    const got = await st.getChildren(parent, 1, { blockHash: hash });
    expect(got).toEqual(raw.map(([p, hotkey]) => ({ proportion: python(p), proportionU64: p, hotkey })));
    expect(got[0].proportion).toBeCloseTo(0.25, 12);
    expect(got[1].proportion).toBeCloseTo(0.75, 12);
    expect(await st.at(hash).getChildren(parent, 1)).toEqual(got);
    expect(await st.getChildren(parent, 2, { blockHash: hash })).toEqual([]);
    expect(await st.getChildren(nobody, 1, { blockHash: hash })).toEqual([]);
  });

  it('getParents: ParentKeys, the full u64 share reads as 1', async () => {
    for (const kid of kids) {
      const raw = pairs(await pjs.query.subtensorModule.parentKeys(kid, 1));
      expect(raw.map(([, k]) => k)).toEqual([parent]);
      expect(await st.getParents(kid, 1, { blockHash: hash })).toEqual(raw.map(([p, hotkey]) => ({ proportion: python(p), proportionU64: p, hotkey })));
    }
    expect((await st.getParents(kids[0], 1, { blockHash: hash }))[0].proportion).toBe(1);
    expect(await st.getParents(parent, 1, { blockHash: hash })).toEqual([]);
  });

  it('getDelegateTake: Delegates / 65535', async () => {
    const take = Number((await pjs.query.subtensorModule.delegates(parent)).toString());
    expect(take).toBe(11796);
    expect(await st.getDelegateTake(parent, { blockHash: hash })).toBe(take / 65535);
    expect(await st.getDelegateTake(parent, { blockHash: hash })).toBeCloseTo(0.18, 4);
    // an unknown hotkey reads the item's default, as Python's query does
    const dflt = Number((await pjs.query.subtensorModule.delegates(nobody)).toString());
    expect(await st.getDelegateTake(nobody, { blockHash: hash })).toBe(dflt / 65535);
    // the runtime's delegate list sees the same entry (and still answers with it present)
    const listed = (await st.getDelegates({ blockHash: hash })).find((d) => d.delegateSs58 === parent);
    expect(listed?.take).toBe(take / 65535);
  });

  it('getSubnetOwnerHotkey: SubnetOwnerHotkey, null for a missing subnet', async () => {
    for (const netuid of [0, 1]) {
      const owner = (await pjs.query.subtensorModule.subnetOwnerHotkey(netuid)).toString();
      expect(await st.getSubnetOwnerHotkey(netuid, { blockHash: hash })).toBe(owner);
    }
    expect(await st.getSubnetOwnerHotkey(7, { blockHash: hash })).toBeNull();
  });
});
