// Issue 13's neurons/stake slice on the local chain (raonet spec 218): weights, bonds, stake
// weight, certificates, minimum stake, the delegate of a hotkey and a pair's stake per subnet,
// each compared with @polkadot/api reading the same storage item / runtime API at the same block
// plus Python's conversion. Data goes in with dev_setStorage on a fresh random netuid and keys.
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor } from '../../src/subtensor/index.js';

const url = inject('chainUrl');

describe.skipIf(!url)('neuron maps, certificates, stake and delegates against polkadot.js at one block', () => {
  let st: Subtensor;
  let api: ApiPromise;
  let hash: string;
  let pjs: ApiDecoration<'promise'>;
  let netuid: number;
  let hk: string;
  let ck: string;
  let nobody: string;
  const w0: [number, number][] = [[0, 65535], [2, 1]];
  const w3: [number, number][] = [[1, 32767]];
  const key = new Uint8Array([0, 1, 127, 128, 200, 255]);
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    const { encodeAddress, randomAsU8a } = await import('@polkadot/util-crypto');
    const { u8aToHex } = await import('@polkadot/util');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    [hk, ck, nobody] = [0, 1, 2].map(() => encodeAddress(randomAsU8a(32), 42));
    netuid = 100 + Math.floor(Math.random() * 3900);
    const shares = '3'; // Alpha and TotalHotkeyShares are plain u64 share counts on spec 218
    await st.client.rpc.request('dev_setStorage', [{
      SubtensorModule: {
        Weights: [[[netuid, 0], w0], [[netuid, 3], w3]],
        Bonds: [[[netuid, 3], w0]],
        StakeWeight: [[[netuid], [0, 65535, 13107]]],
        NeuronCertificates: [[[netuid, hk], { public_key: u8aToHex(key), algorithm: 1 }]],
        Delegates: [[[hk], 11796]],
        Owner: [[[hk], ck]],
        Alpha: [[[hk, ck, 1], shares]],
        TotalHotkeyShares: [[[hk, 1], shares]],
        TotalHotkeyAlpha: [[[hk, 1], '5000000000'], [[hk, 2], '7']],
        StakingHotkeys: [[[ck], [hk]]],
      },
    }]);
    hash = await st.getBlockHash();
    pjs = await api.at(hash);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  /** pjs's map entries under `netuid` as [uid, [[uid, value], ...]] in key order. */
  async function rows(item: 'weights' | 'bonds'): Promise<[number, [number, number][]][]> {
    const entries = await pjs.query.subtensorModule[item].entries(netuid);
    return entries.map(([k, v]) => [Number(k.args[1].toString()), v.toJSON() as [number, number][]]);
  }

  it('weights and bonds: the Weights / Bonds rows of the subnet as stored, mechanism 0 = netuid', async () => {
    const pw = await rows('weights');
    expect(pw.sort((a, b) => a[0] - b[0])).toEqual([[0, w0], [3, w3]]);
    const got = await st.weights(netuid, 0, { blockHash: hash });
    expect([...got].sort((a, b) => a[0] - b[0])).toEqual(pw);
    expect(await st.at(hash).weights(netuid)).toEqual(got);
    expect(await st.bonds(netuid, 0, { blockHash: hash })).toEqual(await rows('bonds'));
    expect(await st.bonds(netuid, 0, { blockHash: hash })).toEqual([[3, w0]]);
    // mechanism 1 of this subnet is storage index 4096 + netuid: nothing there
    expect(await st.weights(netuid, 1, { blockHash: hash })).toEqual([]);
  });

  it('getStakeWeight: StakeWeight, each u16 / 65535', async () => {
    const raw = (await pjs.query.subtensorModule.stakeWeight(netuid)).toJSON() as number[];
    expect(raw).toEqual([0, 65535, 13107]);
    expect(await st.getStakeWeight(netuid, { blockHash: hash })).toEqual(raw.map((w) => w / 65535));
    expect(await st.getStakeWeight(netuid + 1, { blockHash: hash })).toEqual([]);
  });

  it('getNeuronCertificate / getAllNeuronCertificates: chr(algorithm) + chr of each key byte', async () => {
    const raw = (await pjs.query.subtensorModule.neuronCertificates(netuid, hk)).toJSON() as { publicKey: string; algorithm: number };
    const bytes = Buffer.from(raw.publicKey.slice(2), 'hex');
    const python = String.fromCharCode(raw.algorithm) + [...bytes].map((b) => String.fromCharCode(b)).join('');
    expect(python.length).toBe(key.length + 1);
    expect(await st.getNeuronCertificate(hk, netuid, { blockHash: hash })).toBe(python);
    expect(await st.getNeuronCertificate(nobody, netuid, { blockHash: hash })).toBeNull();
    expect(await st.getAllNeuronCertificates(netuid, { blockHash: hash })).toEqual({ [hk]: python });
  });

  it('getMinimumRequiredStake: NominatorMinRequiredStake in rao', async () => {
    const raw = BigInt((await pjs.query.subtensorModule.nominatorMinRequiredStake()).toString());
    const got = await st.getMinimumRequiredStake({ blockHash: hash });
    expect(got.rao).toBe(raw);
    expect(got.netuid).toBe(0);
  });

  it('getDelegateByHotkey / isHotkeyDelegate: the runtime\'s get_delegate, null for a non-delegate', async () => {
    const listed = (await st.getDelegates({ blockHash: hash })).find((d) => d.delegateSs58 === hk);
    expect(listed).toBeDefined();
    const got = await st.getDelegateByHotkey(hk, { blockHash: hash });
    expect(got).toEqual(listed);
    expect(got?.take).toBe(11796 / 65535);
    expect(got?.ownerSs58).toBe((await pjs.query.subtensorModule.owner(hk)).toString());
    expect(await st.getDelegateByHotkey(nobody, { blockHash: hash })).toBeNull();
    expect(await st.isHotkeyDelegate(hk, { blockHash: hash })).toBe(true);
    expect(await st.isHotkeyDelegate(nobody, { blockHash: hash })).toBe(false);
  });

  it('getStakeForColdkeyAndHotkey: one StakeInfo per subnet, equal to getStake at the block', async () => {
    const netuids = await st.getAllSubnetsNetuid({ blockHash: hash });
    const got = await st.getStakeForColdkeyAndHotkey(ck, hk, null, { blockHash: hash });
    expect(Object.keys(got).map(Number)).toEqual(netuids);
    const one = got[1];
    expect(one?.stake.rao).toBe((await st.getStake(ck, hk, 1, { blockHash: hash })).rao);
    // spec 218 answers get_stake_info_for_coldkey as Vec<u8> (pjs cannot type it); its share
    // arithmetic (3 shares of 3 on 5e9 alpha) rounds down by one rao
    expect(Number(one!.stake.rao)).toBeCloseTo(5e9, -1);
    expect(one?.hotkey).toBe(hk);
    const only = await st.getStakeForColdkeyAndHotkey(ck, hk, [1, 2], { blockHash: hash });
    expect(Object.keys(only)).toEqual(['1', '2']);
    expect(only[2]).toBeNull();
  });

  it('getTotalStakeForColdkey / getTotalStakeForHotkey: per-subnet totals (no TotalColdkeyStake on spec 218)', async () => {
    const entries = await pjs.query.subtensorModule.totalHotkeyAlpha.entries(hk);
    const expected = Object.fromEntries(entries.map(([k, v]) => [Number(k.args[1].toString()), BigInt(v.toString())]));
    expect(expected).toEqual({ 1: 5_000_000_000n, 2: 7n });
    const hot = await st.getTotalStakeForHotkey(hk, { blockHash: hash });
    expect(Object.fromEntries(Object.entries(hot).map(([n, b]) => [n, b.rao]))).toEqual(expected);
    expect(hot[2].netuid).toBe(2);
    const cold = await st.getTotalStakeForColdkey(ck, { blockHash: hash });
    const info = await st.getStakeInfoForColdkey(ck, { blockHash: hash });
    expect(Object.keys(cold)).toEqual(['1']);
    expect(cold[1].rao).toBe(info.filter((i) => i.netuid === 1).reduce((s, i) => s + i.stake.rao, 0n));
    expect(cold[1].rao).toBe((await st.getStake(ck, hk, 1, { blockHash: hash })).rao);
    expect(await st.getTotalStakeForColdkey(nobody, { blockHash: hash })).toEqual({});
  });
});
