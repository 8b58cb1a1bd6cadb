// The remaining writes (src/subtensor/misc-writes.ts, misc-calls.ts): liquidity positions, stake burn,
// coldkey-swap announcements, root claims, the childkey cooldown. The local chain (spec 218) has none
// of these calls (as polkadot.js sees it too): each is an UnsupportedRuntimeError naming the call and
// the spec, with nothing sent from a funded account (its nonce stays). On a spec-393 node the
// submitted call's bytes equal polkadot.js's encoding of the same call, signed by the signer, and
// Python's pre-checks (balance vs existential deposit, the swap announcement, its hash and delay)
// refuse from the storage they read with nothing submitted.
import type { ApiPromise } from '@polkadot/api';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, UnsupportedRuntimeError } from '../../src/subtensor/index.js';
import { PreconditionError } from '../../src/subtensor/write.js';
import { coldkeyHash, netuidSetArg, tickOfPrice } from '../../src/subtensor/misc-calls.js';
import { priceToTick } from '../../src/subtensor/liquidity.js';
import { balance } from '../../src/subtensor/balance.js';
import { devSigner, type ExtrinsicReceipt, type Signer } from '../../src/substrate/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';
import { addr, newAddress, newColdkey } from '../helpers/fresh-keys.js';

const url = inject('chainUrl');
const TAO = 1_000_000_000n;

describe('the pure parts: ticks, the coldkey hash, netuid sets', () => {
  it('a price in rao per alpha goes to priceToTick(price.tao): log base 1.0001, truncated', () => {
    expect(tickOfPrice(TAO, 'p')).toBe(0);
    expect(tickOfPrice(balance(2n * TAO), 'p')).toBe(priceToTick(2)); // Balance or bigint
    expect(tickOfPrice(2n * TAO, 'p')).toBe(6931); // ln 2 / ln 1.0001 = 6931.8…
    expect(tickOfPrice(500_000_000n, 'p')).toBe(-6931); // toward zero, as Python's int()
    expect(tickOfPrice(1n, 'p')).toBe(-207243);
  });
  it('the announced hash is BLAKE2b-256 of the account id (as polkadot.js computes it)', () => {
    const a = newAddress();
    expect(coldkeyHash(a)).toBe(blake2AsHex(decodeAddress(a), 256));
  });
  it('a BTreeSet of netuids is sorted and deduplicated', () => {
    expect(netuidSetArg([5, 1, 5, 3], 'netuids')).toEqual([1, 3, 5]);
  });
});

describe.skipIf(!url)('misc writes on the local chain (spec 218): none of the calls exist', () => {
  let st: Subtensor;
  let api: ApiPromise;
  const ck = newColdkey();
  const hk = newAddress();
  const nonce = async (who: string) => Number(((await api.query.system.account(who)) as any).nonce.toString());

  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    await st.client.rpc.request('dev_setStorage', [{ System: { Account: [[[ck.address], { providers: 1, data: { free: (100n * TAO).toString() } }]] } }]);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  it('polkadot.js agrees: no Swap pallet, none of the SubtensorModule calls; Sudo.sudo is there', async () => {
    expect((await st.client.runtime()).version.specVersion).toBe(218);
    expect(api.tx.swap).toBeUndefined();
    const calls = ['addStakeBurn', 'announceColdkeySwap', 'disputeColdkeySwap', 'swapColdkeyAnnounced', 'claimRoot', 'setRootClaimType', 'setPendingChildkeyCooldown'];
    expect(calls.filter((c) => c in api.tx.subtensorModule)).toEqual([]);
    expect(typeof api.tx.sudo.sudo).toBe('function');
  });

  it('each is an UnsupportedRuntimeError naming the call and spec 218, and nothing is sent', async () => {
    const n0 = await nonce(ck.address);
    const s = ck.signer;
    const cases: [Promise<unknown>, string, string, string][] = [
      [st.addLiquidity(s, 1, TAO, TAO, 2n * TAO, hk), 'Swap', 'add_liquidity', 'no Swap pallet'],
      [st.modifyLiquidity(s, 1, 1n, -TAO, hk), 'Swap', 'modify_position', 'no Swap pallet'],
      [st.removeLiquidity(s, 1, 1n, hk), 'Swap', 'remove_liquidity', 'no Swap pallet'],
      [st.toggleUserLiquidity(s, 1, true), 'Swap', 'toggle_user_liquidity', 'no Swap pallet'],
      [st.addStakeBurn(s, 1, hk, TAO), 'SubtensorModule', 'add_stake_burn', 'no such call'],
      [st.announceColdkeySwap(s, newAddress()), 'SubtensorModule', 'announce_coldkey_swap', 'no such call'],
      [st.disputeColdkeySwap(s), 'SubtensorModule', 'dispute_coldkey_swap', 'no such call'],
      [st.swapColdkeyAnnounced(s, newAddress()), 'SubtensorModule', 'swap_coldkey_announced', 'no such call'],
      [st.claimRoot(s, [1]), 'SubtensorModule', 'claim_root', 'no such call'],
      [st.setRootClaimType(s, 'Keep'), 'SubtensorModule', 'set_root_claim_type', 'no such call'],
      [st.rootSetPendingChildkeyCooldown(s, 100), 'SubtensorModule', 'set_pending_childkey_cooldown', 'no such call'],
    ];
    for (const [p, pallet, call, why] of cases) {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnsupportedRuntimeError);
      expect(e).toMatchObject({ api: pallet, method: call, specVersion: 218 });
      expect((e as Error).message).toContain(why);
    }
    // also with dryRun: refused before pricing
    await expect(st.claimRoot(s, [1], { dryRun: true })).rejects.toBeInstanceOf(UnsupportedRuntimeError);
    expect(await nonce(ck.address)).toBe(n0);
    expect(((await api.query.system.account(ck.address)) as any).data.free.toString()).toBe((100n * TAO).toString());
  });
});

describe('misc calls on a spec-393 node: the submitted call is polkadot.js\'s encoding, signed by the signer', () => {
  const ck = newColdkey();
  const poor = newColdkey(); // holds exactly the existential deposit
  const [hk, next] = [newAddress(), newAddress()];
  const announced = { early: newColdkey(), due: newColdkey() };
  let head = 0;
  let ed = 0n;
  const spec = useSpec393Node(async (node) => {
    head = await node.st.getCurrentBlock();
    ed = (await node.st.getExistentialDeposit()).rao;
    node.put('system', 'account', [ck.address], { providers: 1, data: { free: (100n * TAO).toString() } });
    node.put('system', 'account', [poor.address], { providers: 1, data: { free: ed.toString() } });
    node.put('subtensorModule', 'coldkeySwapAnnouncements', [announced.early.address], [head + 10, coldkeyHash(next)]);
    node.put('subtensorModule', 'coldkeySwapAnnouncements', [announced.due.address], [head, coldkeyHash(next)]);
  });
  const pjsTx = async (node: { reg: any }) => {
    const { decorateExtrinsics } = await import('@polkadot/types/metadata/decorate');
    return decorateExtrinsics(node.reg, node.reg.metadata, 15) as any;
  };

  type Case = [string, (st: Subtensor) => Promise<ExtrinsicReceipt>, (tx: any) => any, Signer?];
  it.for<Case>([
    ['addLiquidity → Swap.add_liquidity with the prices\' ticks', (st) => st.addLiquidity(ck.signer, 3, 5n * TAO, 500_000_000n, 2n * TAO, hk, { waitFor: 'none' }),
      (tx) => tx.swap.addLiquidity(hk, 3, -6931, 6931, (5n * TAO).toString())],
    ['modifyLiquidity (negative delta) → Swap.modify_position', (st) => st.modifyLiquidity(ck.signer, 3, 7n, -2n * TAO, hk, { waitFor: 'none' }),
      (tx) => tx.swap.modifyPosition(hk, 3, 7, (-2n * TAO).toString())],
    ['removeLiquidity → Swap.remove_liquidity (u128 id)', (st) => st.removeLiquidity(ck.signer, 3, (1n << 100n) + 1n, hk, { waitFor: 'none' }),
      (tx) => tx.swap.removeLiquidity(hk, 3, ((1n << 100n) + 1n).toString())],
    ['toggleUserLiquidity → Swap.toggle_user_liquidity', (st) => st.toggleUserLiquidity(ck.signer, 3, false, { waitFor: 'none' }), (tx) => tx.swap.toggleUserLiquidity(3, false)],
    ['addStakeBurn with a limit → add_stake_burn, Some(limit)', (st) => st.addStakeBurn(ck.signer, 3, hk, 7n * TAO, 2n * TAO, { waitFor: 'none' }),
      (tx) => tx.subtensorModule.addStakeBurn(hk, 3, (7n * TAO).toString(), (2n * TAO).toString())],
    ['addStakeBurn above balance − ED → burns balance − ED, limit None', (st) => st.addStakeBurn(ck.signer, 3, hk, 1000n * TAO, null, { waitFor: 'none' }),
      (tx) => tx.subtensorModule.addStakeBurn(hk, 3, (100n * TAO - ed).toString(), null)],
    ['announceColdkeySwap → announce_coldkey_swap(blake2_256(new account id))', (st) => st.announceColdkeySwap(ck.signer, next, { waitFor: 'none' }),
      (tx) => tx.subtensorModule.announceColdkeySwap(blake2AsHex(decodeAddress(next), 256))],
    ['disputeColdkeySwap → dispute_coldkey_swap', (st) => st.disputeColdkeySwap(ck.signer, { waitFor: 'none' }), (tx) => tx.subtensorModule.disputeColdkeySwap()],
    ['swapColdkeyAnnounced, announcement due → swap_coldkey_announced', (st) => st.swapColdkeyAnnounced(announced.due.signer, next, { waitFor: 'none' }),
      (tx) => tx.subtensorModule.swapColdkeyAnnounced(next), announced.due.signer],
    ['claimRoot → claim_root(BTreeSet)', (st) => st.claimRoot(ck.signer, [5, 1, 5], { waitFor: 'none' }), (tx) => tx.subtensorModule.claimRoot([1, 5])],
    ['setRootClaimType Swap', (st) => st.setRootClaimType(ck.signer, 'Swap', { waitFor: 'none' }), (tx) => tx.subtensorModule.setRootClaimType('Swap')],
    ['setRootClaimType KeepSubnets', (st) => st.setRootClaimType(ck.signer, { KeepSubnets: { subnets: [9, 2] } }, { waitFor: 'none' }),
      (tx) => tx.subtensorModule.setRootClaimType({ KeepSubnets: { subnets: [2, 9] } })],
    ['rootSetPendingChildkeyCooldown → Sudo.sudo(set_pending_childkey_cooldown), signed by //Alice', (st) => st.rootSetPendingChildkeyCooldown(devSigner('Alice'), 7200, { waitFor: 'none' }),
      (tx) => tx.sudo.sudo(tx.subtensorModule.setPendingChildkeyCooldown(7200)), devSigner('Alice')],
  ])('%s', async ([, write, want, by = ck.signer], ctx) => {
    const node = spec.get(ctx);
    const count = node.submitted.length;
    const r = await write(node.st);
    expect(r.status).toBe('none');
    expect(node.submitted.length).toBe(count + 1);
    const ext = node.reg.createType('Extrinsic', node.submitted.at(-1)!);
    expect(ext.method.toHex()).toBe(want(await pjsTx(node)).toHex());
    expect(ext.signer.toString()).toBe(addr(by.publicKey));
    expect(ext.isSigned).toBe(true);
  });

  it('addStakeBurn: a balance not above the existential deposit is refused, nothing submitted', async (ctx) => {
    const node = spec.get(ctx);
    const count = node.submitted.length;
    const e = await node.st.addStakeBurn(poor.signer, 3, hk, TAO, null, { waitFor: 'none' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PreconditionError);
    expect(e).toMatchObject({ check: 'balance' });
    expect(node.submitted.length).toBe(count);
  });

  it('swapColdkeyAnnounced: no announcement, another key\'s hash, or before the execution block — refused, nothing submitted', async (ctx) => {
    const node = spec.get(ctx);
    const count = node.submitted.length;
    const refused = async (p: Promise<unknown>, check: string, text: string) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PreconditionError);
      expect(e).toMatchObject({ check });
      expect((e as Error).message).toContain(text);
    };
    await refused(node.st.swapColdkeyAnnounced(ck.signer, next, { waitFor: 'none' }), 'announcement', 'has announced no coldkey swap');
    await refused(node.st.swapColdkeyAnnounced(announced.due.signer, newAddress(), { waitFor: 'none' }), 'announcement-hash', coldkeyHash(next));
    await refused(node.st.swapColdkeyAnnounced(announced.early.signer, next, { waitFor: 'none' }), 'announcement-delay', `from block ${head + 10} (10 more)`);
    expect(node.submitted.length).toBe(count);
  });
});
