/**
 * Swap simulations and the fees they imply (bittensor's sim_swap, get_stake_add_fee,
 * get_unstake_fee, get_stake_movement_fee) through SwapRuntimeApi, and the subnets' EMA of TAO
 * inflow (SubnetEmaTaoFlow). A move between two non-root subnets is simulated as Python does:
 * alpha → TAO on the origin, then TAO → alpha on the destination, the second leg's TAO fee added
 * to the alpha fee at the origin's price. Every leg reads the same pinned block.
 * @module
 */
import { read, readMap, storage } from '../substrate/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { fixedToNumber } from './convert.js';
import { netuidArg, raoArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { getSubnetPrice, typedCall } from './subnets.js';

const SUBNET_EMA_TAO_FLOW = storage<[netuid: number], [bigint, Finney.FixedI128_2] | null>('SubtensorModule', 'SubnetEmaTaoFlow');

/** What a swap would give and cost (Python's SimSwapResult): TAO in τ, alpha in the subnet's unit. */
export interface SimSwapResult {
  taoAmount: Balance;
  alphaAmount: Balance;
  taoFee: Balance;
  alphaFee: Balance;
}

const result = (raw: Finney.SimSwapResult, netuid: number): SimSwapResult => ({
  taoAmount: balance(raw.tao_amount), alphaAmount: balance(raw.alpha_amount, netuid),
  taoFee: balance(raw.tao_fee), alphaFee: balance(raw.alpha_fee, netuid),
});

async function simulate(st: Subtensor, origin: number, dest: number, rao: bigint, at: At): Promise<SimSwapResult> {
  if (origin > 0 && dest > 0) {
    const [first, price] = await Promise.all([
      typedCall(st, 'SwapRuntimeApi', 'sim_swap_alpha_for_tao', [origin, rao], at),
      getSubnetPrice(st, origin, at),
    ]);
    const second = result(await typedCall(st, 'SwapRuntimeApi', 'sim_swap_tao_for_alpha', [dest, first.tao_amount], at), origin);
    // Python: tao_fee / price.tao, truncated to rao; an empty pool (price 0) adds nothing here, where Python divides by zero.
    const priceTao = Number(price.rao) / 1e9;
    const secondary = priceTao === 0 ? 0n : BigInt(Math.trunc(Number(second.taoFee.rao) / priceTao));
    return { ...second, alphaFee: balance(second.alphaFee.rao + secondary, origin) };
  }
  if (origin > 0) return result(await typedCall(st, 'SwapRuntimeApi', 'sim_swap_alpha_for_tao', [origin, rao], at), origin);
  return result(await typedCall(st, 'SwapRuntimeApi', 'sim_swap_tao_for_alpha', [dest, rao], at), dest);
}

export async function simSwap(st: Subtensor, originNetuid: number, destinationNetuid: number, amount: bigint | Balance, sel: BlockSelector = {}): Promise<SimSwapResult> {
  netuidArg(originNetuid, 'originNetuid');
  netuidArg(destinationNetuid, 'destinationNetuid');
  const rao = raoArg(amount, 'amount');
  return simulate(st, originNetuid, destinationNetuid, rao, await resolveAt(st, sel, true));
}

export async function getStakeAddFee(st: Subtensor, amount: bigint | Balance, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  const rao = raoArg(amount, 'amount');
  netuidArg(netuid);
  return (await simulate(st, 0, netuid, rao, await resolveAt(st, sel, true))).taoFee;
}

export async function getUnstakeFee(st: Subtensor, netuid: number, amount: bigint | Balance, sel: BlockSelector = {}): Promise<Balance> {
  netuidArg(netuid);
  const rao = raoArg(amount, 'amount');
  return balance((await simulate(st, netuid, 0, rao, await resolveAt(st, sel, true))).alphaFee.rao, netuid);
}

export async function getStakeMovementFee(st: Subtensor, originNetuid: number, destinationNetuid: number, amount: bigint | Balance, sel: BlockSelector = {}): Promise<Balance> {
  netuidArg(originNetuid, 'originNetuid');
  netuidArg(destinationNetuid, 'destinationNetuid');
  const rao = raoArg(amount, 'amount');
  return (await simulate(st, originNetuid, destinationNetuid, rao, await resolveAt(st, sel, true))).taoFee;
}

/** A subnet's EMA of TAO inflow: the block it was updated and the value (I64F64 → rao, truncated as Python's int()). */
export interface EmaTaoInflow {
  blockUpdated: bigint;
  value: Balance;
}

const inflow = ([blockUpdated, bits]: [bigint, Finney.FixedI128_2]): EmaTaoInflow => ({
  blockUpdated, value: balance(BigInt(Math.trunc(fixedToNumber(bits)))),
});

export async function getEmaTaoInflow(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<EmaTaoInflow | null> {
  netuidArg(netuid);
  const raw = await read(st.client, SUBNET_EMA_TAO_FLOW, [netuid], await resolveAt(st, sel));
  return raw === null ? null : inflow(raw);
}

export async function getAllEmaTaoInflow(st: Subtensor, sel: BlockSelector = {}): Promise<Record<number, EmaTaoInflow>> {
  const out: Record<number, EmaTaoInflow> = {};
  for await (const e of readMap(st.client, SUBNET_EMA_TAO_FLOW, [], { ...(await resolveAt(st, sel, true)), pageSize: 129 })) {
    if (e.value !== null) out[e.keys[0]] = inflow(e.value);
  }
  return out;
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const swapReads = {
  /** Simulate swapping `amount` (rao or Balance) from subnet `originNetuid` to `destinationNetuid` (0 = TAO). */
  simSwap,
  /** The TAO fee of staking `amount` TAO into subnet `netuid`. */
  getStakeAddFee,
  /** The alpha fee of unstaking `amount` alpha from subnet `netuid`. */
  getUnstakeFee,
  /** The TAO fee of moving `amount` from subnet `originNetuid` to `destinationNetuid` (Python returns the last leg's tao_fee). */
  getStakeMovementFee,
  /** The subnet's EMA TAO inflow (SubnetEmaTaoFlow); null where there is none (subnet 0, or no flow yet). */
  getEmaTaoInflow,
  /** Every subnet's EMA TAO inflow, keyed by netuid. */
  getAllEmaTaoInflow,
};
