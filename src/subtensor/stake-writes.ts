/**
 * Staking writes, ported from bittensor 10.2's AsyncSubtensor (extrinsics/asyncex/staking.py,
 * unstaking.py, move_stake.py): add and remove stake, move, swap and transfer it, the safe
 * (price-limited) variants and auto-stake. The coldkey signs every one. Each write makes Python's
 * checks before signing (a PreconditionError sends nothing), and a call the runtime lacks is an
 * UnsupportedRuntimeError before anything is read. The `*Multiple` writes (./stake-multiple.ts) send
 * one extrinsic per item, in order, as Python does, or with `batch` one Utility batch of them.
 * @module
 */
import { InvalidArgumentError, composeCall, type Call, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { addressArg, optBoolArg, optionsArg, signerArg } from '../substrate/validate.js';
import type { Balance } from './balance.js';
import { netuidArg, raoArg } from './args.js';
import { PreconditionError, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import type { Subtensor } from './subtensor.js';
import {
  coldkeyOf, rateToleranceArg, requireStakeCall, stakeLimitPrice, swapLimitPrice, unstakeAllLimitPrice, unstakeLimitPrice,
} from './stake-calls.js';
// a cycle: stake-multiple builds on the call builders here; only hoisted functions cross it
import { addStakeMultiple, unstakeMultiple } from './stake-multiple.js';

/** Options of addStake: Python's add_stake keywords. */
export interface AddStakeOptions extends WriteOptions {
  /** Send add_stake_limit with a price limit (the current price raised by `rateTolerance`). */
  safeStaking?: boolean;
  /** With safeStaking: stake what fits under the limit instead of failing. */
  allowPartialStake?: boolean;
  /** Highest price rise accepted, a fraction (default 0.005 = 0.5 %). */
  rateTolerance?: number;
}

/** Options of unstake: Python's unstake keywords. */
export interface UnstakeOptions extends WriteOptions {
  /** With safeUnstaking: unstake what fits above the limit instead of failing. */
  allowPartialStake?: boolean;
  /** Send remove_stake_limit with a price limit (the current price lowered by `rateTolerance`). */
  safeUnstaking?: boolean;
  /** Largest price drop accepted, a fraction (default 0.005). */
  rateTolerance?: number;
}

/** Options of unstakeAll. */
export interface UnstakeAllOptions extends WriteOptions {
  /** Largest price drop accepted (default 0.005); null or 0: no limit. */
  rateTolerance?: number | null;
}

/** Options of moveStake. */
export interface MoveStakeOptions extends WriteOptions {
  /** Move all of the origin stake (`amount` may then be null). */
  moveAllStake?: boolean;
}

/** Options of swapStake: Python's swap_stake keywords. */
export interface SwapStakeOptions extends WriteOptions {
  /** Send swap_stake_limit with a limit on the origin/destination price ratio. */
  safeSwapping?: boolean;
  /** With safeSwapping: swap what fits above the limit instead of failing. */
  allowPartialStake?: boolean;
  /** Largest drop of the price ratio accepted (default 0.005). */
  rateTolerance?: number;
}

/** The head runtime (the call checked to exist there), the coldkey, and the head block the checks read. */
export async function prepare(st: Subtensor, signer: Signer, o: WriteOptions, call: string): Promise<{ rt: Runtime; coldkey: string; at: { blockHash: string; signal?: AbortSignal } }> {
  const rt = await st.client.runtime({ signal: o.signal });
  requireStakeCall(rt, call);
  const blockHash = await st.getBlockHash(null, { signal: o.signal });
  return { rt, coldkey: coldkeyOf(signer), at: { blockHash, signal: o.signal } };
}

/** Python's "not enough stake" refusal: the coldkey's stake on (hotkey, netuid) below `rao`. */
async function needStake(st: Subtensor, coldkey: string, hotkey: string, netuid: number, rao: bigint, at: { blockHash: string }): Promise<bigint> {
  const stake = (await st.getStake(coldkey, hotkey, netuid, at)).rao;
  if (rao > stake) throw new PreconditionError('stake', `not enough stake: ${coldkey} holds ${stake} rao on hotkey ${hotkey} in subnet ${netuid}, asked for ${rao}`);
  return stake;
}

const send = (st: Subtensor, signer: Signer, rt: Runtime, name: string, args: Record<string, unknown>, o: WriteOptions) =>
  submitCall(st, signer, composeCall(rt.registry, 'SubtensorModule', name, args), o);

/** The safe-variant keywords: Python's switch, allow_partial and the rate tolerance. */
export interface Safety {
  safe: boolean;
  partial: boolean;
  tolerance: number;
}
/** The plain (unlimited) variant, as the `*Multiple` writes send (Python's defaults). */
const PLAIN: Safety = { safe: false, partial: false, tolerance: 0.005 };

/** The safe-variant keywords, checked: `flag` names Python's switch (safeStaking, safeUnstaking, safeSwapping). */
function safetyArg(opts: unknown, flag: string): Safety {
  const o = optionsArg(opts, 'opts');
  return {
    safe: optBoolArg(o[flag], `opts.${flag}`) ?? false,
    partial: optBoolArg(o.allowPartialStake, 'opts.allowPartialStake') ?? false,
    tolerance: rateToleranceArg(o.rateTolerance, 'opts.rateTolerance', 0.005)!,
  };
}

export async function addStake(st: Subtensor, signer: Signer, netuid: number, hotkey: string, amount: bigint | Balance, opts: AddStakeOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const rao = raoArg(amount, 'amount');
  const o = writeOptionsArg(opts);
  const s = safetyArg(opts, 'safeStaking');
  return submitCall(st, signer, (await addStakeCall(st, signer, netuid, hotkey, rao, o, s)).call, o);
}

/**
 * addStake's pre-checks and call (arguments already checked), at the head block: refused with a
 * PreconditionError, or the call and the rao it stakes. `spent`: rao that calls batched before this
 * one take from the balance (addStakeMultiple with `batch`); 0 for a lone addStake.
 */
export async function addStakeCall(
  st: Subtensor, signer: Signer, netuid: number, hotkey: string, rao: bigint, o: WriteOptions, s: Safety = PLAIN, spent = 0n,
): Promise<{ call: Call; rao: bigint }> {
  const name = s.safe ? 'add_stake_limit' : 'add_stake';
  const { rt, coldkey, at } = await prepare(st, signer, o, name);
  const [bal, ed] = await Promise.all([st.getBalance(coldkey, at), st.getExistentialDeposit(at)]);
  const free = bal.rao - spent;
  if (free <= ed.rao) throw new PreconditionError('balance', `balance of ${coldkey} (${free} rao) does not cover the existential deposit (${ed.rao} rao)`);
  // as Python: more than the balance less the existential deposit stakes all of that
  if (rao > free - ed.rao) rao = free - ed.rao;
  const args: Record<string, unknown> = { hotkey, netuid, amount_staked: rao };
  if (s.safe) {
    args.limit_price = stakeLimitPrice((await st.getSubnetPrice(netuid, at)).rao, netuid, s.tolerance);
    args.allow_partial = s.partial;
  }
  return { call: composeCall(rt.registry, 'SubtensorModule', name, args), rao };
}

export async function unstake(st: Subtensor, signer: Signer, netuid: number, hotkey: string, amount: bigint | Balance, opts: UnstakeOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const rao = raoArg(amount, 'amount');
  const o = writeOptionsArg(opts);
  const s = safetyArg(opts, 'safeUnstaking');
  return submitCall(st, signer, await unstakeCall(st, signer, netuid, hotkey, rao, o, s), o);
}

/** unstake's pre-check (refused above the stake) and call, arguments already checked. */
export async function unstakeCall(st: Subtensor, signer: Signer, netuid: number, hotkey: string, rao: bigint, o: WriteOptions, s: Safety = PLAIN): Promise<Call> {
  const name = s.safe ? 'remove_stake_limit' : 'remove_stake';
  const { rt, coldkey, at } = await prepare(st, signer, o, name);
  await needStake(st, coldkey, hotkey, netuid, rao, at);
  const args: Record<string, unknown> = { hotkey, netuid, amount_unstaked: rao };
  if (s.safe) {
    args.limit_price = unstakeLimitPrice((await st.getSubnetPrice(netuid, at)).rao, netuid, s.tolerance);
    args.allow_partial = s.partial;
  }
  return composeCall(rt.registry, 'SubtensorModule', name, args);
}

export async function unstakeAll(st: Subtensor, signer: Signer, netuid: number, hotkey: string, opts: UnstakeAllOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  const tolerance = rateToleranceArg(optionsArg(opts, 'opts').rateTolerance, 'opts.rateTolerance', 0.005, true);
  return submitCall(st, signer, await unstakeAllCall(st, signer, netuid, hotkey, tolerance, o), o);
}

/** unstakeAll's call (remove_stake_full_limit, limited by `tolerance` unless null or 0), arguments already checked. */
export async function unstakeAllCall(st: Subtensor, signer: Signer, netuid: number, hotkey: string, tolerance: number | null, o: WriteOptions): Promise<Call> {
  const { rt, at } = await prepare(st, signer, o, 'remove_stake_full_limit');
  const limit = tolerance ? unstakeAllLimitPrice((await st.getSubnetPrice(netuid, at)).rao, tolerance) : null;
  return composeCall(rt.registry, 'SubtensorModule', 'remove_stake_full_limit', { hotkey, netuid, limit_price: limit });
}

export async function moveStake(
  st: Subtensor, signer: Signer, originNetuid: number, originHotkey: string, destinationNetuid: number, destinationHotkey: string,
  amount: bigint | Balance | null, opts: MoveStakeOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(originNetuid, 'originNetuid');
  addressArg(originHotkey, 'originHotkey');
  netuidArg(destinationNetuid, 'destinationNetuid');
  addressArg(destinationHotkey, 'destinationHotkey');
  const o = writeOptionsArg(opts);
  const all = optBoolArg(optionsArg(opts, 'opts').moveAllStake, 'opts.moveAllStake') ?? false;
  if ((amount === null || amount === undefined) && !all) throw new InvalidArgumentError('amount: give an amount, or opts.moveAllStake: true', 'amount', amount);
  let rao = amount === null || amount === undefined ? 0n : raoArg(amount, 'amount');
  const { rt, coldkey, at } = await prepare(st, signer, o, 'move_stake');
  if (all) {
    rao = (await st.getStake(coldkey, originHotkey, originNetuid, at)).rao;
    if (rao === 0n) throw new PreconditionError('stake', `nothing to move: ${coldkey} has no stake on hotkey ${originHotkey} in subnet ${originNetuid}`);
  } else await needStake(st, coldkey, originHotkey, originNetuid, rao, at);
  const args = { origin_hotkey: originHotkey, destination_hotkey: destinationHotkey, origin_netuid: originNetuid, destination_netuid: destinationNetuid, alpha_amount: rao };
  return send(st, signer, rt, 'move_stake', args, o);
}

export async function swapStake(
  st: Subtensor, signer: Signer, hotkey: string, originNetuid: number, destinationNetuid: number, amount: bigint | Balance, opts: SwapStakeOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  netuidArg(originNetuid, 'originNetuid');
  netuidArg(destinationNetuid, 'destinationNetuid');
  const rao = raoArg(amount, 'amount');
  const o = writeOptionsArg(opts);
  const s = safetyArg(opts, 'safeSwapping');
  const name = s.safe ? 'swap_stake_limit' : 'swap_stake';
  const { rt, coldkey, at } = await prepare(st, signer, o, name);
  await needStake(st, coldkey, hotkey, originNetuid, rao, at);
  const args: Record<string, unknown> = { hotkey, origin_netuid: originNetuid, destination_netuid: destinationNetuid, alpha_amount: rao };
  if (s.safe) {
    const [from, to] = await Promise.all([st.getSubnetPrice(originNetuid, at), st.getSubnetPrice(destinationNetuid, at)]);
    if (to.rao === 0n) throw new PreconditionError('price', `subnet ${destinationNetuid} has no price to limit the swap by`);
    args.limit_price = swapLimitPrice(from.rao, to.rao, s.tolerance);
    args.allow_partial = s.partial;
  }
  return send(st, signer, rt, name, args, o);
}

export async function transferStake(
  st: Subtensor, signer: Signer, destinationColdkey: string, hotkey: string, originNetuid: number, destinationNetuid: number,
  amount: bigint | Balance, opts: WriteOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(destinationColdkey, 'destinationColdkey');
  addressArg(hotkey, 'hotkey');
  netuidArg(originNetuid, 'originNetuid');
  netuidArg(destinationNetuid, 'destinationNetuid');
  const rao = raoArg(amount, 'amount');
  const o = writeOptionsArg(opts);
  const { rt, coldkey, at } = await prepare(st, signer, o, 'transfer_stake');
  await needStake(st, coldkey, hotkey, originNetuid, rao, at);
  const args = { destination_coldkey: destinationColdkey, hotkey, origin_netuid: originNetuid, destination_netuid: destinationNetuid, alpha_amount: rao };
  return send(st, signer, rt, 'transfer_stake', args, o);
}

export async function setAutoStake(st: Subtensor, signer: Signer, netuid: number, hotkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  const { rt } = await prepare(st, signer, o, 'set_coldkey_auto_stake_hotkey');
  return send(st, signer, rt, 'set_coldkey_auto_stake_hotkey', { netuid, hotkey }, o);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const stakeWrites = {
  /**
   * Stake `amount` TAO (rao bigint or Balance) from the signer's coldkey to `hotkey` on subnet
   * `netuid` (add_stake). As Python: refused (PreconditionError 'balance') when the free balance
   * does not exceed the existential deposit, and an amount above the balance less that deposit
   * stakes all of it. `safeStaking` sends add_stake_limit with limit_price = price × (1 +
   * rateTolerance) in rao (root: the price), `allowPartialStake` its allow_partial.
   */
  addStake,
  /**
   * Stake to several (netuid, hotkey) pairs, one add_stake after another (as Python). Python's
   * trim applies: a total of 1000 rao or more is scaled by (1 − 1000 / total); an item above the
   * remaining balance is skipped. With `raiseError` (default) the first failed dispatch throws.
   * `batch` ('batch' | 'batch_all' | 'force_batch'): the same checks and skips, then the items'
   * calls go as ONE Utility batch of that mode (one nonce, one receipt shared by the sent items);
   * each item's `landed` says whether its call took effect (from the Utility events; null when not
   * known: dry run, `waitFor: 'none'`), and `success` needs every item landed.
   */
  addStakeMultiple,
  /**
   * Unstake `amount` alpha of subnet `netuid` from `hotkey` to the signer's coldkey (remove_stake);
   * refused (PreconditionError 'stake') above the coldkey's stake there. `safeUnstaking` sends
   * remove_stake_limit with limit_price = price × (1 − rateTolerance) (root: the price).
   */
  unstake,
  /**
   * Unstake from several (netuid, hotkey) pairs one by one; `amounts` null unstakes each whole
   * position; `unstakeAll` uses remove_stake_full_limit with Python's 5 % tolerance. Items above
   * the stake (or with none) are skipped. `batch`: the calls not skipped go as one Utility batch
   * of that mode, with each item's `landed`, as addStakeMultiple's `batch`.
   */
  unstakeMultiple,
  /**
   * Unstake everything the coldkey holds on `hotkey` in subnet `netuid` (remove_stake_full_limit),
   * limited to int(price_rao × (1 − rateTolerance)) (default 0.005; null or 0: no limit). Runtimes
   * without that call get UnsupportedRuntimeError (their unstake_all empties every subnet at once).
   */
  unstakeAll,
  /**
   * Move `amount` alpha (or, with `moveAllStake`, all) of the coldkey's stake from (originHotkey,
   * originNetuid) to (destinationHotkey, destinationNetuid) (move_stake); refused above the stake.
   */
  moveStake,
  /**
   * Swap `amount` alpha of `hotkey`'s stake from subnet originNetuid to destinationNetuid
   * (swap_stake). `safeSwapping` sends swap_stake_limit limited to the price ratio origin/destination
   * × (1 − rateTolerance) × 10^9, the runtime's unit (see ./stake-calls.ts swapLimitPrice).
   */
  swapStake,
  /**
   * Give `amount` alpha of the coldkey's stake on `hotkey` (subnet originNetuid) to
   * `destinationColdkey` on destinationNetuid (transfer_stake); refused above the stake.
   */
  transferStake,
  /** Auto-stake the coldkey's emissions on subnet `netuid` to `hotkey` (set_coldkey_auto_stake_hotkey). */
  setAutoStake,
};
