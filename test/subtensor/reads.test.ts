// Issue 13's first slice on the local chain (raonet spec 218): the block/time and
// neurons-and-registration reads, each compared with @polkadot/api reading the same storage item
// at the same pinned block, plus Python's conversion (ms → datetime, zero account → no owner).
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor } from '../../src/subtensor/index.js';

const url = inject('chainUrl');

describe.skipIf(!url)('registration and block/time reads against polkadot.js at one block', () => {
  let st: Subtensor;
  let api: ApiPromise;
  let hash: string;
  let number: number;
  let pjs: ApiDecoration<'promise'>;
  let hotkey: string;
  let nobody: string;
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    const { encodeAddress, randomAsU8a } = await import('@polkadot/util-crypto');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    hash = await st.getBlockHash();
    number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
    pjs = await api.at(hash);
    hotkey = (await pjs.query.subtensorModule.keys(1, 0)).toString();
    nobody = encodeAddress(randomAsU8a(32), 42); // a fresh key: registered nowhere, owned by no one
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  it('getTimestamp: Timestamp.Now (ms) as a Date', async () => {
    const ms = (await pjs.query.timestamp.now()).toString();
    const t = await st.getTimestamp({ blockHash: hash });
    expect(t.getTime()).toBe(Number(ms));
    expect(t.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect((await st.at(hash).getTimestamp()).getTime()).toBe(Number(ms));
  });

  it('getUidForHotkeyOnSubnet and isHotkeyRegistered(OnSubnet|Any)', async () => {
    const uid = (await pjs.query.subtensorModule.uids(1, hotkey)).toJSON();
    expect(uid).toBe(0);
    expect(await st.getUidForHotkeyOnSubnet(hotkey, 1, { blockHash: hash })).toBe(uid);
    const on0 = (await pjs.query.subtensorModule.uids(0, hotkey)).toJSON();
    expect(await st.getUidForHotkeyOnSubnet(hotkey, 0, { blockHash: hash })).toBe(on0);
    expect(await st.getUidForHotkeyOnSubnet(nobody, 1, { blockHash: hash })).toBeNull();
    expect(await st.isHotkeyRegisteredOnSubnet(hotkey, 1, { blockHash: hash })).toBe(true);
    expect(await st.isHotkeyRegisteredOnSubnet(hotkey, 0, { blockHash: hash })).toBe(on0 !== null);
    expect(await st.isHotkeyRegisteredOnSubnet(nobody, 1, { blockHash: hash })).toBe(false);
    expect(await st.isHotkeyRegistered(hotkey, 1, { blockHash: hash })).toBe(true);
    expect(await st.isHotkeyRegistered(hotkey, null, { blockHash: hash })).toBe(true);
    expect(await st.isHotkeyRegistered(nobody)).toBe(false);
    expect(await st.isHotkeyRegisteredAny(hotkey, { blockHash: hash })).toBe(true);
    expect(await st.isHotkeyRegisteredAny(nobody, { blockHash: hash })).toBe(false);
  });

  it('getNetuidsForHotkey: the IsNetworkMember entries that are true', async () => {
    const entries = await pjs.query.subtensorModule.isNetworkMember.entries(hotkey);
    const expected = entries
      .filter(([, v]) => v.toJSON() === true)
      .map(([k]) => Number(k.args[1].toString()))
      .sort((a, b) => a - b);
    expect(expected).toContain(1);
    expect(await st.getNetuidsForHotkey(hotkey, { blockHash: hash })).toEqual(expected);
    expect(await st.getNetuidsForHotkey(nobody, { blockHash: hash })).toEqual([]);
  });

  it('getHotkeyOwner, doesHotkeyExist: Owner, with the all-zero account meaning "no such hotkey"', async () => {
    // Owner is a ValueQuery: an unknown hotkey reads as the all-zero account, which Python treats as
    // "does not exist"; this chain's one neuron has that very account as hotkey, with an Owner entry.
    const zero = '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM';
    for (const key of [nobody, hotkey]) {
      expect((await pjs.query.subtensorModule.owner(key)).toString()).toBe(zero);
      expect(await st.getHotkeyOwner(key, { blockHash: hash })).toBeNull();
      expect(await st.doesHotkeyExist(key, { blockHash: hash })).toBe(false);
    }
  });

  it('getHotkeyOwner, getOwnedHotkeys on keys given an owner (dev_setStorage on fresh keys only)', async () => {
    const { encodeAddress, randomAsU8a } = await import('@polkadot/util-crypto');
    const [coldkey, hk1, hk2] = [0, 1, 2].map(() => encodeAddress(randomAsU8a(32), 42));
    await st.client.rpc.request('dev_setStorage', [{ SubtensorModule: { Owner: [[[hk1], coldkey], [[hk2], coldkey]], OwnedHotkeys: [[[coldkey], [hk2, hk1]]] } }]);
    const at = await st.getBlockHash();
    const view = await api.at(at);
    const owner = (await view.query.subtensorModule.owner(hk1)).toString();
    expect(owner).toBe(coldkey);
    expect(await st.getHotkeyOwner(hk1, { blockHash: at })).toBe(owner);
    expect(await st.doesHotkeyExist(hk2, { blockHash: at })).toBe(true);
    const owned = ((await view.query.subtensorModule.ownedHotkeys(coldkey)).toJSON() as string[]).map(String);
    expect(owned).toEqual([hk2, hk1]);
    expect(await st.getOwnedHotkeys(coldkey, { blockHash: at })).toEqual(owned);
    expect(await st.getOwnedHotkeys(nobody, { blockHash: at })).toEqual([]);
  });

  it('tempo, difficulty, immunityPeriod, subnetworkN: the storage item, null for a missing subnet', async () => {
    for (const netuid of [0, 1]) {
      const q = pjs.query.subtensorModule;
      expect(await st.tempo(netuid, { blockHash: hash })).toBe(Number((await q.tempo(netuid)).toString()));
      expect(await st.difficulty(netuid, { blockHash: hash })).toBe(BigInt((await q.difficulty(netuid)).toString()));
      expect(await st.immunityPeriod(netuid, { blockHash: hash })).toBe(Number((await q.immunityPeriod(netuid)).toString()));
      expect(await st.subnetworkN(netuid, { blockHash: hash })).toBe(Number((await q.subnetworkN(netuid)).toString()));
    }
    expect(await st.subnetworkN(1, { blockHash: hash })).toBeGreaterThanOrEqual(1);
    expect(await st.tempo(7, { blockHash: hash })).toBeNull();
    expect(await st.difficulty(7, { blockHash: hash })).toBeNull();
    expect(await st.immunityPeriod(7, { blockHash: hash })).toBeNull();
    expect(await st.subnetworkN(7, { blockHash: hash })).toBeNull();
    expect(await st.at(hash).tempo(1)).toBe(await st.tempo(1, { block: number }));
  });

  it('blocksSinceLastUpdate: block number minus LastUpdate[uid]', async () => {
    const last = (await pjs.query.subtensorModule.lastUpdate(1)).toJSON() as number[];
    expect(last.length).toBeGreaterThanOrEqual(1);
    expect(await st.blocksSinceLastUpdate(1, 0, { blockHash: hash })).toBe(number - Number(last[0]));
    expect(await st.blocksSinceLastUpdate(1, 0, { block: number })).toBe(number - Number(last[0]));
    expect(await st.at(hash).blocksSinceLastUpdate(1, 0)).toBe(number - Number(last[0]));
    expect(await st.blocksSinceLastUpdate(1, last.length, { blockHash: hash })).toBeNull();
    expect(await st.blocksSinceLastUpdate(7, 0, { blockHash: hash })).toBeNull();
    // at the head: pinned first, so never negative even while blocks are produced
    expect(await st.blocksSinceLastUpdate(1, 0)).toBeGreaterThanOrEqual(number - Number(last[0]));
  });

  it('blocksUntilNextEpoch, getNextEpochStartBlock: the runtime rule over Tempo, block by block', async () => {
    const tempo = Number((await pjs.query.subtensorModule.tempo(1)).toString());
    expect(tempo).toBeGreaterThan(0);
    // SubtensorModule::blocks_until_next_epoch: tempo - (block + netuid + 1) % (tempo + 1)
    expect(await st.blocksUntilNextEpoch(1, { blockHash: hash })).toBe(tempo - ((number + 2) % (tempo + 1)));
    expect(await st.blocksUntilNextEpoch(0, { blockHash: hash })).toBe(tempo - ((number + 1) % (tempo + 1)));
    // one block later, one block less (until the count wraps at an epoch block)
    for (let b = Math.max(0, number - 5); b < number; b++) {
      const [now, next] = [await st.blocksUntilNextEpoch(1, { block: b }), await st.blocksUntilNextEpoch(1, { block: b + 1 })];
      expect(next).toBe(now === 0 ? tempo : now! - 1);
      expect(await st.getNextEpochStartBlock(1, { block: b })).toBe(b + now! + 1);
    }
    const until = await st.blocksUntilNextEpoch(1, { blockHash: hash });
    expect(await st.at(hash).getNextEpochStartBlock(1)).toBe(number + until! + 1);
    expect(await st.blocksUntilNextEpoch(7, { blockHash: hash })).toBeNull();
    expect(await st.getNextEpochStartBlock(7, { blockHash: hash })).toBeNull();
  });

  it('getNeuronForPubkeyAndSubnet: Uids, then that uid\'s neuron at the same block', async () => {
    const uid = (await pjs.query.subtensorModule.uids(1, hotkey)).toJSON() as number;
    const neuron = await st.getNeuronForPubkeyAndSubnet(hotkey, 1, { blockHash: hash });
    expect(neuron?.uid).toBe(uid);
    expect(neuron?.netuid).toBe(1);
    expect(neuron?.hotkey).toBe(hotkey);
    expect(neuron).toEqual(await st.neuronForUid(uid, 1, { blockHash: hash }));
    expect(await st.getNeuronForPubkeyAndSubnet(nobody, 1, { blockHash: hash })).toBeNull();
  });
});
