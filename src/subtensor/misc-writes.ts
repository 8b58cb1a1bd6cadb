/**
 * Liquidity positions, stake burn, coldkey-swap announcements, root claims and the childkey
 * cooldown: bittensor 10.2's add/modify/remove_liquidity, toggle_user_liquidity (extrinsics/asyncex/
 * liquidity.py), add_stake_burn (staking.py), announce/dispute_coldkey_swap and
 * swap_coldkey_announced (coldkey_swap.py), claim_root and set_root_claim_type (root.py), and
 * root_set_pending_childkey_cooldown (children.py, a Sudo.sudo call). The coldkey signs each one;
 * the cooldown is signed by the sudo key. A call the head runtime lacks is an
 * UnsupportedRuntimeError before anything is read or signed; Python's checks refuse with a
 * PreconditionError before anything is signed.
 * @module
 */
import { composeCall, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { addressArg, signerArg } from '../substrate/validate.js';
import type { Balance } from './balance.js';
import type { RootClaimType } from './root-claims.js';
import type { Subtensor } from './subtensor.js';
import { netuidArg, raoArg } from './args.js';
import { coldkeyOf } from './stake-calls.js';
import { PreconditionError, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import {
  boolArg, coldkeyHash, liquidityDeltaArg, netuidSetArg, positionIdArg, requireCall, rootClaimTypeArg, tickOfPrice, u64Arg,
} from './misc-calls.js';

/** The head runtime, refused (UnsupportedRuntimeError) unless it has every `pallet.call` named. */
async function runtimeWith(st: Subtensor, o: WriteOptions, ...calls: [string, string][]): Promise<Runtime> {
  const rt = await st.client.runtime({ signal: o.signal });
  for (const [pallet, name] of calls) requireCall(rt, pallet, name);
  return rt;
}

/** Compose `pallet.name(args)` at the runtime checked to have it, sign with `signer`, submit. */
async function send(st: Subtensor, signer: Signer, pallet: string, name: string, args: Record<string, unknown>, o: WriteOptions): Promise<ExtrinsicReceipt> {
  const rt = await runtimeWith(st, o, [pallet, name]);
  return submitCall(st, signer, composeCall(rt.registry, pallet, name, args), o);
}

export async function addLiquidity(
  st: Subtensor, signer: Signer, netuid: number, liquidity: bigint | Balance, priceLow: bigint | Balance, priceHigh: bigint | Balance, hotkey: string,
  opts: WriteOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const args = {
    hotkey: addressArg(hotkey, 'hotkey'), netuid,
    tick_low: tickOfPrice(priceLow, 'priceLow'), tick_high: tickOfPrice(priceHigh, 'priceHigh'), liquidity: raoArg(liquidity, 'liquidity'),
  };
  return send(st, signer, 'Swap', 'add_liquidity', args, writeOptionsArg(opts));
}

export async function modifyLiquidity(
  st: Subtensor, signer: Signer, netuid: number, positionId: bigint | number, liquidityDelta: bigint | Balance, hotkey: string, opts: WriteOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const args = {
    hotkey: addressArg(hotkey, 'hotkey'), netuid, position_id: positionIdArg(positionId, 'positionId'), liquidity_delta: liquidityDeltaArg(liquidityDelta, 'liquidityDelta'),
  };
  return send(st, signer, 'Swap', 'modify_position', args, writeOptionsArg(opts));
}

export async function removeLiquidity(st: Subtensor, signer: Signer, netuid: number, positionId: bigint | number, hotkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const args = { hotkey: addressArg(hotkey, 'hotkey'), netuid, position_id: positionIdArg(positionId, 'positionId') };
  return send(st, signer, 'Swap', 'remove_liquidity', args, writeOptionsArg(opts));
}

export async function toggleUserLiquidity(st: Subtensor, signer: Signer, netuid: number, enable: boolean, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  return send(st, signer, 'Swap', 'toggle_user_liquidity', { netuid, enable: boolArg(enable, 'enable') }, writeOptionsArg(opts));
}

export async function addStakeBurn(
  st: Subtensor, signer: Signer, netuid: number, hotkey: string, amount: bigint | Balance, limitPrice: bigint | Balance | null = null, opts: WriteOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  let rao = raoArg(amount, 'amount');
  const limit = limitPrice === null || limitPrice === undefined ? null : raoArg(limitPrice, 'limitPrice');
  const o = writeOptionsArg(opts);
  const rt = await runtimeWith(st, o, ['SubtensorModule', 'add_stake_burn']);
  const coldkey = coldkeyOf(signer);
  const at = { blockHash: await st.getBlockHash(null, { signal: o.signal }), signal: o.signal };
  const [bal, ed] = await Promise.all([st.getBalance(coldkey, at), st.getExistentialDeposit(at)]);
  if (bal.rao <= ed.rao) throw new PreconditionError('balance', `balance of ${coldkey} (${bal.rao} rao) does not cover the existential deposit (${ed.rao} rao)`);
  // as Python: more than the balance less the existential deposit burns all of that
  if (rao > bal.rao - ed.rao) rao = bal.rao - ed.rao;
  const call = composeCall(rt.registry, 'SubtensorModule', 'add_stake_burn', { hotkey, netuid, amount: rao, limit });
  return submitCall(st, signer, call, o);
}

export async function announceColdkeySwap(st: Subtensor, signer: Signer, newColdkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const hash = coldkeyHash(newColdkey, 'newColdkey');
  return send(st, signer, 'SubtensorModule', 'announce_coldkey_swap', { new_coldkey_hash: hash }, writeOptionsArg(opts));
}

export async function disputeColdkeySwap(st: Subtensor, signer: Signer, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  return send(st, signer, 'SubtensorModule', 'dispute_coldkey_swap', {}, writeOptionsArg(opts));
}

export async function swapColdkeyAnnounced(st: Subtensor, signer: Signer, newColdkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const hash = coldkeyHash(newColdkey, 'newColdkey');
  const o = writeOptionsArg(opts);
  const rt = await runtimeWith(st, o, ['SubtensorModule', 'swap_coldkey_announced']);
  const coldkey = coldkeyOf(signer);
  const blockHash = await st.getBlockHash(null, { signal: o.signal });
  const [a, head] = await Promise.all([
    st.getColdkeySwapAnnouncement(coldkey, { blockHash, signal: o.signal }), st.client.getBlockHeader({ blockHash, signal: o.signal }),
  ]);
  if (a === null) throw new PreconditionError('announcement', `${coldkey} has announced no coldkey swap (announce one first with announceColdkeySwap)`);
  if (a.newColdkeyHash.toLowerCase() !== hash) {
    throw new PreconditionError('announcement-hash', `${newColdkey} is not the announced coldkey: its hash is ${hash}, the announcement's ${a.newColdkeyHash}`);
  }
  if (head.number < a.executionBlock) {
    throw new PreconditionError('announcement-delay', `too early to swap: block ${head.number}, the swap may execute from block ${a.executionBlock} (${a.executionBlock - head.number} more)`);
  }
  return submitCall(st, signer, composeCall(rt.registry, 'SubtensorModule', 'swap_coldkey_announced', { new_coldkey: newColdkey }), o);
}

export async function claimRoot(st: Subtensor, signer: Signer, netuids: number[], opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const subnets = netuidSetArg(netuids, 'netuids');
  return send(st, signer, 'SubtensorModule', 'claim_root', { subnets }, writeOptionsArg(opts));
}

export async function setRootClaimType(st: Subtensor, signer: Signer, newRootClaimType: RootClaimType, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const type = rootClaimTypeArg(newRootClaimType, 'newRootClaimType');
  return send(st, signer, 'SubtensorModule', 'set_root_claim_type', { new_root_claim_type: type }, writeOptionsArg(opts));
}

export async function rootSetPendingChildkeyCooldown(st: Subtensor, signer: Signer, cooldown: number | bigint, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const blocks = u64Arg(cooldown, 'cooldown');
  const o = writeOptionsArg(opts);
  const rt = await runtimeWith(st, o, ['SubtensorModule', 'set_pending_childkey_cooldown'], ['Sudo', 'sudo']);
  const inner = { type: 'SubtensorModule', value: { type: 'set_pending_childkey_cooldown', value: { cooldown: blocks } } };
  return submitCall(st, signer, composeCall(rt.registry, 'Sudo', 'sudo', { call: inner }), o);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const miscWrites = {
  /**
   * Add a liquidity position to subnet `netuid`'s pool (Swap.add_liquidity): `liquidity` rao
   * between `priceLow` and `priceHigh` (rao per alpha, bigint or Balance), sent as their ticks —
   * Python's price_to_tick(price.tao), log base 1.0001 truncated. `hotkey` holds the alpha (Python
   * defaults it to the wallet's hotkey; without a wallet it is required). Signed by the coldkey.
   * The chain refuses with UserLiquidityDisabled unless the subnet owner enabled user liquidity.
   */
  addLiquidity,
  /**
   * Add to (`liquidityDelta` > 0) or remove from (< 0) position `positionId` of `hotkey` on subnet
   * `netuid` (Swap.modify_position). Signed by the coldkey.
   */
  modifyLiquidity,
  /** Remove position `positionId` and credit its TAO and alpha back to `hotkey`'s stake (Swap.remove_liquidity). Signed by the coldkey. */
  removeLiquidity,
  /** Enable or disable user liquidity on subnet `netuid` (Swap.toggle_user_liquidity); the subnet owner's coldkey signs. */
  toggleUserLiquidity,
  /**
   * A subnet buyback (add_stake_burn): stake `amount` TAO to `hotkey` on subnet `netuid` and burn
   * the alpha it buys, at most at `limitPrice` (rao per alpha) when given. Only the subnet owner,
   * once per tempo. As Python: refused (PreconditionError 'balance') when the free balance does not
   * exceed the existential deposit, and an amount above the balance less that deposit burns all of it.
   */
  addStakeBurn,
  /**
   * Announce a swap of the signing coldkey to `newColdkey` (announce_coldkey_swap): the chain
   * stores the BLAKE2b-256 hash of its account id, and the swap may execute after
   * getColdkeySwapAnnouncementDelay blocks. The first announcement costs the swap fee; after it
   * the coldkey can send nothing but swapColdkeyAnnounced.
   */
  announceColdkeySwap,
  /** Dispute the signing coldkey's pending swap (dispute_coldkey_swap): the account stays frozen until root resets it. */
  disputeColdkeySwap,
  /**
   * Execute the signing coldkey's announced swap to `newColdkey` (swap_coldkey_announced). As
   * Python, refused before signing (PreconditionError) when there is no announcement
   * ('announcement'), `newColdkey`'s hash is not the announced one ('announcement-hash'), or the
   * head block is before the announcement's execution block ('announcement-delay').
   */
  swapColdkeyAnnounced,
  /** Claim the signing coldkey's root dividends on subnets `netuids` (claim_root; sent as a set: sorted, duplicates dropped). */
  claimRoot,
  /**
   * How the signing coldkey's root dividends are claimed (set_root_claim_type): 'Swap' (to TAO),
   * 'Keep' (as alpha), or `{ KeepSubnets: { subnets } }` (keep on those, swap the rest; at least one
   * subnet, as Python's RootClaimType.normalize).
   */
  setRootClaimType,
  /**
   * Set the pending childkey cooldown to `cooldown` blocks: SubtensorModule.set_pending_childkey_cooldown
   * wrapped in Sudo.sudo, as Python does, so `signer` must be the sudo key (the chain refuses any other).
   */
  rootSetPendingChildkeyCooldown,
} satisfies Record<string, (st: Subtensor, ...a: never[]) => unknown>;
