// Liquidity positions (src/subtensor/liquidity.ts). The pure math against bittensor's own unit-test
// vectors (tests/unit_tests/utils/test_liquidity_utils.py) and edge cases; numbers marked "CPython"
// were computed by running bittensor 10.2's utils/liquidity.py and utils/balance.py under CPython 3.
// getLiquidityList on a spec-393 node with polkadot.js-encoded Swap values, checked against
// Python's formulas applied here to the raw values put, and on the local chain (spec 218).
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { InvalidArgumentError } from '../../src/substrate/index.js';
import { Subtensor, UnsupportedRuntimeError, balance, fromTao } from '../../src/subtensor/index.js';
import {
  MAX_TICK, MIN_TICK, calculateFees, getFees, getFeesInRange, positionToTokenAmounts, priceToTick, tickToPrice, type LiquidityPosition,
} from '../../src/subtensor/liquidity.js';
import { ALICE, runTable } from '../helpers/bad-arguments.js';
import { useSpec393Node } from '../helpers/spec393-node.js';
import { liquidityFunctionRows } from './bad-args-liquidity.js';

const url = inject('chainUrl');
const ONE = 1n << 64n;
const fx = (bits: bigint) => ({ bits });

describe('liquidity math (bittensor.utils.liquidity)', () => {
  it("Python's vectors: price ↔ tick round trip, invalid price and tick, fees above, fees in range, calculate_fees", () => {
    expect(tickToPrice(priceToTick(1.25)) / 1.25).toBeCloseTo(1, 3);
    expect(() => priceToTick(0)).toThrow(InvalidArgumentError);
    expect(() => tickToPrice(1_000_000)).toThrow(InvalidArgumentError);
    const zero = { fees_out_tao: fx(0n), fees_out_alpha: fx(0n) };
    expect(getFees({ currentTick: 100, tick: zero, tickIndex: 90, quote: true, globalFeesTao: 8000, globalFeesAlpha: 6000, above: true })).toBe(8000);
    expect(getFeesInRange({ quote: true, globalFeesTao: 10000, globalFeesAlpha: 5000, feesBelowLow: 2000, feesAboveHigh: 1000 })).toBe(7000);
    const fees = calculateFees({
      position: { liquidity: 1_000_000_000_000n, fees_tao: fx(0n), fees_alpha: fx(0n) }, globalFeesTao: 5000, globalFeesAlpha: 8000,
      taoFeesBelowLow: 1000, taoFeesAboveHigh: 1000, alphaFeesBelowLow: 2000, alphaFeesAboveHigh: 1000, netuid: 1,
    });
    // CPython: 3000000000000000 τ-rao and 5000000000000000 rao of subnet 1's alpha
    expect(fees).toEqual({ feesTao: balance(3_000_000_000_000_000n), feesAlpha: balance(5_000_000_000_000_000n, 1) });
  });

  it('priceToTick truncates toward zero (int()); its range and typed errors', () => {
    // CPython: price_to_tick of each
    expect([0.5, 0.9999, 1, 1.0001, 1.25, 2, 1000, 1e-9, 3.4e38, 1e-38].map(priceToTick)).toEqual([-6931, -1, 0, 1, 2231, 6931, 69081, -207243, 887264, -875026]);
    for (const p of [1e39, 1e-39]) {
      const e = (() => { try { priceToTick(p); } catch (x) { return x; } })() as InvalidArgumentError;
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e.argument).toBe('price');
      expect(e.message).toMatch(/resulting tick -?898053 is outside -887272\.\.887272/); // CPython: tick ±898053
    }
    for (const p of [-1, 0, NaN, Infinity, -Infinity]) expect(() => priceToTick(p)).toThrow(/^price: expected a finite positive number/);
  });

  it('tickToPrice: PRICE_STEP^tick on MIN_TICK..MAX_TICK, as CPython (compared through Balance.from_tao)', () => {
    const rao = (t: number) => BigInt(Math.trunc(tickToPrice(t) * 1e9));
    // CPython: int(1.0001 ** t * 10 ** 9)
    expect([MIN_TICK, -100000, -1, 0, 1, 206189, 208196].map(rao)).toEqual([0n, 45422n, 999900009n, 1000000000n, 1000100000n, 899967422779902848n, 1099981380062070400n]);
    expect(rao(MAX_TICK)).toBe(340256786833063465400698201873407065484003639296n);
    expect(tickToPrice(MIN_TICK)).toBe(2.938956807614301e-39);
    expect(tickToPrice(MAX_TICK)).toBe(3.4025678683306347e38);
    for (const t of [MIN_TICK - 1, MAX_TICK + 1, 0.5]) expect(() => tickToPrice(t)).toThrow(/^tick: expected an integer in -887272\.\.887272/);
  });

  it('getFees: the four branches (tick at/below vs above the current one, above vs below), signed fixed-point', () => {
    const tick = { fees_out_tao: fx(3n * ONE), fees_out_alpha: fx(5n * ONE + (1n << 63n)) };
    const at = (currentTick: number, tickIndex: number, quote: boolean, above: boolean) =>
      getFees({ currentTick, tick, tickIndex, quote, globalFeesTao: 8000, globalFeesAlpha: 6000, above });
    // CPython: 7997.0, 3.0, 3.0, 7997.0, 5994.5, 5.5
    expect([at(100, 90, true, true), at(100, 90, true, false), at(100, 110, true, true), at(100, 110, true, false), at(100, 100, false, true), at(100, 100, false, false)])
      .toEqual([7997, 3, 3, 7997, 5994.5, 5.5]);
    const negative = { fees_out_tao: fx(-(1n << 63n)), fees_out_alpha: fx(0n) }; // I64F64 −0.5
    expect(getFees({ currentTick: 0, tick: negative, tickIndex: 1, quote: true, globalFeesTao: 1, globalFeesAlpha: 0, above: true })).toBe(-0.5);
  });

  it("positionToTokenAmounts: Python's vector (inside the range), below, above, a zero current price; zero divisors are typed", () => {
    const pos = { priceLow: fromTao(10000), priceHigh: fromTao(40000), liquidity: fromTao(25000), netuid: 1 };
    // CPython: to_token_amounts at 20000, 5000, 50000 and 0 τ
    expect(positionToTokenAmounts(pos, fromTao(20000))).toEqual({ alpha: balance(51_776_695_296n, 1), tao: balance(1_035_533_905_932_737n) });
    expect(positionToTokenAmounts(pos, fromTao(5000))).toEqual({ alpha: balance(125_000_000_000n, 1), tao: balance(0n) });
    expect(positionToTokenAmounts(pos, fromTao(50000))).toEqual({ alpha: balance(0n, 1), tao: balance(2_500_000_000_000_000n) });
    expect(positionToTokenAmounts(pos, balance(0n))).toEqual({ alpha: balance(125_000_000_000n, 1), tao: balance(0n) });
    const e = (() => { try { positionToTokenAmounts({ ...pos, priceLow: balance(0n) }, balance(0n)); } catch (x) { return x; } })() as InvalidArgumentError;
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.argument).toBe('currentSubnetPrice'); // Python: ZeroDivisionError on 1 / sqrt(0)
  });

  it('every exported function checks its arguments: typed error naming them, the value kept', async () => {
    const fns = { priceToTick, tickToPrice, getFees, getFeesInRange, calculateFees, positionToTokenAmounts } as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(liquidityFunctionRows()).sort()).toEqual(Object.keys(fns).sort());
    expect(await runTable(liquidityFunctionRows(), (name, args) => fns[name]!(...args), () => 0)).toBeGreaterThan(40);
  });
});

// Raw Swap state of subnet 9 for ALICE (the CPython numbers below come from these values).
const NETUID = 9;
const FEE_TAO = 10n * ONE + (1n << 62n); // 10.25
const FEE_ALPHA = 20n * ONE + 12345678901234567890n;
const SQRT_PRICE = 19347108404436885504n; // int(sqrt(1.1) * 2^64): current tick 953
const TICKS: Record<number, [bigint, bigint]> = {
  [-1000]: [ONE + (1n << 63n), 2n * ONE + (1n << 62n)],
  5000: [3n << 62n, 3n * ONE + 987654321987654321n],
  [-3000]: [1n << 62n, 1n << 63n],
  [-2000]: [ONE, ONE + (3n << 62n)],
  3000: [1n << 61n, -(1n << 63n)],
  // 4000: absent, counted as a fresh tick
};
const POSITIONS = [
  { id: 1n, netuid: NETUID, tick_low: -1000, tick_high: 5000, liquidity: 1_000_000_000_000n, fees_tao: fx(1n << 63n), fees_alpha: fx(ONE) },
  { id: 2n, netuid: NETUID, tick_low: -3000, tick_high: -2000, liquidity: 2_500_000_000n, fees_tao: fx(0n), fees_alpha: fx(12345n) },
  { id: 3n, netuid: NETUID, tick_low: 3000, tick_high: 4000, liquidity: 7_777_777_777_777n, fees_tao: fx(-(1n << 62n)), fees_alpha: fx(0n) },
];

// Python's formulas, written out again here on the raw numbers (fixed_to_float, price_to_tick,
// get_fees, get_fees_in_range, calculate_fees, Balance.from_tao).
function pythonList(): LiquidityPosition[] {
  const f = (b: bigint) => Number(b >> 64n) + Number(b & (ONE - 1n)) / 2 ** 64;
  const [gTao, gAlpha, sqrt] = [f(FEE_TAO), f(FEE_ALPHA), f(SQRT_PRICE)];
  const cur = Math.trunc(Math.log(sqrt * sqrt) / Math.log(1.0001));
  const out = (t: number, quote: boolean) => f((TICKS[t] ?? [0n, 0n])[quote ? 0 : 1]);
  const below = (t: number, q: boolean, g: number) => (t <= cur ? out(t, q) : g - out(t, q));
  const above = (t: number, q: boolean, g: number) => (t <= cur ? g - out(t, q) : out(t, q));
  const int = (x: number) => BigInt(Math.trunc(x));
  return POSITIONS.map((p) => ({
    id: p.id, netuid: p.netuid,
    priceLow: balance(int(1.0001 ** p.tick_low * 1e9)), priceHigh: balance(int(1.0001 ** p.tick_high * 1e9)), liquidity: balance(p.liquidity),
    feesTao: balance(int(Number(p.liquidity) * (gTao - below(p.tick_low, true, gTao) - above(p.tick_high, true, gTao) - f(p.fees_tao.bits)))),
    feesAlpha: balance(int(Number(p.liquidity) * (gAlpha - below(p.tick_low, false, gAlpha) - above(p.tick_high, false, gAlpha) - f(p.fees_alpha.bits))), NETUID),
  }));
}

describe('getLiquidityList on a spec-393 node', () => {
  const spec = useSpec393Node((n) => {
    const s = (b: bigint) => ({ bits: b.toString() });
    for (const netuid of [NETUID, 11]) n.put('subtensorModule', 'networksAdded', [netuid], true);
    n.put('subtensorModule', 'firstEmissionBlockNumber', [NETUID], 5); // 11 exists but is not active
    n.put('swap', 'feeGlobalTao', [NETUID], s(FEE_TAO));
    n.put('swap', 'feeGlobalAlpha', [NETUID], s(FEE_ALPHA));
    n.put('swap', 'alphaSqrtPrice', [NETUID], s(SQRT_PRICE));
    for (const [t, [tao, alpha]] of Object.entries(TICKS)) {
      n.put('swap', 'ticks', [NETUID, Number(t)], { liquidity_net: 1, liquidity_gross: 1, fees_out_tao: s(tao), fees_out_alpha: s(alpha) });
    }
    for (const p of POSITIONS) {
      n.put('swap', 'positions', [NETUID, ALICE, p.id], { ...p, id: p.id.toString(), liquidity: p.liquidity.toString(), fees_tao: s(p.fees_tao.bits), fees_alpha: s(p.fees_alpha.bits) });
    }
  });
  afterEach(() => void vi.restoreAllMocks());

  it('each position with its fees, as Python computes them from the same storage, every read at one block', async (ctx) => {
    const { st } = spec.get(ctx);
    const sent: [string, unknown[]][] = [];
    const request = st.client.rpc.request.bind(st.client.rpc);
    vi.spyOn(st.client.rpc, 'request').mockImplementation((m, p = [], o) => (sent.push([m, p]), request(m, p, o)));
    const list = await st.getLiquidityList(ALICE, NETUID);
    expect(list).not.toBeNull();
    const byId = [...list!].sort((a, b) => Number(a.id - b.id));
    expect(byId).toEqual(pythonList());
    // CPython (priceLow, priceHigh, feesTao, feesAlpha in rao)
    expect(byId.map((p) => [p.priceLow.rao, p.priceHigh.rao, p.feesTao.rao, p.feesAlpha.rao])).toEqual([
      [904841941n, 1648680055n, 7500000000000n, 14365719746198n],
      [740829332n, 818738939n, 1875000000n, 3124999999n],
      [1349838561n, 1491794863n, 2916666666666n, -3888888888888n],
    ]);
    expect(byId[1]!.feesAlpha.unit).toBe(balance(0n, NETUID).unit);
    const hashes = new Set(sent.filter(([m]) => /^state_(getStorage|getKeysPaged|queryStorageAt)/.test(m)).map(([, p]) => p.at(-1)));
    expect(hashes.size).toBe(1);
    expect([...hashes][0]).toMatch(/^0x[0-9a-f]{64}$/);
    // the three pool values and the six ticks in one request
    expect(sent.filter(([m, p]) => m === 'state_queryStorageAt' && (p[0] as string[]).length === 9)).toHaveLength(1);
  });

  it('[] for a coldkey without positions; null for a missing subnet and for one that is not active', async (ctx) => {
    const { st } = spec.get(ctx);
    expect(await st.getLiquidityList('5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty', NETUID)).toEqual([]);
    expect(await st.getLiquidityList(ALICE, 10)).toBeNull();
    expect(await st.getLiquidityList(ALICE, 11)).toBeNull();
  });
});

describe.skipIf(!url)('getLiquidityList on the local chain (spec 218, no Swap pallet)', () => {
  it('null for a missing subnet; UnsupportedRuntimeError naming Swap.Positions for an existing one', async () => {
    await using st = await Subtensor.connect(url);
    const hash = await st.getBlockHash();
    expect(await st.getLiquidityList(ALICE, 60_000, { blockHash: hash })).toBeNull();
    const e = await st.getLiquidityList(ALICE, 0, { blockHash: hash }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnsupportedRuntimeError);
    expect(e).toMatchObject({ api: 'Swap', method: 'Positions', specVersion: 218 });
  });
});
