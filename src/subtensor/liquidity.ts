/**
 * Liquidity positions of the Swap pallet's Uniswap-V3-style pools (bittensor's get_liquidity_list)
 * and the pure math behind them (bittensor.utils.liquidity): tick ↔ price, the fees a position
 * has earned, and a position's TAO/alpha amounts at a price. Floats are IEEE doubles as in Python;
 * `Math.pow` and `Math.log` may differ from CPython's libm in the last bit, which moves a price's
 * rao (truncated from tao × 1e9) only where the product lands within an ulp of an integer.
 * @module
 */
import { addressesOf, InvalidArgumentError, readMap, readMulti } from '../substrate/index.js';
import { addressArg, objectArg, show, uintArg } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { fixedToNumber } from './convert.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { UnsupportedRuntimeError } from './subnets.js';

/** The lowest tick of Uniswap V3's math (fixed by it, not by the chain). */
export const MIN_TICK = -887272;
/** The highest tick. */
export const MAX_TICK = 887272;
/** The price ratio between neighbouring ticks: price = PRICE_STEP^tick. */
export const PRICE_STEP = 1.0001;

/** A liquidity position (Python's LiquidityPosition): prices in τ per alpha, fees earned so far. */
export interface LiquidityPosition {
  id: bigint;
  /** PRICE_STEP^tick_low, as a τ Balance (tao × 1e9 truncated to rao, as Balance.from_tao). */
  priceLow: Balance;
  priceHigh: Balance;
  /** The position's liquidity (√(TAO × alpha)) in rao, unit τ as Python's Balance.from_rao. */
  liquidity: Balance;
  feesTao: Balance;
  /** In the subnet's unit. */
  feesAlpha: Balance;
  netuid: number;
}

/** A fixed-point value as the chain stores it (U64F64 / I64F64: 64 fractional bits). */
export interface FixedBits {
  bits: bigint | number;
}

/** The part of a chain Tick the fee math reads: the fees accrued outside the tick. */
export interface TickFeesOut {
  fees_out_tao: FixedBits;
  fees_out_alpha: FixedBits;
}

/** The part of a chain Position the fee math reads. */
export interface PositionFeesRaw {
  liquidity: bigint | number;
  fees_tao: FixedBits;
  fees_alpha: FixedBits;
}

export interface GetFeesArgs {
  currentTick: number;
  tick: TickFeesOut;
  tickIndex: number;
  /** true: the TAO fee (quote token), false: the alpha fee. */
  quote: boolean;
  globalFeesTao: number;
  globalFeesAlpha: number;
  /** true: the fees above the tick, false: below it. */
  above: boolean;
}

export interface GetFeesInRangeArgs {
  quote: boolean;
  globalFeesTao: number;
  globalFeesAlpha: number;
  feesBelowLow: number;
  feesAboveHigh: number;
}

export interface CalculateFeesArgs {
  position: PositionFeesRaw;
  globalFeesTao: number;
  globalFeesAlpha: number;
  taoFeesBelowLow: number;
  taoFeesAboveHigh: number;
  alphaFeesBelowLow: number;
  alphaFeesAboveHigh: number;
  netuid: number;
}

const fail = (name: string, expected: string, v: unknown): never => {
  throw new InvalidArgumentError(`${name}: expected ${expected}, got ${show(v)}`, name, v);
};
const finiteArg = (v: unknown, name: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(name, 'a finite number', v));
const boolArg = (v: unknown, name: string): boolean => (typeof v === 'boolean' ? v : fail(name, 'a boolean', v));
const tickArg = (v: unknown, name: string): number => uintArg(v, name, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);

/** Python's fixed_to_float of `{ bits }`, the argument named. */
function fixedArg(v: unknown, name: string): number {
  const bits = typeof v === 'object' && v !== null ? (v as { bits?: unknown }).bits : undefined;
  if (typeof bits !== 'bigint' && !(typeof bits === 'number' && Number.isSafeInteger(bits))) fail(name, 'fixed-point { bits } (a bigint or a safe integer)', v);
  return fixedToNumber(bits);
}

/** Python's int(x) of a float amount in rao: truncated toward zero. */
function raoOf(x: number, name: string, v: unknown): bigint {
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`${name}: the amount is not a finite number (${x}), where Python's int() raises`, name, v);
  return BigInt(Math.trunc(x));
}

/** Python's Balance.from_tao(x): rao = int(x × 1e9), unit τ. */
const fromTaoFloat = (x: number): Balance => balance(raoOf(x * 1e9, 'price', x));

/** The tick of a price: log(price) / log(PRICE_STEP) truncated toward zero, as Python's int(). */
export function priceToTick(price: number): number {
  if (typeof price !== 'number' || Number.isNaN(price) || price <= 0 || price === Infinity) fail('price', 'a finite positive number', price);
  const tick = Math.trunc(Math.log(price) / Math.log(PRICE_STEP));
  if (tick < MIN_TICK || tick > MAX_TICK) {
    throw new InvalidArgumentError(`price: the resulting tick ${tick} is outside ${MIN_TICK}..${MAX_TICK}`, 'price', price);
  }
  return tick;
}

/** The price of a tick: PRICE_STEP^tick, for an integer tick in MIN_TICK..MAX_TICK. */
export function tickToPrice(tick: number): number {
  return PRICE_STEP ** uintArg(tick, 'tick', MAX_TICK, MIN_TICK);
}

/**
 * The fees of one token accrued on one side of a tick: outside-the-tick fees, or global minus
 * them, by whether the tick is at or below the current tick (Uniswap V3's fee-growth-outside).
 */
export function getFees(args: GetFeesArgs): number {
  objectArg(args, 'args');
  const currentTick = tickArg(args.currentTick, 'args.currentTick');
  const tick = objectArg(args.tick, 'args.tick');
  const tickIndex = tickArg(args.tickIndex, 'args.tickIndex');
  const quote = boolArg(args.quote, 'args.quote');
  const globalTao = finiteArg(args.globalFeesTao, 'args.globalFeesTao');
  const globalAlpha = finiteArg(args.globalFeesAlpha, 'args.globalFeesAlpha');
  const above = boolArg(args.above, 'args.above');
  const outside = quote ? fixedArg(tick.fees_out_tao, 'args.tick.fees_out_tao') : fixedArg(tick.fees_out_alpha, 'args.tick.fees_out_alpha');
  const global = quote ? globalTao : globalAlpha;
  const crossed = tickIndex <= currentTick;
  if (above) return crossed ? global - outside : outside;
  return crossed ? outside : global - outside;
}

/** The global fees of one token minus those below the low tick and above the high tick. */
export function getFeesInRange(args: GetFeesInRangeArgs): number {
  objectArg(args, 'args');
  const quote = boolArg(args.quote, 'args.quote');
  const globalTao = finiteArg(args.globalFeesTao, 'args.globalFeesTao');
  const globalAlpha = finiteArg(args.globalFeesAlpha, 'args.globalFeesAlpha');
  const below = finiteArg(args.feesBelowLow, 'args.feesBelowLow');
  const aboveHigh = finiteArg(args.feesAboveHigh, 'args.feesAboveHigh');
  return (quote ? globalTao : globalAlpha) - below - aboveHigh;
}

/**
 * The fees a position has earned: (fees in its range − what it had when last updated) ×
 * liquidity, truncated to rao; TAO in τ, alpha in subnet `netuid`'s unit.
 */
export function calculateFees(args: CalculateFeesArgs): { feesTao: Balance; feesAlpha: Balance } {
  objectArg(args, 'args');
  const position = objectArg(args.position, 'args.position');
  const liquidity = position.liquidity;
  if (typeof liquidity !== 'bigint' && !(typeof liquidity === 'number' && Number.isSafeInteger(liquidity))) {
    fail('args.position.liquidity', 'an integer (bigint or safe integer)', liquidity);
  }
  const paidTao = fixedArg(position.fees_tao, 'args.position.fees_tao');
  const paidAlpha = fixedArg(position.fees_alpha, 'args.position.fees_alpha');
  const netuid = netuidArg(args.netuid, 'args.netuid');
  const [globalFeesTao, globalFeesAlpha, taoBelow, taoAbove, alphaBelow, alphaAbove] = (
    ['globalFeesTao', 'globalFeesAlpha', 'taoFeesBelowLow', 'taoFeesAboveHigh', 'alphaFeesBelowLow', 'alphaFeesAboveHigh'] as const
  ).map((k) => finiteArg(args[k], `args.${k}`));
  const taoInRange = getFeesInRange({ quote: true, globalFeesTao, globalFeesAlpha, feesBelowLow: taoBelow, feesAboveHigh: taoAbove });
  const alphaInRange = getFeesInRange({ quote: false, globalFeesTao, globalFeesAlpha, feesBelowLow: alphaBelow, feesAboveHigh: alphaAbove });
  const l = Number(liquidity);
  return {
    feesTao: balance(raoOf(l * (taoInRange - paidTao), 'args', args)),
    feesAlpha: balance(raoOf(l * (alphaInRange - paidAlpha), 'args', args), netuid),
  };
}

function nonNegRao(b: unknown, name: string): bigint {
  const rao = typeof b === 'object' && b !== null ? (b as { rao?: unknown }).rao : undefined;
  return typeof rao === 'bigint' && rao >= 0n ? rao : fail(name, 'a non-negative Balance', b);
}

/** √ of a Balance in whole units (Python's math.sqrt(Balance) reads its tao float). */
const sqrtTao = (b: unknown, name: string): number => Math.sqrt(Number(nonNegRao(b, name)) / 1e9);

const recip = (x: number, name: string, v: unknown): number => {
  if (x === 0) throw new InvalidArgumentError(`${name}: is zero, and the amount divides by its square root (Python raises ZeroDivisionError)`, name, v);
  return 1 / x;
};

/**
 * A position's liquidity as token amounts at `currentSubnetPrice` (Python's
 * LiquidityPosition.to_token_amounts): all alpha below the range, all TAO above it, both inside.
 */
export function positionToTokenAmounts(
  position: Pick<LiquidityPosition, 'priceLow' | 'priceHigh' | 'liquidity' | 'netuid'>,
  currentSubnetPrice: Balance,
): { alpha: Balance; tao: Balance } {
  objectArg(position, 'position');
  const low = sqrtTao(position.priceLow, 'position.priceLow');
  const high = sqrtTao(position.priceHigh, 'position.priceHigh');
  const liquidity = Number(nonNegRao(position.liquidity, 'position.liquidity'));
  const netuid = netuidArg(position.netuid, 'position.netuid');
  const cur = sqrtTao(currentSubnetPrice, 'currentSubnetPrice');
  // Balance × float in Python: int(rao × float), then int() of that Balance
  const amount = (f: number) => raoOf(liquidity * f, 'position.liquidity', position.liquidity);
  const recipHigh = () => recip(high, 'position.priceHigh', position.priceHigh);
  let alpha = 0n;
  let tao = 0n;
  if (cur < low) alpha = amount(recip(low, 'position.priceLow', position.priceLow) - recipHigh());
  else if (cur > high) tao = amount(high - low);
  else {
    alpha = amount(recip(cur, 'currentSubnetPrice', currentSubnetPrice) - recipHigh());
    tao = amount(cur - low);
  }
  return { alpha: balance(alpha, netuid), tao: balance(tao) };
}

const finney = addressesOf<FinneyChain>();
const POSITIONS = finney.storage('Swap', 'Positions');
const TICKS = finney.storage('Swap', 'Ticks');
const FEE_GLOBAL_TAO = finney.storage('Swap', 'FeeGlobalTao');
const FEE_GLOBAL_ALPHA = finney.storage('Swap', 'FeeGlobalAlpha');
const ALPHA_SQRT_PRICE = finney.storage('Swap', 'AlphaSqrtPrice');
const SWAP_ITEMS = ['Positions', 'Ticks', 'FeeGlobalTao', 'FeeGlobalAlpha', 'AlphaSqrtPrice'];

// A tick a position names is always initialised on chain; if one were absent it counts as a
// fresh tick (nothing accrued outside it), where Python fails on None.
const FRESH_TICK: TickFeesOut = { fees_out_tao: { bits: 0n }, fees_out_alpha: { bits: 0n } };

async function requireSwapItems(st: Subtensor, at: At): Promise<void> {
  const rt = await st.client.runtime(at);
  const items = rt.metadata.pallets.find((p) => p.name === 'Swap')?.storage?.items ?? [];
  const missing = SWAP_ITEMS.find((n) => !items.some((e) => e.name === n));
  if (missing) throw new UnsupportedRuntimeError('Swap', missing, rt.version.specVersion, `the runtime has no Swap.${missing} storage item`);
}

interface PoolState {
  globalFeesTao: number;
  globalFeesAlpha: number;
  currentTick: number;
}

function toPosition(raw: Finney.Position, low: TickFeesOut, high: TickFeesOut, pool: PoolState, netuid: number): LiquidityPosition {
  const { currentTick, globalFeesTao, globalFeesAlpha } = pool;
  const side = (tick: TickFeesOut, tickIndex: number, quote: boolean, above: boolean) =>
    getFees({ currentTick, tick, tickIndex, quote, globalFeesTao, globalFeesAlpha, above });
  const { feesTao, feesAlpha } = calculateFees({
    position: raw, globalFeesTao, globalFeesAlpha, netuid,
    taoFeesBelowLow: side(low, raw.tick_low, true, false), taoFeesAboveHigh: side(high, raw.tick_high, true, true),
    alphaFeesBelowLow: side(low, raw.tick_low, false, false), alphaFeesAboveHigh: side(high, raw.tick_high, false, true),
  });
  return {
    id: raw.id, priceLow: fromTaoFloat(tickToPrice(raw.tick_low)), priceHigh: fromTaoFloat(tickToPrice(raw.tick_high)),
    liquidity: balance(raw.liquidity), feesTao, feesAlpha, netuid: raw.netuid,
  };
}

/** Python's get_liquidity_list, for a coldkey address instead of a wallet. */
export async function getLiquidityList(st: Subtensor, coldkey: string, netuid: number, sel: BlockSelector = {}): Promise<LiquidityPosition[] | null> {
  addressArg(coldkey, 'coldkey');
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  const [exists, active] = await Promise.all([st.subnetExists(netuid, at), st.isSubnetActive(netuid, at)]);
  if (!exists || !active) return null;
  await requireSwapItems(st, at);
  const raws: Finney.Position[] = [];
  for await (const e of readMap(st.client, POSITIONS, [netuid, coldkey], { ...at, pageSize: 100 })) if (e.value) raws.push(e.value);
  if (raws.length === 0) return [];
  const tickAt = (index: number): readonly [typeof TICKS, [number, number]] => [TICKS, [netuid, index]];
  const tickKeys = raws.flatMap((p) => [tickAt(p.tick_low), tickAt(p.tick_high)]);
  const [feeTao, feeAlpha, sqrtPrice, ...ticks] = await readMulti(
    st.client,
    [[FEE_GLOBAL_TAO, [netuid]], [FEE_GLOBAL_ALPHA, [netuid]], [ALPHA_SQRT_PRICE, [netuid]], ...tickKeys] as const,
    at,
  );
  const sqrt = fixedToNumber(sqrtPrice);
  // Python: price_to_tick(sqrt_price ** 2); a zero price (a pool never initialised) raises there too
  const pool = { globalFeesTao: fixedToNumber(feeTao), globalFeesAlpha: fixedToNumber(feeAlpha), currentTick: priceToTick(sqrt * sqrt) };
  return raws.map((raw, i) => toPosition(raw, ticks[2 * i] ?? FRESH_TICK, ticks[2 * i + 1] ?? FRESH_TICK, pool, netuid));
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const liquidityReads = {
  /**
   * The liquidity positions of `coldkey` on subnet `netuid` (Swap.Positions), each with the fees
   * it has earned, from the global fees, the current price and its two ticks, all read at one
   * block. null when the subnet does not exist or is not active; [] when there are none. A
   * runtime without the Swap pallet's items gives UnsupportedRuntimeError.
   */
  getLiquidityList,
} satisfies Record<string, (st: Subtensor, ...a: never[]) => unknown>;
