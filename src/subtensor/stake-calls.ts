/**
 * The pure half of the staking writes: which SubtensorModule call a runtime offers, the price
 * limits of the safe variants computed with Python's float steps (so the u64 sent is the one
 * bittensor 10.2 would send), the rate-tolerance check, and add_stake_multiple's amount trim.
 * @module
 */
import { InvalidArgumentError, type Runtime, type Signer } from '../substrate/index.js';
import { ss58Encode } from '../scale/index.js';
import { addressesArg, arrayArg, show } from '../substrate/validate.js';
import { netuidArg, raoArg } from './args.js';
import { UnsupportedRuntimeError } from './subnets.js';

const PALLET = 'SubtensorModule';

/** True when the runtime's SubtensorModule has a call named `name`. */
export function hasStakeCall(rt: Runtime, name: string): boolean {
  const p = rt.registry.pallet(PALLET);
  if (p.calls === null) return false;
  const def = rt.registry.metadata.types[p.calls].def;
  return def.tag === 'variant' && def.variants.some((v) => v.name === name);
}

/** Refuse, before any read or signature, a call this runtime does not have. */
export function requireStakeCall(rt: Runtime, name: string): void {
  if (!hasStakeCall(rt, name)) throw new UnsupportedRuntimeError(PALLET, name, rt.version.specVersion, 'the runtime has no such call');
}

/** The signer's account (the coldkey every staking call is signed by) as an SS58 address. */
export function coldkeyOf(signer: Signer): string {
  return ss58Encode(signer.accountId ?? signer.publicKey, 42);
}

/** A rate tolerance: a finite fraction in [0, 1] (0.005 = 0.5 %); `allowNull` admits null (no limit). */
export function rateToleranceArg(v: unknown, name: string, dflt: number, allowNull = false): number | null {
  if (v === undefined) return dflt;
  if (v === null && allowNull) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw new InvalidArgumentError(`${name}: expected a fraction from 0 to 1${allowNull ? ' or null' : ''} (0.005 = 0.5 %), got ${show(v)}`, name, v);
  }
  return v;
}

/** Python's `Balance.from_tao(tao).rao`: int(tao * 10^9), float steps as Python takes them. */
const raoOfTao = (tao: number): bigint => BigInt(Math.trunc(tao * 1e9));
/** Python's `Balance.tao`: rao / 10^9 as a float. */
const taoOf = (rao: bigint): number => Number(rao) / 1e9;

/** add_stake_limit's limit_price: the price (rao per alpha) raised by the tolerance; root's price as is. */
export function stakeLimitPrice(priceRao: bigint, netuid: number, rateTolerance: number): bigint {
  return raoOfTao(netuid === 0 ? taoOf(priceRao) : taoOf(priceRao) * (1 + rateTolerance));
}

/** remove_stake_limit's limit_price: the price lowered by the tolerance; root's price as is. */
export function unstakeLimitPrice(priceRao: bigint, netuid: number, rateTolerance: number): bigint {
  return raoOfTao(netuid === 0 ? taoOf(priceRao) : taoOf(priceRao) * (1 - rateTolerance));
}

/**
 * remove_stake_full_limit's limit_price: Python multiplies the price Balance (int(rao × (1 − tol)))
 * on every subnet, root included; a tolerance of null or 0 (falsy in Python) means no limit.
 */
export function unstakeAllLimitPrice(priceRao: bigint, rateTolerance: number | null): bigint | null {
  if (!rateTolerance) return null;
  return BigInt(Math.trunc(Number(priceRao) * (1 - rateTolerance)));
}

/**
 * swap_stake_limit's limit_price: the origin/destination price ratio lowered by the tolerance, in
 * the runtime's unit (10^9 = a ratio of 1; the move executes while the ratio stays above it).
 * Python 10.2 sends int(ratio × (1 + tol)) instead — a float ratio truncated to a few rao, which
 * the runtime reads as a ratio of ~1e-9, i.e. no protection; we send what the runtime checks.
 */
export function swapLimitPrice(originPriceRao: bigint, destinationPriceRao: bigint, rateTolerance: number): bigint {
  return raoOfTao((Number(originPriceRao) / Number(destinationPriceRao)) * (1 - rateTolerance));
}

/**
 * add_stake_multiple's trim: when the amounts add up to 1000 rao or more, Python scales each down
 * by (1 − 1000 / total) through floats (Balance.from_tao(tao × factor)), to leave the coldkey
 * 1000 rao; smaller totals go as given.
 */
export function trimMultipleAmounts(amounts: bigint[]): bigint[] {
  const total = amounts.reduce((a, b) => a + b, 0n);
  if (total < 1000n) return amounts;
  const factor = 1 - 1000 / Number(total);
  return amounts.map((a) => raoOfTao(taoOf(a) * factor));
}

/** Lists of equal length, each element checked (`netuids[2]`, `hotkeys[0]`, `amounts[1]`). */
export function itemsArg(netuids: unknown, hotkeys: unknown, amounts: unknown, amountsOptional: boolean): { netuids: number[]; hotkeys: string[]; amounts: bigint[] | null } {
  const ns = arrayArg(netuids, 'netuids').map((n, i) => netuidArg(n, `netuids[${i}]`));
  const hs = addressesArg(hotkeys, 'hotkeys');
  const as = amountsOptional && (amounts === null || amounts === undefined) ? null : arrayArg(amounts, 'amounts').map((a, i) => raoArg(a, `amounts[${i}]`));
  if (ns.length !== hs.length) throw new InvalidArgumentError(`hotkeys: ${hs.length} hotkeys for ${ns.length} netuids`, 'hotkeys', hotkeys);
  if (as && as.length !== hs.length) throw new InvalidArgumentError(`amounts: ${as.length} amounts for ${hs.length} hotkeys`, 'amounts', amounts);
  return { netuids: ns, hotkeys: hs, amounts: as };
}
