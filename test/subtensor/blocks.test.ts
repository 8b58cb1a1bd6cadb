// get_block_info, wait_for_block and filter_netuids_by_registered_hotkeys on the local chain
// (raonet spec 218), against @polkadot/api reading the same block. The chain makes a block only
// when asked (dev_newBlock), so waiting is driven from here and an abandoned wait must end by
// signal or timeout.
import type { ApiPromise } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor } from '../../src/subtensor/index.js';

const url = inject('chainUrl');

describe.skipIf(!url)('block info, waiting for a block, netuids of registered hotkeys', () => {
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

  it('getBlockInfo: header, extrinsics and Timestamp.set\'s now of the block, tao.app link', async () => {
    const hash = await st.getBlockHash();
    const [signed, now] = await Promise.all([api.rpc.chain.getBlock(hash), (await api.at(hash)).query.timestamp.now()]);
    const n = signed.block.header.number.toNumber();
    for (const info of [await st.getBlockInfo({ blockHash: hash }), await st.getBlockInfo({ block: n })]) {
      expect(info?.number).toBe(n);
      expect(info?.hash).toBe(hash);
      expect(info?.header.parentHash).toBe(signed.block.header.parentHash.toHex());
      expect(info?.extrinsics.map((x) => x.bytes)).toEqual(signed.block.extrinsics.map((x) => x.toHex()));
      // Timestamp.set's argument is what Timestamp.Now holds after the block
      expect(info?.timestamp).toBe(Number(now.toString()));
      expect(info?.explorer).toBe(`https://www.tao.app/block/${n}`);
    }
    expect((await st.getBlockInfo())?.number).toBeGreaterThanOrEqual(n);
    // a block the chain has not made: Python's None
    expect(await st.getBlockInfo({ block: n + 100_000 })).toBeNull();
  });

  it('waitForBlock: true at once for a reached block, true after the next block is made, aborts cleanly', async () => {
    const head = await st.getCurrentBlock();
    expect(await st.waitForBlock(head)).toBe(true);
    const next = st.waitForBlock();
    await new Promise((r) => setTimeout(r, 200));
    await st.client.rpc.request('dev_newBlock', [{ count: 1 }]);
    expect(await next).toBe(true);
    expect(await st.getCurrentBlock()).toBe(head + 1);
    const ctl = new AbortController();
    const far = st.waitForBlock(head + 1000, { signal: ctl.signal });
    setTimeout(() => ctl.abort(new Error('stop waiting')), 100);
    await expect(far).rejects.toThrow();
    await expect(st.waitForBlock(head + 1000, { timeoutMs: 150 })).rejects.toThrow();
    // both: the timeout fires first although the caller's signal never does
    await expect(st.waitForBlock(head + 1000, { signal: new AbortController().signal, timeoutMs: 150 })).rejects.toThrow();
  });

  it('filterNetuidsByRegisteredHotkeys: registered subnets of the hotkeys, filtered as Python does', async () => {
    const hash = await st.getBlockHash();
    const pjs = await api.at(hash);
    // a hotkey registered somewhere on the local chain: the first Uids key
    const [k] = await pjs.query.subtensorModule.uids.keys();
    const hotkey = k.args[1].toString();
    const members = await pjs.query.subtensorModule.isNetworkMember.entries(hotkey);
    const registered = members.filter(([, v]) => v.toJSON() === true).map(([key]) => Number(key.args[1].toString())).sort((a, b) => a - b);
    expect(registered.length).toBeGreaterThan(0);
    const sel = { blockHash: hash };
    expect(await st.filterNetuidsByRegisteredHotkeys([], [], [hotkey], sel)).toEqual(registered);
    const r = registered[0];
    expect(await st.filterNetuidsByRegisteredHotkeys([500, 501], [501, r], [hotkey], sel)).toEqual([r, 501].sort((a, b) => a - b));
    expect(await st.filterNetuidsByRegisteredHotkeys([500], [500], [hotkey], sel)).toEqual([500]);
    expect(await st.filterNetuidsByRegisteredHotkeys([], [], [], sel)).toEqual([]);
  });
});
