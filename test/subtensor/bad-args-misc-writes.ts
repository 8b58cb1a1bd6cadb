// Bad-argument rows of src/subtensor/misc-writes.ts, spread into bad-arguments.test.ts.
import { ALICE, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { netuids, signer } from '../helpers/subtensor-args.js';

const signers = (i: number): Bad[] => [[i, null, 'signer'], [i, {}, 'signer'], [i, { ...signer(), publicKey: new Uint8Array(33) }, 'signer']];
const amounts = (i: number, name: string): Bad[] => [0n, -1n, 5, '5', null, undefined, { rao: 5 }].map((v): Bad => [i, v, name]);
/** A price in rao per alpha; 10^48 rao is a tick above MAX_TICK. */
const prices = (i: number, name: string): Bad[] => [...amounts(i, name), [i, 10n ** 48n, name]];
const positionIds = (i: number): Bad[] => [-1, -1n, 1.5, 2 ** 53, '1', null, undefined, 1n << 128n, {}].map((v): Bad => [i, v, 'positionId']);
const writeOpts = (i: number): Bad[] => [
  [i, 5, 'opts'], [i, 'x', 'opts'], [i, { waitFor: 'soon' }, 'opts.waitFor'], [i, { period: -1 }, 'opts.period'], [i, { nonce: 1.5 }, 'opts.nonce'],
  [i, { tip: 5 }, 'opts.tip'], [i, { dryRun: 'yes' }, 'opts.dryRun'], [i, { raiseError: 1 }, 'opts.raiseError'], [i, { signal: {} }, 'opts.signal'],
];
const claimTypes: unknown[] = ['KeepSubnets', 'swap', '', null, undefined, 5, [], { Keep: null }, { KeepSubnets: { subnets: [1] }, Swap: null }];

export const miscWritesRows = (): Record<string, Entry> => ({
  addLiquidity: {
    args: [signer(), 1, 1n, 1n, 2n, ALICE, {}],
    bad: [...signers(0), ...netuids(1), ...amounts(2, 'liquidity'), ...prices(3, 'priceLow'), ...prices(4, 'priceHigh'), ...addresses(5, 'hotkey'), ...writeOpts(6)],
  },
  modifyLiquidity: {
    args: [signer(), 1, 1n, -1n, ALICE, {}],
    bad: [
      ...signers(0), ...netuids(1), ...positionIds(2),
      ...[0n, 1n << 63n, -(1n << 63n) - 1n, 5, '5', null, { rao: 5 }].map((v): Bad => [3, v, 'liquidityDelta']), ...addresses(4, 'hotkey'), ...writeOpts(5),
    ],
  },
  removeLiquidity: { args: [signer(), 1, 1n, ALICE, {}], bad: [...signers(0), ...netuids(1), ...positionIds(2), ...addresses(3, 'hotkey'), ...writeOpts(4)] },
  toggleUserLiquidity: {
    args: [signer(), 1, true, {}],
    bad: [...signers(0), ...netuids(1), ...[null, undefined, 1, 'true'].map((v): Bad => [2, v, 'enable']), ...writeOpts(3)],
  },
  addStakeBurn: {
    args: [signer(), 1, ALICE, 1n, null, {}],
    bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...amounts(3, 'amount'), ...[0n, -1n, 5, '5', { rao: 5 }].map((v): Bad => [4, v, 'limitPrice']), ...writeOpts(5)],
  },
  announceColdkeySwap: { args: [signer(), ALICE, {}], bad: [...signers(0), ...addresses(1, 'newColdkey'), ...writeOpts(2)] },
  disputeColdkeySwap: { args: [signer(), {}], bad: [...signers(0), ...writeOpts(1)] },
  swapColdkeyAnnounced: { args: [signer(), ALICE, {}], bad: [...signers(0), ...addresses(1, 'newColdkey'), ...writeOpts(2)] },
  claimRoot: {
    args: [signer(), [1], {}],
    bad: [...signers(0), [1, null, 'netuids'], [1, 5, 'netuids'], [1, [-1], 'netuids[0]'], [1, [1, 65536], 'netuids[1]'], [1, ['1'], 'netuids[0]'], ...writeOpts(2)],
  },
  setRootClaimType: {
    args: [signer(), 'Swap', {}],
    bad: [
      ...signers(0), ...claimTypes.map((v): Bad => [1, v, 'newRootClaimType']),
      [1, { KeepSubnets: null }, 'newRootClaimType.KeepSubnets'], [1, { KeepSubnets: { subnets: [] } }, 'newRootClaimType.KeepSubnets.subnets'], [1, { KeepSubnets: {} }, 'newRootClaimType.KeepSubnets.subnets'],
      [1, { KeepSubnets: { subnets: 5 } }, 'newRootClaimType.KeepSubnets.subnets'],
      [1, { KeepSubnets: { subnets: [1.5] } }, 'newRootClaimType.KeepSubnets.subnets[0]'], ...writeOpts(2),
    ],
  },
  rootSetPendingChildkeyCooldown: {
    args: [signer(), 100, {}],
    bad: [...signers(0), ...[-1, 1.5, NaN, 2 ** 53, '5', null, undefined, -1n, 1n << 64n].map((v): Bad => [1, v, 'cooldown']), ...writeOpts(2)],
  },
});
