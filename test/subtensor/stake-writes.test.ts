// Staking writes (src/subtensor/stake-writes.ts, stake-multiple.ts). On the local chain (spec 218: add_stake,
// remove_stake, move_stake): stake moved and balance charged, read back with ours and with
// polkadot.js at the same block; the runtime's named errors; Python's pre-checks refusing with
// nothing sent (the nonce stays). Calls spec 218 lacks: UnsupportedRuntimeError there, and on a
// spec-393 node the submitted call's bytes equal polkadot.js's encoding of the same call.
import type { ApiPromise } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, UnsupportedRuntimeError } from '../../src/subtensor/index.js';
import { PreconditionError } from '../../src/subtensor/write.js';
import { ExtrinsicError, InvalidArgumentError, dispatchErrorInfo, type ExtrinsicReceipt } from '../../src/substrate/index.js';
import { ss58Decode } from '../../src/scale/index.js';
import { hasStakeCall, stakeLimitPrice, swapLimitPrice, trimMultipleAmounts, unstakeAllLimitPrice, unstakeLimitPrice } from '../../src/subtensor/stake-calls.js';
import { useSpec393Node } from '../helpers/spec393-node.js';
import { addr, newAddress as newHotkey, newColdkey } from '../helpers/fresh-keys.js';

const url = inject('chainUrl');
const TAO = 1_000_000_000n;
/** `want`, or one rao less: the runtime's fixed-point share rounding after a removal or move. */
const near = (got: bigint, want: bigint) => expect([want - 1n, want]).toContain(got);

describe('price limits and the multiple-stake trim: Python\'s float steps', () => {
  it('add/remove limits raise/lower the price by the tolerance; root keeps its price', () => {
    // Python: Balance.from_tao(price.tao * (1 + tol)).rao
    // 2.0 × 1.005 is 2.0099999999999998 in floats: Python's int() gives 2009999999
    expect(stakeLimitPrice(2_000_000_000n, 3, 0.005)).toBe(2_009_999_999n);
    expect(stakeLimitPrice(2_000_000_000n, 3, 0.01)).toBe(2_020_000_000n);
    expect(unstakeLimitPrice(2_000_000_000n, 3, 0.005)).toBe(1_990_000_000n);
    expect(stakeLimitPrice(TAO, 0, 0.5)).toBe(TAO);
    expect(unstakeLimitPrice(TAO, 0, 0.5)).toBe(TAO);
    // float truncation, as int() does: 0.1 τ × 1.1 = 0.11000000000000001 τ → 110000000 rao
    expect(stakeLimitPrice(100_000_000n, 1, 0.1)).toBe(110_000_000n);
    expect(unstakeLimitPrice(123_456_789n, 1, 0.005)).toBe(BigInt(Math.trunc((123_456_789 / 1e9) * 0.995 * 1e9)));
  });
  it('unstakeAll: int(rao × (1 − tol)) on every subnet; null or 0 tolerance is no limit', () => {
    expect(unstakeAllLimitPrice(2_000_000_000n, 0.005)).toBe(1_990_000_000n);
    expect(unstakeAllLimitPrice(TAO, 0.05)).toBe(950_000_000n);
    expect(unstakeAllLimitPrice(TAO, 0)).toBeNull();
    expect(unstakeAllLimitPrice(TAO, null)).toBeNull();
  });
  it('swap: the origin/destination ratio in the runtime\'s 1e9 unit, lowered by the tolerance', () => {
    expect(swapLimitPrice(2_000_000_000n, 500_000_000n, 0.005)).toBe(3_980_000_000n);
    expect(swapLimitPrice(TAO, TAO, 0)).toBe(TAO);
  });
  it('add_stake_multiple trims 1000 rao off totals of 1000 rao or more', () => {
    expect(trimMultipleAmounts([2n * TAO, 3n * TAO])).toEqual([1_999_999_600n, 2_999_999_400n]);
    expect(trimMultipleAmounts([400n, 500n])).toEqual([400n, 500n]);
    expect(trimMultipleAmounts([1000n])).toEqual([0n]);
  });
});

describe.skipIf(!url)('staking writes on the local chain (spec 218)', () => {
  let st: Subtensor;
  let api: ApiPromise;
  const ck = newColdkey();
  const [hk1, hk2, nobody] = [newHotkey(), newHotkey(), newHotkey()];
  const fund = (who: string, free: bigint) => st.client.rpc.request('dev_setStorage', [{ System: { Account: [[[who], { providers: 1, data: { free: free.toString() } }]] } }]);
  const nonce = async (who: string) => Number(((await api.query.system.account(who)) as any).nonce.toString());
  const pjsAt = async (hash: string) => api.at(hash);
  /** Free balance and the hotkey's total alpha on subnet 0 read by polkadot.js at `hash`. */
  const pjsRead = async (hash: string, hotkey: string) => {
    const at = await pjsAt(hash);
    return {
      free: BigInt(((await at.query.system.account(ck.address)) as any).data.free.toString()),
      alpha: BigInt((await at.query.subtensorModule.totalHotkeyAlpha(hotkey, 0)).toString()),
    };
  };
  /** TransactionFeePaid's actual_fee for our coldkey in block `hash`, read by polkadot.js. */
  const pjsFee = async (hash: string, who: string) => {
    const events = (await (await pjsAt(hash)).query.system.events()) as unknown as { event: { section: string; method: string; data: any[] } }[];
    const paid = events.find((e) => e.event.section === 'transactionPayment' && e.event.method === 'TransactionFeePaid' && e.event.data[0].toString() === who);
    return BigInt(paid!.event.data[1].toString());
  };

  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    await st.client.rpc.request('dev_setStorage', [{
      System: { Account: [[[ck.address], { providers: 1, data: { free: (100n * TAO).toString() } }]] },
      SubtensorModule: { Owner: [[[hk1], ck.address], [[hk2], ck.address]] },
    }]);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  it('spec 218 has add_stake, remove_stake and move_stake, none of the newer staking calls (as polkadot.js sees it)', async () => {
    const rt = await st.client.runtime();
    expect(rt.version.specVersion).toBe(218);
    const calls = ['add_stake', 'remove_stake', 'move_stake', 'add_stake_limit', 'remove_stake_limit', 'remove_stake_full_limit', 'unstake_all', 'swap_stake', 'swap_stake_limit', 'transfer_stake', 'set_coldkey_auto_stake_hotkey'];
    const ours = calls.filter((c) => hasStakeCall(rt, c));
    expect(ours).toEqual(['add_stake', 'remove_stake', 'move_stake']);
    const camel = (s: string) => s.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
    expect(calls.filter((c) => camel(c) in api.tx.subtensorModule)).toEqual(ours);
  });

  it('addStake: the amount leaves the balance (plus the fee TransactionFeePaid names) and is the hotkey\'s stake on root', async () => {
    const before = await pjsRead(await st.getBlockHash(), hk1);
    const r = await st.addStake(ck.signer, 0, hk1, 10n * TAO, { tip: 12_345n });
    expect(r.success).toBe(true);
    expect(r.events.map((e) => `${e.pallet}.${e.name}`)).toContain('SubtensorModule.StakeAdded');
    const after = await pjsRead(r.blockHash!, hk1);
    const fee = await pjsFee(r.blockHash!, ck.address);
    expect(r.fee).toBe(fee);
    expect(fee).toBeGreaterThanOrEqual(12_345n); // spec 218 staking is fee-free; the tip is what is charged
    expect(before.free - after.free).toBe(10n * TAO + fee);
    expect(after.alpha).toBe(10n * TAO);
    const stake = await st.getStake(ck.address, hk1, 0, { blockHash: r.blockHash! });
    expect(stake.rao).toBe(10n * TAO);
    expect(stake.netuid).toBe(0);
    expect((await st.getBalance(ck.address, { blockHash: r.blockHash! })).rao).toBe(after.free);
  });

  it('unstake: the stake comes back to the free balance; moveStake and moveAllStake move it between hotkeys', async () => {
    const b0 = await pjsRead(await st.getBlockHash(), hk1);
    const u = await st.unstake(ck.signer, 0, hk1, 4n * TAO);
    const removed = u.events.find((e) => e.name === 'StakeRemoved')!.data as unknown[];
    expect(removed.slice(0, 3)).toEqual([ck.address, hk1, 4n * TAO]);
    const b1 = await pjsRead(u.blockHash!, hk1);
    expect(b1.free - b0.free).toBe(4n * TAO - u.fee!);
    near(b1.alpha, 6n * TAO);
    // the sole staker's stake (ours, from the runtime's share pool) is the hotkey's total, to the rao
    near((await st.getStake(ck.address, hk1, 0, { blockHash: u.blockHash! })).rao, b1.alpha);

    const m = await st.moveStake(ck.signer, 0, hk1, 0, hk2, 1n * TAO);
    const [from, to] = [await pjsRead(m.blockHash!, hk1), await pjsRead(m.blockHash!, hk2)];
    near(to.alpha, TAO);
    near(from.alpha, b1.alpha - TAO);
    expect(from.free).toBe(b1.free - m.fee!);
    near((await st.getStake(ck.address, hk2, 0, { blockHash: m.blockHash! })).rao, to.alpha);
    near((await st.getStake(ck.address, hk1, 0, { blockHash: m.blockHash! })).rao, from.alpha);

    const all = await st.moveStake(ck.signer, 0, hk2, 0, hk1, null, { moveAllStake: true });
    expect((await st.getStake(ck.address, hk2, 0, { blockHash: all.blockHash! })).rao).toBe(0n);
    expect(String(await (await pjsAt(all.blockHash!)).query.subtensorModule.totalHotkeyAlpha(hk2, 0))).toBe('0');
    near((await pjsRead(all.blockHash!, hk1)).alpha, from.alpha + to.alpha);
  });

  it('a failed dispatch is an ExtrinsicError with the runtime\'s error name; raiseError: false resolves with it', async () => {
    const e1 = await st.addStake(ck.signer, 0, nobody, TAO).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ExtrinsicError);
    expect((e1 as ExtrinsicError).dispatchError).toMatchObject({ pallet: 'SubtensorModule', name: 'HotKeyAccountNotExists' });
    const e2 = await st.addStake(ck.signer, 77, hk1, TAO).catch((e: unknown) => e);
    expect((e2 as ExtrinsicError).dispatchError?.name).toBe('SubnetNotExists');
    const e3 = await st.moveStake(ck.signer, 0, hk1, 0, nobody, TAO).catch((e: unknown) => e);
    expect((e3 as ExtrinsicError).dispatchError?.name).toBe('HotKeyAccountNotExists');
    const soft = await st.addStake(ck.signer, 0, nobody, TAO, { raiseError: false });
    expect(soft.success).toBe(false);
    expect(soft.dispatchError?.name).toBe('HotKeyAccountNotExists');
    expect(soft.status).toBe('inclusion');
  });

  it('pre-checks refuse before signing: nothing is sent, the nonce and balance stay', async () => {
    const n0 = await nonce(ck.address);
    const free0 = (await st.getBalance(ck.address)).rao;
    const stake = (await st.getStake(ck.address, hk1, 0)).rao;
    const refused = [
      st.unstake(ck.signer, 0, hk1, stake + 1n),
      st.unstake(ck.signer, 0, hk2, 1n),
      st.moveStake(ck.signer, 0, hk1, 0, hk2, stake + 1n),
      st.moveStake(ck.signer, 0, hk2, 0, hk1, null, { moveAllStake: true }),
    ];
    for (const p of refused) {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PreconditionError);
      expect((e as PreconditionError).check).toBe('stake');
    }
    const poor = newColdkey();
    await fund(poor.address, 500n); // the existential deposit exactly
    const e = await st.addStake(poor.signer, 0, hk1, 1n).catch((x: unknown) => x);
    expect((e as PreconditionError).check).toBe('balance');
    await expect(st.moveStake(ck.signer, 0, hk1, 0, hk2, null)).rejects.toThrow(InvalidArgumentError);
    await expect(st.unstakeMultiple(ck.signer, [0], [hk1], [1n], { unstakeAll: true })).rejects.toMatchObject({ argument: 'opts.unstakeAll' });
    expect(await nonce(ck.address)).toBe(n0);
    expect(await nonce(poor.address)).toBe(0);
    expect((await st.getBalance(ck.address)).rao).toBe(free0);
  });

  it('addStake above the balance stakes it all but the existential deposit (as Python); dryRun prices and sends nothing', async () => {
    const c = newColdkey();
    await fund(c.address, 5n * TAO);
    const n0 = await nonce(c.address);
    const dry = await st.addStake(c.signer, 0, hk1, 3n * TAO, { dryRun: true });
    expect(dry.status).toBe('dry-run');
    expect(dry.fee).toBe(0n);
    expect(await nonce(c.address)).toBe(n0);
    const fresh = newHotkey();
    await st.client.rpc.request('dev_setStorage', [{ SubtensorModule: { Owner: [[[fresh], c.address]] } }]);
    const r = await st.addStake(c.signer, 0, fresh, 1000n * TAO);
    const ed = (await st.getExistentialDeposit()).rao;
    const added = r.events.find((e) => e.name === 'StakeAdded')!.data as unknown[];
    expect(added.slice(0, 3)).toEqual([c.address, fresh, 5n * TAO - ed]);
    expect((await st.getStake(c.address, fresh, 0, { blockHash: r.blockHash! })).rao).toBe(5n * TAO - ed);
    expect((await st.getBalance(c.address, { blockHash: r.blockHash! })).rao).toBe(ed - r.fee!);
  });

  it('addStakeMultiple / unstakeMultiple: one extrinsic per item, in order, with Python\'s trim and skips', async () => {
    const c = newColdkey();
    const [h1, h2] = [newHotkey(), newHotkey()];
    await st.client.rpc.request('dev_setStorage', [{
      System: { Account: [[[c.address], { providers: 1, data: { free: (20n * TAO).toString() } }]] },
      SubtensorModule: { Owner: [[[h1], c.address], [[h2], c.address]] },
    }]);
    const add = await st.addStakeMultiple(c.signer, [0, 0], [h1, h2], [2n * TAO, 3n * TAO]);
    expect(add.success).toBe(true);
    expect(add.items.map((i) => i.amount)).toEqual([1_999_999_600n, 2_999_999_400n]);
    const [b1, b2] = add.items.map((i) => i.receipt!.blockHash!);
    expect(b1).not.toBe(b2); // two extrinsics, two blocks (instant mode)
    expect((await st.getStake(c.address, h1, 0, { blockHash: b2 })).rao).toBe(1_999_999_600n);
    expect((await st.getStake(c.address, h2, 0, { blockHash: b2 })).rao).toBe(2_999_999_400n);
    expect(await nonce(c.address)).toBe(2);

    const empty = newHotkey();
    const out = await st.unstakeMultiple(c.signer, [0, 0, 0], [h1, empty, h2], null);
    expect(out.success).toBe(false);
    expect(out.items.map((i) => [i.amount, i.skipped])).toEqual([[1_999_999_600n, null], [0n, 'nothing staked'], [2_999_999_400n, null]]);
    expect((await st.getStake(c.address, h1, 0)).rao).toBe(0n);
    expect((await st.getStake(c.address, h2, 0)).rao).toBe(0n);
    expect(await nonce(c.address)).toBe(4);
    expect(await st.addStakeMultiple(c.signer, [], [], [])).toEqual({ success: true, items: [] });
  });

  /** A fresh coldkey holding `free` rao and owning `n` fresh hotkeys. */
  const owner = async (free: bigint, n: number) => {
    const [c, hs] = [newColdkey(), Array.from({ length: n }, newHotkey)];
    await fund(c.address, free);
    await st.client.rpc.request('dev_setStorage', [{ SubtensorModule: { Owner: hs.map((h) => [[h], c.address]) } }]);
    return { c, hs };
  };
  /** The extrinsics `who` signed in block `hash`, read by polkadot.js. */
  const signedBy = async (hash: string, who: string) =>
    (await api.rpc.chain.getBlock(hash)).block.extrinsics.filter((x) => x.isSigned && x.signer.toString() === who);

  it('addStakeMultiple batch_all: the same trim and skips as item by item, ONE extrinsic (one block, nonce +1), the same stakes', async () => {
    const amounts = [2n * TAO, 3n * TAO, 4n * TAO, 100n * TAO];
    const trimmed = trimMultipleAmounts(amounts);
    const [each, one] = [await owner(20n * TAO, 4), await owner(20n * TAO, 4)];
    const perItem = await st.addStakeMultiple(each.c.signer, [0, 0, 0, 0], each.hs, amounts);
    const dry = await st.addStakeMultiple(one.c.signer, [0, 0, 0, 0], one.hs, amounts, { batch: 'batch_all', dryRun: true });
    const batched = await st.addStakeMultiple(one.c.signer, [0, 0, 0, 0], one.hs, amounts, { batch: 'batch_all' });
    // the per-item path: three extrinsics, the fourth item skipped for the balance left
    expect([await nonce(each.c.address), perItem.items.map((i) => i.landed)]).toEqual([3, [true, true, true, null]]);
    // batched: the same amounts and the same skip with the same reason, one receipt for the three sent
    expect(batched.success).toBe(false); // an item skipped, as Python's
    expect(batched.items.map((i) => [i.amount, i.skipped])).toEqual(perItem.items.map((i) => [i.amount, i.skipped]));
    expect(batched.items[3].skipped).toBe(`not enough balance: ${20n * TAO - trimmed[0] - trimmed[1] - trimmed[2]} rao to stake ${trimmed[3]}`);
    expect(batched.items.map((i) => i.landed)).toEqual([true, true, true, null]);
    const r = batched.items[0].receipt!;
    expect([r.success, batched.items.map((i) => i.receipt)]).toEqual([true, [r, r, r, null]]);
    expect(r.events.filter((e) => e.name === 'StakeAdded')).toHaveLength(3);
    expect(r.events.some((e) => e.pallet === 'Utility' && e.name === 'BatchCompleted')).toBe(true);
    expect(await nonce(one.c.address)).toBe(1);
    // one extrinsic in one block: Utility.batch_all of exactly the calls polkadot.js composes for add_stake
    const exts = await signedBy(r.blockHash!, one.c.address);
    expect(exts).toHaveLength(1);
    const want = api.tx.utility.batchAll(one.hs.slice(0, 3).map((h, i) => api.tx.subtensorModule.addStake(h, 0, trimmed[i].toString())));
    expect(exts[0].method.toHex()).toBe(want.method.toHex());
    for (const i of [0, 1, 2]) {
      const [a, b] = [await st.getStake(each.c.address, each.hs[i], 0), await st.getStake(one.c.address, one.hs[i], 0, { blockHash: r.blockHash! })];
      expect(b.rao).toBe(a.rao);
      expect(b.rao).toBe(trimmed[i]);
    }
    // the dry run priced that batch (polkadot.js's paymentInfo of the same extrinsic) and sent nothing
    expect(dry.items.map((i) => [i.receipt?.status ?? null, i.landed])).toEqual([['dry-run', null], ['dry-run', null], ['dry-run', null], [null, null]]);
    expect(dry.items[0].receipt!.fee).toBe(BigInt((await want.paymentInfo(one.c.address)).partialFee.toString()));
    expect(String(await (await pjsAt(r.blockHash!)).query.subtensorModule.totalHotkeyAlpha(one.hs[3], 0))).toBe('0');
  });

  it('addStakeMultiple batch / force_batch with a hotkey that does not exist: per item, what the Utility events and the chain say', async () => {
    const { c, hs } = await owner(50n * TAO, 5);
    const [h1, h2, h3, h4, h5] = hs;
    const n0 = await nonce(c.address);
    // 'batch' stops at the second call: BatchInterrupted { index: 1, error: HotKeyAccountNotExists }
    const b = await st.addStakeMultiple(c.signer, [0, 0, 0], [h1, nobody, h2], [TAO, TAO, TAO], { batch: 'batch' });
    const trimmed = trimMultipleAmounts([TAO, TAO, TAO]);
    const r = b.items[0].receipt!;
    expect([r.success, b.success]).toEqual([true, false]); // the extrinsic succeeds: no ExtrinsicError under raiseError
    expect(b.items.map((i) => [i.landed, i.skipped, i.receipt === r])).toEqual([[true, null, true], [false, null, true], [false, null, true]]);
    const broke = r.events.find((e) => e.pallet === 'Utility' && e.name === 'BatchInterrupted')!.data as { index: number; error: unknown };
    expect(Number(broke.index)).toBe(1);
    expect(dispatchErrorInfo((await st.client.runtime()).registry, broke.error)).toMatchObject({ pallet: 'SubtensorModule', name: 'HotKeyAccountNotExists' });
    expect(await nonce(c.address)).toBe(n0 + 1);
    const stakes = async (...h: string[]) => Promise.all(h.map((x) => st.getStake(c.address, x, 0).then((y) => y.rao)));
    expect(await stakes(h1, nobody, h2)).toEqual([trimmed[0], 0n, 0n]);

    // 'force_batch' runs on past it: ItemCompleted, ItemFailed, ItemCompleted (a nonce is accepted with `batch`: one extrinsic)
    const f = await st.addStakeMultiple(c.signer, [0, 0, 0], [h3, nobody, h4], [TAO, TAO, TAO], { batch: 'force_batch', nonce: n0 + 1 });
    expect([f.success, f.items.map((i) => i.landed)]).toEqual([false, [true, false, true]]);
    expect(await stakes(h3, nobody, h4)).toEqual([trimmed[0], 0n, trimmed[2]]);

    // 'batch_all' reverts all: ExtrinsicError under raiseError; with raiseError false, nothing landed
    const e = await st.addStakeMultiple(c.signer, [0, 0], [h5, nobody], [TAO, TAO], { batch: 'batch_all' }).catch((x: unknown) => x);
    expect((e as ExtrinsicError).dispatchError?.name).toBe('HotKeyAccountNotExists');
    const soft = await st.addStakeMultiple(c.signer, [0, 0], [h5, nobody], [TAO, TAO], { batch: 'batch_all', raiseError: false });
    expect(soft.items.map((i) => [i.landed, i.receipt?.success])).toEqual([[false, false], [false, false]]);
    expect(await stakes(h5)).toEqual([0n]);
    expect(await nonce(c.address)).toBe(n0 + 4);
  });

  it('unstakeMultiple with batch: the skips as item by item, the rest unstaked in one extrinsic', async () => {
    const { c, hs } = await owner(30n * TAO, 3);
    await st.addStakeMultiple(c.signer, [0, 0, 0], hs, [2n * TAO, 3n * TAO, 4n * TAO], { batch: 'batch_all' });
    const staked = await Promise.all(hs.map((h) => st.getStake(c.address, h, 0).then((x) => x.rao)));
    const free0 = (await st.getBalance(c.address)).rao;
    const n0 = await nonce(c.address);
    const out = await st.unstakeMultiple(c.signer, [0, 0, 0, 0, 0], [hs[0], newHotkey(), hs[1], nobody, hs[2]], [TAO, 1n, 10n * TAO, 1n, staked[2]], { batch: 'force_batch' });
    expect(out.items.map((i) => [i.amount, i.skipped, i.landed])).toEqual([
      [TAO, null, true], [1n, 'not enough stake: 0 rao to unstake 1', null], [10n * TAO, `not enough stake: ${staked[1]} rao to unstake ${10n * TAO}`, null],
      [1n, 'not enough stake: 0 rao to unstake 1', null], [staked[2], null, true],
    ]);
    const r = out.items[0].receipt!;
    expect([out.items[4].receipt, r.events.filter((e) => e.name === 'StakeRemoved').length, await nonce(c.address)]).toEqual([r, 2, n0 + 1]);
    expect((await signedBy(r.blockHash!, c.address))[0].method.toHex())
      .toBe(api.tx.utility.forceBatch([api.tx.subtensorModule.removeStake(hs[0], 0, TAO.toString()), api.tx.subtensorModule.removeStake(hs[2], 0, staked[2].toString())]).method.toHex());
    const [s0, ...rest] = await Promise.all(hs.map((h) => st.getStake(c.address, h, 0).then((x) => x.rao)));
    near(s0, staked[0] - TAO);
    expect(rest).toEqual([staked[1], 0n]);
    expect((await st.getBalance(c.address)).rao).toBe(free0 + TAO + staked[2] - r.fee!);
  });

  it('calls spec 218 lacks: UnsupportedRuntimeError naming the call and the spec, before anything is read or sent', async () => {
    const n0 = await nonce(ck.address);
    const cases: [Promise<unknown>, string][] = [
      [st.addStake(ck.signer, 1, hk1, TAO, { safeStaking: true }), 'add_stake_limit'],
      [st.unstake(ck.signer, 0, hk1, TAO, { safeUnstaking: true }), 'remove_stake_limit'],
      [st.unstakeAll(ck.signer, 0, hk1), 'remove_stake_full_limit'],
      [st.unstakeMultiple(ck.signer, [0], [hk1], null, { unstakeAll: true }), 'remove_stake_full_limit'],
      [st.swapStake(ck.signer, hk1, 0, 1, TAO), 'swap_stake'],
      [st.swapStake(ck.signer, hk1, 0, 1, TAO, { safeSwapping: true }), 'swap_stake_limit'],
      [st.transferStake(ck.signer, nobody, hk1, 0, 0, TAO), 'transfer_stake'],
      [st.setAutoStake(ck.signer, 1, hk1), 'set_coldkey_auto_stake_hotkey'],
    ];
    for (const [p, call] of cases) {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnsupportedRuntimeError);
      expect(e).toMatchObject({ api: 'SubtensorModule', method: call, specVersion: 218 });
    }
    expect(await nonce(ck.address)).toBe(n0);
  });
});

describe('staking calls on a spec-393 node: the submitted call is polkadot.js\'s encoding', () => {
  const ck = newColdkey();
  const [hk, dest] = [newHotkey(), newHotkey()];
  const raw = (a: string) => Buffer.from(ss58Decode(a).publicKey).toString('hex');
  const u16 = (n: number) => Buffer.from(Uint16Array.of(n).buffer).toString('hex');
  const spec = useSpec393Node((node) => {
    node.put('system', 'account', [ck.address], { providers: 1, data: { free: (100n * TAO).toString() } });
    for (const netuid of [0, 3, 4]) {
      node.answerCall('StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', raw(hk) + raw(ck.address) + u16(netuid), { hotkey: hk, coldkey: ck.address, netuid, stake: (50n * TAO).toString() });
    }
    node.answerCall('SwapRuntimeApi', 'current_alpha_price', u16(3), '2000000000'); // 2 τ per alpha
    node.answerCall('SwapRuntimeApi', 'current_alpha_price', u16(4), '500000000');
  });

  type Case = [string, (st: Subtensor) => Promise<ExtrinsicReceipt>, string, unknown[]];
  it.for<Case>([
    ['addStake safeStaking → add_stake_limit', (st: Subtensor) => st.addStake(ck.signer, 3, hk, 7n * TAO, { safeStaking: true, allowPartialStake: true, rateTolerance: 0.01, waitFor: 'none' }),
      'addStakeLimit', [hk, 3, 7n * TAO, 2_020_000_000n, true]],
    ['addStake → add_stake', (st: Subtensor) => st.addStake(ck.signer, 3, hk, 7n * TAO, { waitFor: 'none' }), 'addStake', [hk, 3, 7n * TAO]],
    ['unstake safeUnstaking → remove_stake_limit', (st: Subtensor) => st.unstake(ck.signer, 3, hk, 5n * TAO, { safeUnstaking: true, waitFor: 'none' }),
      'removeStakeLimit', [hk, 3, 5n * TAO, 1_990_000_000n, false]],
    ['unstakeAll → remove_stake_full_limit, Some(limit)', (st: Subtensor) => st.unstakeAll(ck.signer, 3, hk, { waitFor: 'none' }), 'removeStakeFullLimit', [hk, 3, 1_990_000_000n]],
    ['unstakeAll rateTolerance null → remove_stake_full_limit, None', (st: Subtensor) => st.unstakeAll(ck.signer, 3, hk, { rateTolerance: null, waitFor: 'none' }), 'removeStakeFullLimit', [hk, 3, null]],
    ['swapStake → swap_stake', (st: Subtensor) => st.swapStake(ck.signer, hk, 3, 4, 2n * TAO, { waitFor: 'none' }), 'swapStake', [hk, 3, 4, 2n * TAO]],
    ['swapStake safeSwapping → swap_stake_limit', (st: Subtensor) => st.swapStake(ck.signer, hk, 3, 4, 2n * TAO, { safeSwapping: true, waitFor: 'none' }),
      'swapStakeLimit', [hk, 3, 4, 2n * TAO, 3_980_000_000n, false]],
    ['transferStake → transfer_stake', (st: Subtensor) => st.transferStake(ck.signer, dest, hk, 3, 4, 3n * TAO, { waitFor: 'none' }), 'transferStake', [dest, hk, 3, 4, 3n * TAO]],
    ['moveStake → move_stake', (st: Subtensor) => st.moveStake(ck.signer, 3, hk, 4, dest, TAO, { waitFor: 'none' }), 'moveStake', [hk, dest, 3, 4, TAO]],
    ['setAutoStake → set_coldkey_auto_stake_hotkey', (st: Subtensor) => st.setAutoStake(ck.signer, 3, hk, { waitFor: 'none' }), 'setColdkeyAutoStakeHotkey', [3, hk]],
  ])('%s', async ([, write, pjsName, pjsArgs], ctx) => {
    const node = spec.get(ctx);
    const count = node.submitted.length;
    const r = await write(node.st);
    expect(r.status).toBe('none');
    expect(node.submitted.length).toBe(count + 1);
    const ext = node.reg.createType('Extrinsic', node.submitted.at(-1)!);
    const { decorateExtrinsics } = await import('@polkadot/types/metadata/decorate');
    const tx: any = decorateExtrinsics(node.reg, node.reg.metadata, 15);
    const want = tx.subtensorModule[pjsName](...pjsArgs.map((a) => (typeof a === 'bigint' ? a.toString() : a)));
    expect(ext.method.toHex()).toBe(want.toHex());
    expect(ext.signer.toString()).toBe(ck.address);
  });

  it('pre-checks read the spec-393 stake and refuse above it, sending nothing', async (ctx) => {
    const node = spec.get(ctx);
    const count = node.submitted.length;
    await expect(node.st.transferStake(ck.signer, dest, hk, 3, 4, 51n * TAO, { waitFor: 'none' })).rejects.toThrow(PreconditionError);
    await expect(node.st.swapStake(ck.signer, hk, 3, 4, 51n * TAO, { waitFor: 'none' })).rejects.toThrow(PreconditionError);
    expect(node.submitted.length).toBe(count);
  });
});
