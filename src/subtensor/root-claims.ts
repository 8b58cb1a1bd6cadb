/**
 * Root claims (bittensor's get_root_claim_type, get_root_alpha_dividends_per_subnet,
 * get_root_claimable_rate / _all_rates, get_root_claimable_stake, get_root_claimed): what a root
 * staker has earned in subnet alpha and how it is claimed. RootClaimable rates are I96F32 → number;
 * the claimable stake is Python's `rate × root stake − claimed`, never below 0.
 * @module
 */
import { addressesOf, read } from '../substrate/index.js';
import { addressArg } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { fixedToNumber } from './convert.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { getStake } from './stake.js';

const finney = addressesOf<FinneyChain>();
const ROOT_CLAIM_TYPE = finney.storage('SubtensorModule', 'RootClaimType');
const ROOT_ALPHA_DIVIDENDS = finney.storage('SubtensorModule', 'RootAlphaDividendsPerSubnet');
const ROOT_CLAIMABLE = finney.storage('SubtensorModule', 'RootClaimable');
const ROOT_CLAIMED = finney.storage('SubtensorModule', 'RootClaimed');

/** How a coldkey's root dividends are claimed: swapped to TAO, kept as alpha, or kept on some subnets only. */
export type RootClaimType = 'Swap' | 'Keep' | { KeepSubnets: { subnets: number[] } };

export async function getRootClaimType(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<RootClaimType> {
  addressArg(coldkey, 'coldkey');
  const v = await read(st.client, ROOT_CLAIM_TYPE, [coldkey], await resolveAt(st, sel));
  return v.type === 'KeepSubnets' ? { KeepSubnets: { subnets: [...v.value.subnets] } } : v.type;
}

export async function getRootAlphaDividendsPerSubnet(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  return balance(await read(st.client, ROOT_ALPHA_DIVIDENDS, [netuid, hotkey], await resolveAt(st, sel)), netuid);
}

async function rates(st: Subtensor, hotkey: string, at: At): Promise<Record<number, number>> {
  const list = await read(st.client, ROOT_CLAIMABLE, [hotkey], at);
  return Object.fromEntries(list.map(([netuid, bits]) => [netuid, fixedToNumber(bits, 32)]));
}

export async function getRootClaimableAllRates(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<Record<number, number>> {
  addressArg(hotkey, 'hotkey');
  return rates(st, hotkey, await resolveAt(st, sel));
}

export async function getRootClaimableRate(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<number> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  return (await rates(st, hotkey, await resolveAt(st, sel)))[netuid] ?? 0;
}

export async function getRootClaimed(st: Subtensor, coldkey: string, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  addressArg(coldkey, 'coldkey');
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  return balance(await read(st.client, ROOT_CLAIMED, [netuid, hotkey, coldkey], await resolveAt(st, sel)), netuid);
}

export async function getRootClaimableStake(st: Subtensor, coldkey: string, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  addressArg(coldkey, 'coldkey');
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  const [root, rate, claimed] = await Promise.all([
    getStake(st, coldkey, hotkey, 0, at), getRootClaimableRate(st, hotkey, netuid, at), getRootClaimed(st, coldkey, hotkey, netuid, at),
  ]);
  // Python: Balance × float truncates to rao (int()), then subtracts and floors at 0
  const claimable = BigInt(Math.trunc(Number(root.rao) * rate)) - claimed.rao;
  return balance(claimable > 0n ? claimable : 0n, netuid);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const rootClaimReads = {
  /** The coldkey's RootClaimType: 'Swap', 'Keep', or `{ KeepSubnets: { subnets } }` (Python's str or dict). */
  getRootClaimType,
  /** The hotkey's root alpha dividends on subnet `netuid` (RootAlphaDividendsPerSubnet), in that subnet's alpha. */
  getRootAlphaDividendsPerSubnet,
  /** Every claimable rate of the hotkey (RootClaimable), netuid → I96F32 as a number. */
  getRootClaimableAllRates,
  /** The hotkey's claimable rate on subnet `netuid`; 0 when it has none. */
  getRootClaimableRate,
  /** Alpha the coldkey already claimed through the hotkey on subnet `netuid` (RootClaimed). */
  getRootClaimed,
  /** Alpha still claimable: rate × the coldkey's root stake on the hotkey − claimed, at least 0 (all read at one block). */
  getRootClaimableStake,
};
