// Bad-argument rows of src/subtensor/crowdloan-writes.ts, spread into bad-arguments.test.ts.
import { ALICE, addresses, blockNumbers, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { signer } from '../helpers/subtensor-args.js';

const signers = (i: number): Bad[] => [[i, null, 'signer'], [i, {}, 'signer'], [i, { ...signer(), publicKey: new Uint8Array(33) }, 'signer']];
const amounts = (i: number, name: string): Bad[] => [0n, -1n, 5, '5', null, undefined, { rao: 5 }].map((v): Bad => [i, v, name]);
const ids = (i: number): Bad[] => [null, undefined, -1, 1.5, NaN, 2 ** 32, '1', 1n, {}].map((v): Bad => [i, v, 'crowdloanId']);
const writeOpts = (i: number): Bad[] => [
  [i, 5, 'opts'], [i, 'x', 'opts'], [i, { waitFor: 'soon' }, 'opts.waitFor'], [i, { period: -1 }, 'opts.period'],
  [i, { nonce: 1.5 }, 'opts.nonce'], [i, { tip: 5 }, 'opts.tip'], [i, { dryRun: 'yes' }, 'opts.dryRun'],
  [i, { raiseError: 1 }, 'opts.raiseError'], [i, { signal: {} }, 'opts.signal'], [i, { timeoutMs: -1 }, 'opts.timeoutMs'],
];
/** Optional inner call: null/undefined are valid; anything else must be a Call with its bytes. */
const calls = (i: number): Bad[] => [
  [i, 5, 'call'], [i, 'x', 'call'], [i, true, 'call'], [i, {}, 'call.bytes'], [i, { pallet: 'Balances', name: 'x', args: {}, bytes: '0x00' }, 'call.bytes'],
];
const byId = (): Entry => ({ args: [signer(), 1, {}], bad: [...signers(0), ...ids(1), ...writeOpts(2)] });

export const crowdloanWritesRows = (): Record<string, Entry> => ({
  createCrowdloan: {
    args: [signer(), 10n, 1n, 100n, 5000, null, ALICE, {}],
    bad: [
      ...signers(0), ...amounts(1, 'deposit'), ...amounts(2, 'minContribution'), ...amounts(3, 'cap'), ...blockNumbers(4, 'end'),
      ...calls(5), ...addresses(6, 'targetAddress').filter(([, v]) => v !== null && v !== undefined), ...writeOpts(7),
    ],
  },
  contributeCrowdloan: { args: [signer(), 1, 1n, {}], bad: [...signers(0), ...ids(1), ...amounts(2, 'amount'), ...writeOpts(3)] },
  withdrawCrowdloan: byId(),
  finalizeCrowdloan: byId(),
  refundCrowdloan: byId(),
  dissolveCrowdloan: byId(),
  updateCapCrowdloan: { args: [signer(), 1, 1n, {}], bad: [...signers(0), ...ids(1), ...amounts(2, 'newCap'), ...writeOpts(3)] },
  updateEndCrowdloan: { args: [signer(), 1, 5000, {}], bad: [...signers(0), ...ids(1), ...blockNumbers(2, 'newEnd'), ...writeOpts(3)] },
  updateMinContributionCrowdloan: { args: [signer(), 1, 1n, {}], bad: [...signers(0), ...ids(1), ...amounts(2, 'newMinContribution'), ...writeOpts(3)] },
});
