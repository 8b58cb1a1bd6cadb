/**
 * The `*Multiple` staking writes, ported from bittensor 10.2's add_stake_multiple and
 * unstake_multiple: Python's pre-checks and trim run item by item (an item refused is skipped, with
 * the reason), then each item goes as its own extrinsic, in order, as Python does — or, with
 * `batch`, the calls of the items not skipped go as ONE Utility batch signed by the coldkey. Each
 * item's call is composed by the builder its single write uses (./stake-writes.ts).
 * @module
 */
import { InvalidArgumentError, batchCall, type BatchMode, type Call, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { optBoolArg, optOneOfArg, optionsArg, signerArg } from '../substrate/validate.js';
import type { Balance } from './balance.js';
import { PreconditionError, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import type { Subtensor } from './subtensor.js';
import { itemsArg, trimMultipleAmounts } from './stake-calls.js';
import { UnsupportedRuntimeError } from './subnets.js';
import { addStake, addStakeCall, prepare, unstake, unstakeAll, unstakeAllCall, unstakeCall } from './stake-writes.js';

/** One item of addStakeMultiple / unstakeMultiple. */
export interface StakeItemResult {
  netuid: number;
  hotkey: string;
  /** The rao asked for after Python's adjustments (null: all of the stake, for unstakeAll). */
  amount: bigint | null;
  /** The item's receipt (with `batch`: the batch's one receipt, shared by every item sent); null when it was not sent. */
  receipt: ExtrinsicReceipt | null;
  /** Why it was not sent (Python skips it and goes on), or null. */
  skipped: string | null;
  /**
   * Whether the item's call took effect on chain: its extrinsic succeeded; with `batch`, read from
   * the Utility events ('batch': the calls before BatchInterrupted's index; 'force_batch': its
   * ItemCompleted / ItemFailed; 'batch_all': all or none). null when it was not sent or that is not
   * known (dry run, `waitFor: 'none'`).
   */
  landed: boolean | null;
}

/** What addStakeMultiple / unstakeMultiple did, item by item in the order given. */
export interface MultipleStakeResult {
  /** Every item sent and none failed (Python's "Success"; with `batch`: every item landed or not known; an empty list succeeds). */
  success: boolean;
  items: StakeItemResult[];
}

/** Options of addStakeMultiple. */
export interface AddStakeMultipleOptions extends WriteOptions {
  /**
   * Send the calls of the items not skipped as ONE extrinsic, a Utility batch of this mode:
   * 'batch' stops at the first failing call, 'batch_all' reverts all if one fails (an ExtrinsicError
   * under `raiseError`), 'force_batch' runs every call. Default: one extrinsic per item, as Python.
   * A `nonce` is accepted only with it.
   */
  batch?: BatchMode;
}

/** Options of unstakeMultiple. */
export interface UnstakeMultipleOptions extends WriteOptions {
  /** Unstake everything of each item with remove_stake_full_limit (5 % tolerance, as Python); no `amounts` then. */
  unstakeAll?: boolean;
  /** As AddStakeMultipleOptions.batch: the calls of the items not skipped as one Utility batch of this mode. */
  batch?: BatchMode;
}

type Base = Pick<StakeItemResult, 'netuid' | 'hotkey' | 'amount'>;
/** An item before anything is sent: its result so far, and with `batch` its call (null: skipped or sent already) and the rao it stakes. */
type Planned = { result: StakeItemResult; call: Call | null; rao: bigint };

const BATCH_MODES = ['batch', 'batch_all', 'force_batch'] as const;

/** Checks shared by the two `*Multiple` writes; one nonce cannot sign several extrinsics. */
function multipleOptionsArg(opts: unknown): { o: WriteOptions; mode: BatchMode | undefined } {
  const o = writeOptionsArg(opts);
  const mode = optOneOfArg(optionsArg(opts, 'opts').batch, 'opts.batch', BATCH_MODES);
  if (o.nonce !== undefined && !mode) throw new InvalidArgumentError('opts.nonce: the items are sent one by one, each with its own nonce (give `batch` to send one extrinsic)', 'opts.nonce', o.nonce);
  return { o, mode };
}

/** Refuse, before any read, a batch mode the runtime's Utility pallet lacks. */
function requireBatch(rt: Runtime, mode: BatchMode): void {
  const p = rt.registry.metadata.pallets.find((x) => x.name === 'Utility');
  const def = p?.calls != null ? rt.registry.metadata.types[p.calls].def : null;
  if (def?.tag !== 'variant' || !def.variants.some((v) => v.name === mode)) throw new UnsupportedRuntimeError('Utility', mode, rt.version.specVersion, 'the runtime has no such call');
}

const skip = (base: Base, why: string): Planned => ({ result: { ...base, receipt: null, skipped: why, landed: null }, call: null, rao: 0n });
/** The receipt says what happened on chain (not a dry run, and waited for). */
const settled = (r: ExtrinsicReceipt) => r.status === 'inclusion' || r.status === 'finalization';
const waited = (o: WriteOptions) => !o.dryRun && o.waitFor !== 'none';

/** Send one item; a refused pre-check (PreconditionError) marks it skipped, as Python logs and goes on. */
async function item(base: Base, run: () => Promise<ExtrinsicReceipt>): Promise<Planned> {
  try {
    const receipt = await run();
    return { result: { ...base, receipt, skipped: null, landed: settled(receipt) ? receipt.success : null }, call: null, rao: 0n };
  } catch (e) {
    if (e instanceof PreconditionError) return skip(base, e.message);
    throw e;
  }
}

/** Build one item's call for the batch; a refused pre-check marks it skipped, as `item` does. */
async function plan(base: Base, build: () => Promise<{ call: Call; rao?: bigint }>): Promise<Planned> {
  try {
    const { call, rao = 0n } = await build();
    return { result: { ...base, receipt: null, skipped: null, landed: null }, call, rao };
  } catch (e) {
    if (e instanceof PreconditionError) return skip(base, e.message);
    throw e;
  }
}

/**
 * Per call of a batch, whether it took effect, from the receipt: 'batch_all' all or none; 'batch'
 * the calls before BatchInterrupted's `index` (all on BatchCompleted); 'force_batch' one
 * ItemCompleted / ItemFailed per call, in order. null: not known (not settled, or events missing).
 */
export function batchLanded(r: ExtrinsicReceipt, mode: BatchMode, n: number): (boolean | null)[] {
  const all = (v: boolean | null) => Array<boolean | null>(n).fill(v);
  if (!settled(r)) return all(null);
  if (!r.success) return all(false);
  if (mode === 'batch_all') return all(true);
  const utility = r.events.filter((e) => e.pallet === 'Utility');
  if (mode === 'batch') {
    const broke = utility.find((e) => e.name === 'BatchInterrupted');
    if (!broke) return all(utility.some((e) => e.name === 'BatchCompleted') ? true : null);
    const at = Number((broke.data as { index?: unknown } | null)?.index);
    return Number.isInteger(at) ? Array.from({ length: n }, (_, k) => k < at) : all(null);
  }
  const each = utility.filter((e) => e.name === 'ItemCompleted' || e.name === 'ItemFailed');
  return each.length === n ? each.map((e) => e.name === 'ItemCompleted') : all(null);
}

/** Without `batch`: the items as sent. With it: the planned calls as one batch, its receipt on each item sent. */
async function finish(st: Subtensor, signer: Signer, mode: BatchMode | undefined, planned: Planned[], o: WriteOptions): Promise<MultipleStakeResult> {
  const sent = planned.filter((p) => p.call !== null);
  if (mode && sent.length > 0) {
    const rt = await st.client.runtime({ signal: o.signal });
    const receipt = await submitCall(st, signer, batchCall(rt.registry, sent.map((p) => p.call!), mode), o);
    const landed = batchLanded(receipt, mode, sent.length);
    sent.forEach((p, k) => Object.assign(p.result, { receipt, landed: landed[k] }));
  }
  const items = planned.map((p) => p.result);
  return { success: items.every((i) => !!i.receipt?.success && i.landed !== false), items };
}

export async function addStakeMultiple(
  st: Subtensor, signer: Signer, netuids: number[], hotkeys: string[], amounts: (bigint | Balance)[], opts: AddStakeMultipleOptions = {},
): Promise<MultipleStakeResult> {
  signerArg(signer, 'signer');
  const list = itemsArg(netuids, hotkeys, amounts, false);
  const { o, mode } = multipleOptionsArg(opts);
  if (list.hotkeys.length === 0) return { success: true, items: [] };
  const { rt, coldkey, at } = await prepare(st, signer, o, 'add_stake');
  if (mode) requireBatch(rt, mode);
  const trimmed = trimMultipleAmounts(list.amounts!);
  let free = (await st.getBalance(coldkey, at)).rao;
  let spent = 0n; // with `batch`: what the calls batched before take from the balance
  const planned: Planned[] = [];
  for (const [i, hotkey] of list.hotkeys.entries()) {
    const [netuid, rao] = [list.netuids[i], trimmed[i]];
    const base = { netuid, hotkey, amount: rao };
    if (rao > free) {
      planned.push(skip(base, `not enough balance: ${free} rao to stake ${rao}`));
    } else if (mode) {
      const p = await plan(base, () => addStakeCall(st, signer, netuid, hotkey, rao, o, undefined, spent));
      planned.push(p);
      [spent, free] = [spent + p.rao, free - p.rao];
    } else {
      const p = await item(base, () => addStake(st, signer, netuid, hotkey, rao, o));
      planned.push(p);
      if (p.result.receipt?.success) free = waited(o) ? (await st.getBalance(coldkey, { signal: o.signal })).rao : free - rao;
    }
  }
  return finish(st, signer, mode, planned, o);
}

export async function unstakeMultiple(
  st: Subtensor, signer: Signer, netuids: number[], hotkeys: string[], amounts: (bigint | Balance)[] | null = null, opts: UnstakeMultipleOptions = {},
): Promise<MultipleStakeResult> {
  signerArg(signer, 'signer');
  const list = itemsArg(netuids, hotkeys, amounts, true);
  const { o, mode } = multipleOptionsArg(opts);
  const all = optBoolArg(optionsArg(opts, 'opts').unstakeAll, 'opts.unstakeAll') ?? false;
  if (all && list.amounts?.length) throw new InvalidArgumentError('opts.unstakeAll: give amounts or unstakeAll, not both', 'opts.unstakeAll', all);
  if (list.hotkeys.length === 0) return { success: true, items: [] };
  const { rt, coldkey, at } = await prepare(st, signer, o, all ? 'remove_stake_full_limit' : 'remove_stake');
  if (mode) requireBatch(rt, mode);
  const stakes = await Promise.all(list.hotkeys.map((h, i) => st.getStake(coldkey, h, list.netuids[i], at)));
  const planned: Planned[] = [];
  for (const [i, hotkey] of list.hotkeys.entries()) {
    const netuid = list.netuids[i];
    const stake = stakes[i].rao;
    const want = list.amounts?.[i] ?? stake;
    const base = { netuid, hotkey, amount: all ? null : want };
    // Python would send a zero amount for an empty position; the runtime refuses it
    const why = want > stake ? `not enough stake: ${stake} rao to unstake ${want}` : stake === 0n ? 'nothing staked' : null;
    if (why) planned.push(skip(base, why));
    else if (mode) planned.push(await plan(base, async () => ({ call: await (all ? unstakeAllCall(st, signer, netuid, hotkey, 0.05, o) : unstakeCall(st, signer, netuid, hotkey, want, o)) })));
    else planned.push(await item(base, () => (all ? unstakeAll(st, signer, netuid, hotkey, { ...o, rateTolerance: 0.05 }) : unstake(st, signer, netuid, hotkey, want, o))));
  }
  return finish(st, signer, mode, planned, o);
}
