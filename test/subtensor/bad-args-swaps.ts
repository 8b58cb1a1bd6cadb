// Bad-argument rows of the swap simulations and EMA inflow reads (src/subtensor/swaps.ts), spread
// into bad-arguments.test.ts.
import type { Bad, Entry } from '../helpers/bad-arguments.js';
import { netuids, selector, selOnly } from '../helpers/subtensor-args.js';

const amounts = (i: number): Bad[] => [0n, -1n, 5, '5', null, undefined, { rao: 5 }].map((v): Bad => [i, v, 'amount']);

export const swapsRows = (): Record<string, Entry> => ({
  simSwap: { args: [0, 1, 1n, {}], bad: [...netuids(0, 'originNetuid'), ...netuids(1, 'destinationNetuid'), ...amounts(2), ...selector(3)] },
  getStakeAddFee: { args: [1n, 1, {}], bad: [...amounts(0), ...netuids(1), ...selector(2)] },
  getUnstakeFee: { args: [1, 1n, {}], bad: [...netuids(0), ...amounts(1), ...selector(2)] },
  getStakeMovementFee: { args: [1, 2, 1n, {}], bad: [...netuids(0, 'originNetuid'), ...netuids(1, 'destinationNetuid'), ...amounts(2), ...selector(3)] },
  getEmaTaoInflow: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getAllEmaTaoInflow: selOnly(),
});
