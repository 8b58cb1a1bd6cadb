/**
 * The pure parts of ./misc-writes.ts: its argument checks (a price → its tick, a signed liquidity
 * delta, a position id, a set of netuids, a root claim type), the coldkey hash a swap announces,
 * and the check that the head runtime has a call before anything is read or signed.
 * @module
 */
import { blake2_256, ss58Decode, toHex } from '../scale/index.js';
import { InvalidArgumentError, type Runtime } from '../substrate/index.js';
import { addressArg, arrayArg, objectArg, show } from '../substrate/validate.js';
import { netuidArg } from './args.js';
import { priceToTick } from './liquidity.js';
import { UnsupportedRuntimeError } from './subnets.js';

const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

const fail = (name: string, expected: string, v: unknown): never => {
  throw new InvalidArgumentError(`${name}: expected ${expected}, got ${show(v)}`, name, v);
};

/** The rao of a bigint or a Balance, or undefined. */
const raoOf = (v: unknown): bigint | undefined =>
  typeof v === 'bigint' ? v : typeof v === 'object' && v !== null && typeof (v as { rao?: unknown }).rao === 'bigint' ? (v as { rao: bigint }).rao : undefined;

/** Whether `pallet.name` is a call of runtime `rt`. */
export function hasCall(rt: Runtime, pallet: string, name: string): boolean {
  const p = rt.registry.metadata.pallets.find((x) => x.name === pallet);
  const def = p?.calls != null ? rt.registry.metadata.types[p.calls].def : null;
  return def?.tag === 'variant' && def.variants.some((v) => v.name === name);
}

/** Refuse, before any read or signature, a call runtime `rt` does not have (its pallet may be missing too). */
export function requireCall(rt: Runtime, pallet: string, name: string): void {
  if (hasCall(rt, pallet, name)) return;
  const why = rt.registry.metadata.pallets.some((x) => x.name === pallet) ? 'the runtime has no such call' : `the runtime has no ${pallet} pallet`;
  throw new UnsupportedRuntimeError(pallet, name, rt.version.specVersion, why);
}

/**
 * The tick of a price given in rao per alpha (a bigint or a Balance), as Python's
 * price_to_tick(price.tao): log base 1.0001 of the τ price, truncated toward zero.
 */
export function tickOfPrice(v: unknown, name: string): number {
  const rao = raoOf(v);
  if (rao === undefined || rao <= 0n) return fail(name, 'a positive price in rao per alpha (a bigint or a Balance)', v);
  // Balance.tao: rao / 1e9 as a float (exact below 2^53 rao, as Python's int / int)
  try {
    return priceToTick(Number(rao) / 1e9);
  } catch (e) {
    // the price's tick out of MIN_TICK..MAX_TICK: named as this argument
    if (e instanceof InvalidArgumentError) throw new InvalidArgumentError(`${name}: ${e.message.replace(/^price: /, '')}`, name, v);
    throw e;
  }
}

/** A required boolean. */
export const boolArg = (v: unknown, name: string): boolean => (typeof v === 'boolean' ? v : fail(name, 'a boolean', v));

/** A liquidity change in rao: a bigint or a Balance, positive (add) or negative (remove), not 0, within i64. */
export function liquidityDeltaArg(v: unknown, name: string): bigint {
  const rao = raoOf(v);
  if (rao === undefined || rao === 0n || rao > I64_MAX || rao < -I64_MAX - 1n) return fail(name, 'a non-zero rao amount within i64 (a bigint or a Balance; negative removes)', v);
  return rao;
}

/** A liquidity position id (u128): a bigint or a non-negative safe integer. */
export function positionIdArg(v: unknown, name: string): bigint {
  const id = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (id === undefined || id < 0n || id > U128_MAX) return fail(name, 'a position id in 0..2^128−1 (a bigint or a safe integer)', v);
  return id;
}

/** A u64 given as a non-negative safe integer or a bigint. */
export function u64Arg(v: unknown, name: string): bigint {
  const n = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (n === undefined || n < 0n || n > U64_MAX) return fail(name, 'an integer in 0..2^64−1 (a safe integer or a bigint)', v);
  return n;
}

/** Netuids for a BTreeSet<u16> argument: each checked, then sorted and deduplicated as the set encodes them. */
export function netuidSetArg(v: unknown, name: string, nonEmpty = false): number[] {
  const list = arrayArg(v, name).map((n, i) => netuidArg(n, `${name}[${i}]`));
  if (nonEmpty && list.length === 0) fail(name, 'at least one netuid', v);
  return [...new Set(list)].sort((a, b) => a - b);
}

/** The claim type as the runtime's RootClaimTypeEnum value, checked as Python's RootClaimType.normalize. */
export function rootClaimTypeArg(v: unknown, name: string): string | { type: 'KeepSubnets'; value: { subnets: number[] } } {
  if (v === 'Swap' || v === 'Keep') return v;
  if (v === 'KeepSubnets') fail(name, "{ KeepSubnets: { subnets: [...] } } (KeepSubnets needs its subnets)", v);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(name, "'Swap', 'Keep' or { KeepSubnets: { subnets: [...] } }", v);
  const keep = (v as { KeepSubnets?: unknown }).KeepSubnets;
  if (Object.keys(v).length !== 1 || keep === undefined) return fail(name, "'Swap', 'Keep' or { KeepSubnets: { subnets: [...] } }", v);
  const subnets = netuidSetArg(objectArg(keep, `${name}.KeepSubnets`).subnets, `${name}.KeepSubnets.subnets`, true);
  return { type: 'KeepSubnets', value: { subnets } };
}

/**
 * The hash a coldkey swap announces: BLAKE2b-256 of the new coldkey's 32-byte account id (not of
 * its SS58 text), 0x-hex — Python's compute_coldkey_hash.
 */
export function coldkeyHash(address: string, name = 'newColdkey'): string {
  return toHex(blake2_256(ss58Decode(addressArg(address, name)).publicKey));
}
