// Swap simulations, stake fees and EMA TAO inflow (src/subtensor/swaps.ts) on a spec-393 node:
// polkadot.js encodes SwapRuntimeApi's answers and SubnetEmaTaoFlow values; ours must give the
// same amounts with Python's units and its two-leg rule for subnet-to-subnet moves. On spec 218
// (no SwapRuntimeApi) the calls refuse with a typed error.
import { describe, expect, inject, it } from 'vitest';
import { Subtensor, UnsupportedRuntimeError, balance, fromTao } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');
const u16 = (n: number) => Buffer.from(Uint16Array.of(n).buffer).toString('hex');
const u64 = (n: bigint) => Buffer.from(BigUint64Array.of(n).buffer).toString('hex');
const sim = (tao: number, alpha: number, taoFee: number, alphaFee: number) => ({ taoAmount: tao, alphaAmount: alpha, taoFee, alphaFee, taoSlippage: 0, alphaSlippage: 0 });

describe('swaps on a spec-393 node', () => {
  const spec = useSpec393Node();

  it('simSwap one leg each way; getStakeAddFee, getUnstakeFee from the same simulations', async (ctx) => {
    const node = spec.get(ctx);
    const { st, answerCall } = node;
    answerCall('SwapRuntimeApi', 'sim_swap_tao_for_alpha', u16(3) + u64(10_000_000_000n), sim(10_000_000_000, 4_000_000_000, 5_000_000, 0));
    answerCall('SwapRuntimeApi', 'sim_swap_alpha_for_tao', u16(3) + u64(2_000_000_000n), sim(4_900_000_000, 2_000_000_000, 0, 1_000_000));
    const stake = await st.simSwap(0, 3, fromTao('10'));
    expect(stake).toEqual({ taoAmount: balance(10_000_000_000n), alphaAmount: balance(4_000_000_000n, 3), taoFee: balance(5_000_000n), alphaFee: balance(0n, 3) });
    expect(await st.getStakeAddFee(10_000_000_000n, 3)).toEqual(balance(5_000_000n));
    const unstake = await st.simSwap(3, 0, 2_000_000_000n);
    expect(unstake.alphaFee).toEqual(balance(1_000_000n, 3));
    expect(await st.getUnstakeFee(3, 2_000_000_000n)).toEqual(balance(1_000_000n, 3));
  });

  it('subnet to subnet: alpha → TAO on the origin, TAO → alpha on the destination, the TAO fee added in origin alpha at its price', async (ctx) => {
    const node = spec.get(ctx);
    const { st, answerCall } = node;
    answerCall('SwapRuntimeApi', 'sim_swap_alpha_for_tao', u16(4) + u64(1_000_000_000n), sim(2_000_000_000, 1_000_000_000, 0, 3_000_000));
    answerCall('SwapRuntimeApi', 'current_alpha_price', u16(4), '2000000000'); // 2 τ per alpha
    answerCall('SwapRuntimeApi', 'sim_swap_tao_for_alpha', u16(5) + u64(2_000_000_000n), sim(2_000_000_000, 8_000_000_000, 1_000_001, 0));
    const move = await st.simSwap(4, 5, 1_000_000_000n);
    expect(move.alphaAmount).toEqual(balance(8_000_000_000n, 4)); // Python sets the origin's unit on the second leg
    expect(move.taoFee).toEqual(balance(1_000_001n));
    expect(move.alphaFee).toEqual(balance(0n + BigInt(Math.trunc(1_000_001 / 2)), 4)); // 500000: truncated as Python's int()
    expect(await st.getStakeMovementFee(4, 5, 1_000_000_000n)).toEqual(balance(1_000_001n));
  });

  it('getEmaTaoInflow, getAllEmaTaoInflow: (block, I64F64 → rao truncated); null for a subnet without one', async (ctx) => {
    const node = spec.get(ctx);
    const { st, put } = node;
    put('subtensorModule', 'subnetEmaTaoFlow', [3], [1234, { bits: ((5_000_000_000n << 64n) + (1n << 63n)).toString() }]); // 5e9 + 0.5
    put('subtensorModule', 'subnetEmaTaoFlow', [6], [99, { bits: (-(7n << 64n)).toString() }]);
    expect(await st.getEmaTaoInflow(3)).toEqual({ blockUpdated: 1234n, value: balance(5_000_000_000n) });
    expect(await st.getEmaTaoInflow(0)).toBeNull();
    expect(await st.getAllEmaTaoInflow()).toEqual({ 3: { blockUpdated: 1234n, value: balance(5_000_000_000n) }, 6: { blockUpdated: 99n, value: balance(-7n) } });
  });

  it('bad amounts are typed errors before anything is sent', async (ctx) => {
    const node = spec.get(ctx);
    await expect(node.st.simSwap(0, 3, 0n)).rejects.toThrow(/^amount: must be a positive amount, got 0 rao/);
    await expect(node.st.getStakeAddFee(5 as never, 3)).rejects.toThrow(/^amount: expected rao/);
  });
});

describe.skipIf(!url)('swaps on the local chain (spec 218 has no SwapRuntimeApi)', () => {
  it('refuse with UnsupportedRuntimeError', async () => {
    const st = await Subtensor.connect(url);
    try {
      await expect(st.simSwap(0, 1, 1n)).rejects.toBeInstanceOf(UnsupportedRuntimeError);
      await expect(st.getStakeAddFee(1n, 1)).rejects.toThrow(/SwapRuntimeApi\.sim_swap_tao_for_alpha/);
    } finally {
      await st.close();
    }
  });
});
