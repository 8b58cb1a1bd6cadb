// Bad-argument rows of src/subtensor/liquidity.ts: the Subtensor method (spread into
// bad-arguments.test.ts's method table) and the pure functions (for its function table, once they
// are exported from src/subtensor/index.ts; test/subtensor/liquidity.test.ts runs them until then).
import { balance } from '../../src/subtensor/index.js';
import { ALICE, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { netuids, selector } from '../helpers/subtensor-args.js';

export const liquidityRows = (): Record<string, Entry> => ({
  getLiquidityList: { args: [ALICE, 1, {}], bad: [...addresses(0, 'coldkey'), ...netuids(1), ...selector(2)] },
});

const FIX = { bits: 0n };
const TICK = { fees_out_tao: FIX, fees_out_alpha: FIX };
const FEES = { currentTick: 0, tick: TICK, tickIndex: 0, quote: true, globalFeesTao: 1, globalFeesAlpha: 1, above: true };
const RANGE = { quote: true, globalFeesTao: 1, globalFeesAlpha: 1, feesBelowLow: 0, feesAboveHigh: 0 };
const POSITION = { liquidity: 1n, fees_tao: FIX, fees_alpha: FIX };
const CALC = { position: POSITION, globalFeesTao: 1, globalFeesAlpha: 1, taoFeesBelowLow: 0, taoFeesAboveHigh: 0, alphaFeesBelowLow: 0, alphaFeesAboveHigh: 0, netuid: 1 };
const AMOUNTS = { priceLow: balance(1n), priceHigh: balance(4n), liquidity: balance(1n), netuid: 1 };

/** Replace one field of `base` (argument 0) with each value; the error names `args.<field>`. */
const field = (base: object, key: string, values: unknown[], root = 'args'): Bad[] =>
  values.map((v): Bad => [0, { ...base, [key]: v }, `${root}.${key}`]);
const numbers = [null, undefined, '1', 1n, NaN, Infinity];
const ints = [null, 1.5, '1', 1n, NaN, 2 ** 53];
const bools = [null, undefined, 1, 'true'];
const fixeds = [null, 5, {}, { bits: 'x' }, { bits: 1.5 }];
const balances = [null, 5, {}, { rao: 1 }, balance(-1n)];

export const liquidityFunctionRows = (): Record<string, Entry> => ({
  priceToTick: { args: [1.25], bad: [null, undefined, '1', 1n, 0, -1, NaN, Infinity, 1e39, 1e-39].map((v): Bad => [0, v, 'price']) },
  tickToPrice: { args: [0], bad: [null, undefined, '0', 0n, 0.5, NaN, -887273, 887273].map((v): Bad => [0, v, 'tick']) },
  getFees: {
    args: [FEES],
    bad: [
      [0, null, 'args'], [0, 5, 'args'], ...field(FEES, 'currentTick', ints), ...field(FEES, 'tick', [null, 5, []]), ...field(FEES, 'tickIndex', ints),
      ...field(FEES, 'quote', bools), ...field(FEES, 'above', bools), ...field(FEES, 'globalFeesTao', numbers), ...field(FEES, 'globalFeesAlpha', numbers),
      ...field(TICK, 'fees_out_tao', fixeds).map(([i, t]): Bad => [i, { ...FEES, tick: t }, 'args.tick.fees_out_tao']),
      ...field(TICK, 'fees_out_alpha', fixeds).map(([i, t]): Bad => [i, { ...FEES, quote: false, tick: t }, 'args.tick.fees_out_alpha']),
    ],
  },
  getFeesInRange: {
    args: [RANGE],
    bad: [[0, null, 'args'], ...field(RANGE, 'quote', bools), ...['globalFeesTao', 'globalFeesAlpha', 'feesBelowLow', 'feesAboveHigh'].flatMap((k) => field(RANGE, k, numbers))],
  },
  calculateFees: {
    args: [CALC],
    bad: [
      [0, null, 'args'], ...field(CALC, 'position', [null, 5, []]), ...field(CALC, 'netuid', [-1, 1.5, 65536, '1']),
      ...['globalFeesTao', 'globalFeesAlpha', 'taoFeesBelowLow', 'taoFeesAboveHigh', 'alphaFeesBelowLow', 'alphaFeesAboveHigh'].flatMap((k) => field(CALC, k, numbers)),
      ...[['liquidity', [null, 1.5, '1', 2 ** 53]], ['fees_tao', fixeds], ['fees_alpha', fixeds]].flatMap(([k, vs]) =>
        field(POSITION, k as string, vs as unknown[]).map(([i, p]): Bad => [i, { ...CALC, position: p }, `args.position.${k as string}`])),
    ],
  },
  positionToTokenAmounts: {
    args: [AMOUNTS, balance(2n)],
    bad: [
      [0, null, 'position'], [0, 5, 'position'], ...field(AMOUNTS, 'priceLow', balances, 'position'), ...field(AMOUNTS, 'priceHigh', balances, 'position'),
      ...field(AMOUNTS, 'liquidity', balances, 'position'), ...field(AMOUNTS, 'netuid', [null, -1, 1.5, 65536], 'position'),
      ...balances.map((v): Bad => [1, v, 'currentSubnetPrice']),
    ],
  },
});
