// Bad-argument rows of src/subtensor/stake-writes.ts and stake-multiple.ts, spread into bad-arguments.test.ts.
import { ALICE, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { netuids, signer } from '../helpers/subtensor-args.js';

const signers = (i: number): Bad[] => [[i, null, 'signer'], [i, {}, 'signer'], [i, { ...signer(), publicKey: new Uint8Array(33) }, 'signer']];
const amounts = (i: number, name = 'amount'): Bad[] => [0n, -1n, 5, '5', null, undefined, { rao: 5 }].map((v): Bad => [i, v, name]);
/** The WriteOptions every write takes. */
const writeOpts = (i: number): Bad[] => [
  [i, 5, 'opts'], [i, 'x', 'opts'], [i, { waitFor: 'soon' }, 'opts.waitFor'], [i, { period: -1 }, 'opts.period'], [i, { period: 70_000 }, 'opts.period'],
  [i, { nonce: 1.5 }, 'opts.nonce'], [i, { tip: 5 }, 'opts.tip'], [i, { tip: -1n }, 'opts.tip'], [i, { dryRun: 'yes' }, 'opts.dryRun'],
  [i, { raiseError: 1 }, 'opts.raiseError'], [i, { signal: {} }, 'opts.signal'], [i, { timeoutMs: -1 }, 'opts.timeoutMs'],
];
const tolerances = (i: number, nullOk = false): Bad[] =>
  [-0.1, 1.5, NaN, Infinity, '0.1', 1n, ...(nullOk ? [] : [null])].map((v): Bad => [i, { rateTolerance: v }, 'opts.rateTolerance']);
/** The safe-variant keywords: the switch named `flag`, allowPartialStake and rateTolerance. */
const safety = (i: number, flag: string): Bad[] => [
  [i, { [flag]: 'yes' }, `opts.${flag}`], [i, { allowPartialStake: 1 }, 'opts.allowPartialStake'], ...tolerances(i),
];
/** Parallel lists of netuids, hotkeys (and amounts). */
const lists = (amountsOptional: boolean): Bad[] => [
  [1, null, 'netuids'], [1, 5, 'netuids'], [1, [-1], 'netuids[0]'], [1, [65536], 'netuids[0]'],
  [2, null, 'hotkeys'], [2, ['x'], 'hotkeys[0]'], [2, [ALICE, ALICE], 'hotkeys'],
  [3, 'x', 'amounts'], [3, [0n], 'amounts[0]'], [3, [5], 'amounts[0]'], [3, [1n, 1n], 'amounts'], ...(amountsOptional ? [] : [[3, null, 'amounts'] as Bad]),
  [4, { nonce: 3 }, 'opts.nonce'],
  ...['x', 'batchAll', 1, true].map((v): Bad => [4, { batch: v }, 'opts.batch']),
];

export const stakeWritesRows = (): Record<string, Entry> => ({
  addStake: { args: [signer(), 1, ALICE, 1n, {}], bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...amounts(3), ...writeOpts(4), ...safety(4, 'safeStaking')] },
  addStakeMultiple: { args: [signer(), [1], [ALICE], [1n], {}], bad: [...signers(0), ...lists(false), ...writeOpts(4)] },
  unstake: { args: [signer(), 1, ALICE, 1n, {}], bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...amounts(3), ...writeOpts(4), ...safety(4, 'safeUnstaking')] },
  unstakeMultiple: {
    args: [signer(), [1], [ALICE], null, {}],
    bad: [...signers(0), ...lists(true), ...writeOpts(4), [4, { unstakeAll: 'yes' }, 'opts.unstakeAll']],
  },
  unstakeAll: { args: [signer(), 1, ALICE, {}], bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...writeOpts(3), ...tolerances(3, true)] },
  moveStake: {
    args: [signer(), 1, ALICE, 2, ALICE, 1n, {}],
    bad: [
      ...signers(0), ...netuids(1, 'originNetuid'), ...addresses(2, 'originHotkey'), ...netuids(3, 'destinationNetuid'), ...addresses(4, 'destinationHotkey'),
      ...amounts(5), ...writeOpts(6), [6, { moveAllStake: 1 }, 'opts.moveAllStake'],
    ],
  },
  swapStake: {
    args: [signer(), ALICE, 1, 2, 1n, {}],
    bad: [...signers(0), ...addresses(1, 'hotkey'), ...netuids(2, 'originNetuid'), ...netuids(3, 'destinationNetuid'), ...amounts(4), ...writeOpts(5), ...safety(5, 'safeSwapping')],
  },
  transferStake: {
    args: [signer(), ALICE, ALICE, 1, 2, 1n, {}],
    bad: [
      ...signers(0), ...addresses(1, 'destinationColdkey'), ...addresses(2, 'hotkey'), ...netuids(3, 'originNetuid'), ...netuids(4, 'destinationNetuid'),
      ...amounts(5), ...writeOpts(6),
    ],
  },
  setAutoStake: { args: [signer(), 1, ALICE, {}], bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...writeOpts(3)] },
});
