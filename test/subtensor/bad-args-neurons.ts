// Bad-argument rows of the neurons, stake, delegate and certificate reads of issue 13
// (src/subtensor/neurons.ts and the additions to stake.ts), spread into bad-arguments.test.ts.
import { ALICE, addresses, blockNumbers, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { netuids, selector, selOnly } from '../helpers/subtensor-args.js';

const mechids = (i: number): Bad[] => [null, -1, 1.5, 16, '0', 0n, {}].map((v): Bad => [i, v, 'mechid']);

export const neuronsRows = (): Record<string, Entry> => ({
  weights: { args: [1, 0, {}], bad: [...netuids(0), ...mechids(1), ...selector(2)] },
  bonds: { args: [1, 0, {}], bad: [...netuids(0), ...mechids(1), ...selector(2)] },
  getStakeWeight: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getLastBondsReset: { args: [1, ALICE, {}], bad: [...netuids(0), ...addresses(1, 'hotkey'), ...selector(2)] },
  getNeuronCertificate: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getAllNeuronCertificates: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getStakeForColdkeyAndHotkey: {
    args: [ALICE, ALICE, [1], {}],
    bad: [...addresses(0, 'coldkey'), ...addresses(1, 'hotkey'), [2, 5, 'netuids'], [2, [-1], 'netuids[0]'], [2, [1, 65536], 'netuids[1]'], ...selector(3)],
  },
  getMinimumRequiredStake: selOnly(),
  getTotalStakeForColdkey: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getTotalStakeForHotkey: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  getAutoStakes: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getDelegateByHotkey: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  getBlockInfo: selOnly(),
  getTransferFee: {
    args: [ALICE, ALICE, 1n, true, {}],
    bad: [
      ...addresses(0, 'coldkey'), ...addresses(1, 'dest'), ...[0n, -1n, 5, '5', { rao: 5 }].map((v): Bad => [2, v, 'amount']),
      [3, 'yes', 'keepAlive'], [4, 5, 'sel'], [4, { signal: 'x' }, 'sel.signal'],
    ],
  },
  getTimelockedWeightCommits: { args: [1, 0, {}], bad: [...netuids(0), ...mechids(1), ...selector(2)] },
  getChildrenPending: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getRevealedCommitmentByHotkey: { args: [1, ALICE, {}], bad: [...netuids(0), ...addresses(1, 'hotkey'), ...selector(2)] },
  getRevealedCommitment: { args: [1, 0, {}], bad: [...netuids(0), ...netuids(1, 'uid'), ...selector(2)] },
  getAllRevealedCommitments: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getCommitmentMetadata: { args: [1, ALICE, {}], bad: [...netuids(0), ...addresses(1, 'hotkey'), ...selector(2)] },
  getLastCommitmentBondsResetBlock: { args: [1, 0, {}], bad: [...netuids(0), ...netuids(1, 'uid'), ...selector(2)] },
  waitForBlock: {
    args: [0, {}],
    bad: [...blockNumbers(0, 'block', false), [1, 5, 'opts'], [1, { signal: 'x' }, 'opts.signal'], ...[-1, 1.5, '5', 2 ** 32].map((v): Bad => [1, { timeoutMs: v }, 'opts.timeoutMs'])],
  },
  filterNetuidsByRegisteredHotkeys: {
    args: [[1], [1], [ALICE], {}],
    bad: [
      [0, null, 'allNetuids'], [0, 5, 'allNetuids'], [0, [-1], 'allNetuids[0]'], [1, 'x', 'filterForNetuids'], [1, [1, 70_000], 'filterForNetuids[1]'],
      [2, null, 'hotkeys'], [2, ALICE, 'hotkeys'], [2, [ALICE.slice(1)], 'hotkeys[0]'], ...selector(3),
    ],
  },
  isHotkeyDelegate: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
});
