/**
 * Staking writes, ported from bittensor 10.2's AsyncSubtensor (extrinsics/asyncex/staking.py,
 * unstaking.py, move_stake.py): add and remove stake, move, swap and transfer it, the safe
 * (price-limited) variants and auto-stake. The coldkey signs every one. Each write makes Python's
 * checks before signing (a PreconditionError sends nothing), and a call the runtime lacks is an
 * UnsupportedRuntimeError before anything is read. The `*Multiple` writes send one extrinsic per
 * item, in order, as Python does.
 * @module
 */
import { InvalidArgumentError, composeCall, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { addressArg, optBoolArg, optionsArg, signerArg } from '../substrate/validate.js';
import type { Balance } from './balance.js';
import { netuidArg, raoArg } from './args.js';
import { PreconditionError, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import type { Subtensor } from './subtensor.js';
import {
  coldkeyOf, itemsArg, rateToleranceArg, requireStakeCall, trimMultipleAmounts, stakeLimitPrice, swapLimitPrice, unstakeAllLimitPrice, unstakeLimitPrice,
} from './stake-calls.js';

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
async function prepare(st: Subtensor, signer: Signer, o: WriteOptions, call: string): Promise<{ rt: Runtime; coldkey: string; at: { blockHash: string; signal?: AbortSignal } }> {
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

/** The safe-variant keywords, checked: `flag` names Python's switch (safeStaking, safeUnstaking, safeSwapping). */
function safetyArg(opts: unknown, flag: string): { safe: boolean; partial: boolean; tolerance: number } {
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
  let rao = raoArg(amount, 'amount');
  const o = writeOptionsArg(opts);
  const s = safetyArg(opts, 'safeStaking');
  const name = s.safe ? 'add_stake_limit' : 'add_stake';
  const { rt, coldkey, at } = await prepare(st, signer, o, name);
  const [free, ed] = await Promise.all([st.getBalance(coldkey, at), st.getExistentialDeposit(at)]);
  if (free.rao <= ed.rao) throw new PreconditionError('balance', `balance of ${coldkey} (${free.rao} rao) does not cover the existential deposit (${ed.rao} rao)`);
  // as Python: more than the balance less the existential deposit stakes all of that
  if (rao > free.rao - ed.rao) rao = free.rao - ed.rao;
  const args: Record<string, unknown> = { hotkey, netuid, amount_staked: rao };
  if (s.safe) {
    args.limit_price = stakeLimitPrice((await st.getSubnetPrice(netuid, at)).rao, netuid, s.tolerance);
    args.allow_partial = s.partial;
  }
  return send(st, signer, rt, name, args, o);
}

export async function unstake(st: Subtensor, signer: Signer, netuid: number, hotkey: string, amount: bigint | Balance, opts: UnstakeOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const rao = raoArg(amount, 'amount');
  const o = writeOptionsArg(opts);
  const s = safetyArg(opts, 'safeUnstaking');
  const name = s.safe ? 'remove_stake_limit' : 'remove_stake';
  const { rt, coldkey, at } = await prepare(st, signer, o, name);
  await needStake(st, coldkey, hotkey, netuid, rao, at);
  const args: Record<string, unknown> = { hotkey, netuid, amount_unstaked: rao };
  if (s.safe) {
    args.limit_price = unstakeLimitPrice((await st.getSubnetPrice(netuid, at)).rao, netuid, s.tolerance);
    args.allow_partial = s.partial;
  }
  return send(st, signer, rt, name, args, o);
}

export async function unstakeAll(st: Subtensor, signer: Signer, netuid: number, hotkey: string, opts: UnstakeAllOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  const tolerance = rateToleranceArg(optionsArg(opts, 'opts').rateTolerance, 'opts.rateTolerance', 0.005, true);
  const { rt, at } = await prepare(st, signer, o, 'remove_stake_full_limit');
  const limit = tolerance ? unstakeAllLimitPrice((await st.getSubnetPrice(netuid, at)).rao, tolerance) : null;
  return send(st, signer, rt, 'remove_stake_full_limit', { hotkey, netuid, limit_price: limit }, o);
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

/** One item of addStakeMultiple / unstakeMultiple. */
export interface StakeItemResult {
  netuid: number;
  hotkey: string;
  /** The rao asked for after Python's adjustments (null: all of the stake, for unstakeAll). */
  amount: bigint | null;
  /** The item's receipt; null when it was not sent. */
  receipt: ExtrinsicReceipt | null;
  /** Why it was not sent (Python skips it and goes on), or null. */
  skipped: string | null;
}

/** What addStakeMultiple / unstakeMultiple did, item by item in the order given. */
export interface MultipleStakeResult {
  /** Every item sent and none failed (Python's "Success"; an empty list succeeds). */
  success: boolean;
  items: StakeItemResult[];
}

/** Options of unstakeMultiple. */
export interface UnstakeMultipleOptions extends WriteOptions {
  /** Unstake everything of each item with remove_stake_full_limit (5 % tolerance, as Python); no `amounts` then. */
  unstakeAll?: boolean;
}

/** Checks shared by the two `*Multiple` writes; one nonce cannot sign several extrinsics. */
function multipleOptionsArg(opts: unknown): WriteOptions {
  const o = writeOptionsArg(opts);
  if (o.nonce !== undefined) throw new InvalidArgumentError('opts.nonce: the items are sent one by one, each with its own nonce', 'opts.nonce', o.nonce);
  return o;
}

/** Send one item; a refused pre-check (PreconditionError) marks it skipped, as Python logs and goes on. */
async function item(base: Omit<StakeItemResult, 'receipt' | 'skipped'>, run: () => Promise<ExtrinsicReceipt>): Promise<StakeItemResult> {
  try {
    return { ...base, receipt: await run(), skipped: null };
  } catch (e) {
    if (e instanceof PreconditionError) return { ...base, receipt: null, skipped: e.message };
    throw e;
  }
}

const outcome = (items: StakeItemResult[]): MultipleStakeResult => ({ success: items.every((i) => i.receipt?.success), items });
const waited = (o: WriteOptions) => !o.dryRun && o.waitFor !== 'none';

export async function addStakeMultiple(st: Subtensor, signer: Signer, netuids: number[], hotkeys: string[], amounts: (bigint | Balance)[], opts: WriteOptions = {}): Promise<MultipleStakeResult> {
  signerArg(signer, 'signer');
  const list = itemsArg(netuids, hotkeys, amounts, false);
  const o = multipleOptionsArg(opts);
  if (list.hotkeys.length === 0) return { success: true, items: [] };
  const { coldkey, at } = await prepare(st, signer, o, 'add_stake');
  const trimmed = trimMultipleAmounts(list.amounts!);
  let free = (await st.getBalance(coldkey, at)).rao;
  const items: StakeItemResult[] = [];
  for (const [i, hotkey] of list.hotkeys.entries()) {
    const base = { netuid: list.netuids[i], hotkey, amount: trimmed[i] };
    if (trimmed[i] > free) {
      items.push({ ...base, receipt: null, skipped: `not enough balance: ${free} rao to stake ${trimmed[i]}` });
      continue;
    }
    const r = await item(base, () => addStake(st, signer, base.netuid, hotkey, trimmed[i], o));
    items.push(r);
    if (r.receipt?.success) free = waited(o) ? (await st.getBalance(coldkey, { signal: o.signal })).rao : free - trimmed[i];
  }
  return outcome(items);
}

export async function unstakeMultiple(
  st: Subtensor, signer: Signer, netuids: number[], hotkeys: string[], amounts: (bigint | Balance)[] | null = null, opts: UnstakeMultipleOptions = {},
): Promise<MultipleStakeResult> {
  signerArg(signer, 'signer');
  const list = itemsArg(netuids, hotkeys, amounts, true);
  const o = multipleOptionsArg(opts);
  const all = optBoolArg(optionsArg(opts, 'opts').unstakeAll, 'opts.unstakeAll') ?? false;
  if (all && list.amounts?.length) throw new InvalidArgumentError('opts.unstakeAll: give amounts or unstakeAll, not both', 'opts.unstakeAll', all);
  if (list.hotkeys.length === 0) return { success: true, items: [] };
  const { coldkey, at } = await prepare(st, signer, o, all ? 'remove_stake_full_limit' : 'remove_stake');
  const stakes = await Promise.all(list.hotkeys.map((h, i) => st.getStake(coldkey, h, list.netuids[i], at)));
  const items: StakeItemResult[] = [];
  for (const [i, hotkey] of list.hotkeys.entries()) {
    const netuid = list.netuids[i];
    const stake = stakes[i].rao;
    const want = list.amounts?.[i] ?? stake;
    const base = { netuid, hotkey, amount: all ? null : want };
    // Python would send a zero amount for an empty position; the runtime refuses it
    const why = want > stake ? `not enough stake: ${stake} rao to unstake ${want}` : stake === 0n ? 'nothing staked' : null;
    if (why) {
      items.push({ ...base, receipt: null, skipped: why });
      continue;
    }
    items.push(await item(base, () => (all ? unstakeAll(st, signer, netuid, hotkey, { ...o, rateTolerance: 0.05 }) : unstake(st, signer, netuid, hotkey, want, o))));
  }
  return outcome(items);
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
   * the stake (or with none) are skipped.
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
