/**
 * Stake and delegation reads. Stake of one coldkey on one hotkey, and total stake on a hotkey,
 * work on every runtime generation: the runtime's StakeInfo API where it has one, else the
 * storage maps older runtimes kept (TotalHotkeyAlpha before TotalHotkeyStake; the Stake double
 * map before the first StakeInfo API).
 * @module
 */
import { read } from '../substrate/index.js';
import { addressArg, addressesArg } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { delegateInfo, stakeInfo, u16Normalized, type DelegatedInfo, type DelegateInfo, type StakeInfo } from './convert.js';
import { DELEGATES, STAKE, TOTAL_HOTKEY_ALPHA, TOTAL_HOTKEY_STAKE } from './addresses.js';
import { readMap, storage } from '../substrate/index.js';
import { arrayArg } from '../substrate/validate.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { callTyped } from './runtime-api.js';

export async function getStake(st: Subtensor, coldkey: string, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  addressArg(coldkey, 'coldkey');
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const at = await resolveAt(st, sel);
  const rt = await st.client.runtime(at);
  const api = rt.metadata.apis.find((a) => a.name === 'StakeInfoRuntimeApi');
  if (api?.methods.some((m) => m.name === 'get_stake_info_for_hotkey_coldkey_netuid')) {
    const info = await callTyped(st.client, 'StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', [hotkey, coldkey, netuid], at);
    return balance(info?.stake ?? 0n, netuid);
  }
  if (api?.methods.some((m) => m.name === 'get_stake_info_for_coldkey')) {
    const hit = (await stakeInfoOf(st, coldkey, at)).find((i) => i.hotkey === hotkey && (i.netuid ?? 0) === netuid);
    return balance(hit ? hit.stake.rao : 0n, netuid);
  }
  return balance(await read(st.client, STAKE, [hotkey, coldkey], at), netuid);
}

export async function getStakeForHotkey(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const at = await resolveAt(st, sel);
  const rt = await st.client.runtime(at);
  const items = rt.registry.pallet('SubtensorModule').storage?.items ?? [];
  if (items.some((e) => e.name === 'TotalHotkeyAlpha')) {
    return balance(await read(st.client, TOTAL_HOTKEY_ALPHA, [hotkey, netuid], at), netuid);
  }
  return balance(await read(st.client, TOTAL_HOTKEY_STAKE, [hotkey], at), netuid);
}

export async function getStakeInfoForColdkey(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<StakeInfo[]> {
  addressArg(coldkey, 'coldkey');
  return stakeInfoOf(st, coldkey, await resolveAt(st, sel));
}

async function stakeInfoOf(st: Subtensor, coldkey: string, at: At): Promise<StakeInfo[]> {
  return (await callTyped(st.client, 'StakeInfoRuntimeApi', 'get_stake_info_for_coldkey', [coldkey], at)).map(stakeInfo);
}

export async function getStakeInfoForColdkeys(st: Subtensor, coldkeys: string[], sel: BlockSelector = {}): Promise<Record<string, StakeInfo[]>> {
  const list = addressesArg(coldkeys, 'coldkeys');
  const raw = await callTyped(st.client, 'StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys', [list], await resolveAt(st, sel));
  return Object.fromEntries(raw.map(([ck, l]) => [ck, l.map(stakeInfo)]));
}

export async function getDelegateTake(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<number> {
  addressArg(hotkey, 'hotkey');
  return u16Normalized(await read(st.client, DELEGATES, [hotkey], await resolveAt(st, sel)));
}

export async function getDelegates(st: Subtensor, sel: BlockSelector = {}): Promise<DelegateInfo[]> {
  return (await callTyped(st.client, 'DelegateInfoRuntimeApi', 'get_delegates', [], await resolveAt(st, sel))).map(delegateInfo);
}

export async function getDelegated(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<DelegatedInfo[]> {
  addressArg(coldkey, 'coldkey');
  const raw = await callTyped(st.client, 'DelegateInfoRuntimeApi', 'get_delegated', [coldkey], await resolveAt(st, sel));
  return raw.map(([d, detail]): DelegatedInfo => ({ delegate: delegateInfo(d), detail }));
}

const NOMINATOR_MIN_REQUIRED_STAKE = storage<[], bigint>('SubtensorModule', 'NominatorMinRequiredStake');
const AUTO_STAKE_DESTINATION = storage<[coldkey: string, netuid: number], string | null>('SubtensorModule', 'AutoStakeDestination');

export async function getStakeForColdkeyAndHotkey(
  st: Subtensor, coldkey: string, hotkey: string, netuids: number[] | null = null, sel: BlockSelector = {},
): Promise<Record<number, StakeInfo | null>> {
  addressArg(coldkey, 'coldkey');
  addressArg(hotkey, 'hotkey');
  const given = netuids === null || netuids === undefined ? undefined : arrayArg(netuids, 'netuids').map((n, i) => netuidArg(n, `netuids[${i}]`));
  const at = await resolveAt(st, sel, true);
  const list = given ?? (await st.getAllSubnetsNetuid({ blockHash: at.blockHash, signal: at.signal }));
  const api = (await st.client.runtime(at)).metadata.apis.find((a) => a.name === 'StakeInfoRuntimeApi');
  if (!api?.methods.some((m) => m.name === 'get_stake_info_for_hotkey_coldkey_netuid')) {
    // older runtimes (e.g. spec 218): the coldkey's whole stake list, as getStake falls back
    const all = await stakeInfoOf(st, coldkey, at);
    return Object.fromEntries(list.map((n) => [n, all.find((i) => i.hotkey === hotkey && i.netuid === n) ?? null]));
  }
  const raw = await Promise.all(list.map((n) => callTyped(st.client, 'StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', [hotkey, coldkey, n], at)));
  return Object.fromEntries(list.map((n, i) => [n, raw[i] ? stakeInfo(raw[i]) : null]));
}

export async function getMinimumRequiredStake(st: Subtensor, sel: BlockSelector = {}): Promise<Balance> {
  return balance(await read(st.client, NOMINATOR_MIN_REQUIRED_STAKE, [], await resolveAt(st, sel)));
}

export async function getAutoStakes(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<Record<number, string>> {
  addressArg(coldkey, 'coldkey');
  const out: Record<number, string> = {};
  for await (const e of readMap(st.client, AUTO_STAKE_DESTINATION, [coldkey], { ...(await resolveAt(st, sel)), pageSize: 100 })) {
    if (e.value) out[e.keys[1]] = e.value;
  }
  return out;
}

export async function getDelegateByHotkey(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<DelegateInfo | null> {
  addressArg(hotkey, 'hotkey');
  const raw = await callTyped(st.client, 'DelegateInfoRuntimeApi', 'get_delegate', [hotkey], await resolveAt(st, sel));
  return raw ? delegateInfo(raw) : null;
}

export async function isHotkeyDelegate(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<boolean> {
  addressArg(hotkey, 'hotkey');
  return (await getDelegates(st, sel)).some((d) => d.delegateSs58 === hotkey);
}

const TOTAL_COLDKEY_STAKE = storage<[coldkey: string], bigint>('SubtensorModule', 'TotalColdkeyStake');

const hasItem = async (st: Subtensor, item: string, at: At) =>
  ((await st.client.runtime(at)).registry.pallet('SubtensorModule').storage?.items ?? []).some((e) => e.name === item);

export async function getTotalStakeForColdkey(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<Record<number, Balance>> {
  addressArg(coldkey, 'coldkey');
  const at = await resolveAt(st, sel, true);
  if (await hasItem(st, 'TotalColdkeyStake', at)) return { 0: balance(await read(st.client, TOTAL_COLDKEY_STAKE, [coldkey], at)) };
  const sums = new Map<number, bigint>();
  for (const i of await stakeInfoOf(st, coldkey, at)) if (i.stake.rao > 0n) sums.set(i.netuid, (sums.get(i.netuid) ?? 0n) + i.stake.rao);
  return Object.fromEntries([...sums].sort((a, b) => a[0] - b[0]).map(([n, rao]) => [n, balance(rao, n)]));
}

export async function getTotalStakeForHotkey(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<Record<number, Balance>> {
  addressArg(hotkey, 'hotkey');
  const at = await resolveAt(st, sel, true);
  if (!(await hasItem(st, 'TotalHotkeyAlpha', at))) return { 0: balance(await read(st.client, TOTAL_HOTKEY_STAKE, [hotkey], at)) };
  const out: Record<number, Balance> = {};
  for await (const e of readMap(st.client, TOTAL_HOTKEY_ALPHA, [hotkey], { ...at, pageSize: 100 })) out[e.keys[1]] = balance(e.value, e.keys[1]);
  return out;
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const stakeReads = {
  /**
   * The coldkey's total stake, per subnet. This is the older SDK's get_total_stake_for_coldkey
   * (bittensor 8.x, removed since): on runtimes that still have TotalColdkeyStake (before dTAO)
   * that item, as `{ 0: total }`; on later runtimes the sum of the coldkey's stakes in each subnet
   * (get_stake_info_for_coldkey), each subnet in its own unit: stakes of different subnets are not
   * added together, since alpha of one subnet is not alpha of another. Zero stakes are left out,
   * as bittensor 9's get_stake_for_coldkey leaves them out.
   */
  getTotalStakeForColdkey,
  /**
   * The hotkey's total stake, per subnet: the older SDK's get_total_stake_for_hotkey (bittensor
   * 8.x). TotalHotkeyStake as `{ 0: total }` on runtimes before dTAO, else every TotalHotkeyAlpha
   * entry of the hotkey (one per subnet, in that subnet's unit).
   */
  getTotalStakeForHotkey,
  /** Stake of `coldkey` on `hotkey` in subnet `netuid`. */
  getStake,
  /** Every stake a coldkey holds: one entry per (hotkey, subnet). */
  getStakeInfoForColdkey,
  /** getStakeInfoForColdkey for many coldkeys in one call, keyed by coldkey. */
  getStakeInfoForColdkeys,
  /** Total stake on a hotkey in a subnet (TotalHotkeyAlpha; TotalHotkeyStake on old runtimes). */
  getStakeForHotkey,
  /** The hotkey's delegate take (Delegates): Python's u16_normalized_float, so 0.18 for 11796. */
  getDelegateTake,
  /** Every delegate. */
  getDelegates,
  /** The delegates a coldkey stakes on, with its stake on each. */
  getDelegated,
  /**
   * The coldkey's stake on the hotkey in each of `netuids` (every subnet when omitted), keyed by
   * netuid: Python's get_stake_for_coldkey_and_hotkey, one get_stake_info_for_hotkey_coldkey_netuid
   * call per subnet at one pinned block; null where the runtime answers None. Runtimes without that
   * method (spec 218) answer from get_stake_info_for_coldkey instead, null where the pair has no entry.
   */
  getStakeForColdkeyAndHotkey,
  /** The nominator dust threshold (NominatorMinRequiredStake), Python's get_minimum_required_stake. */
  getMinimumRequiredStake,
  /** Where the coldkey's emissions are auto-staked (AutoStakeDestination), hotkey keyed by netuid. */
  getAutoStakes,
  /** The delegate `hotkey` (DelegateInfoRuntimeApi.get_delegate), null when it is not one. */
  getDelegateByHotkey,
  /** Whether `hotkey` is in the delegate list (Python's is_hotkey_delegate scans get_delegates too). */
  isHotkeyDelegate,
};
