// Bad-argument rows of src/subtensor/weight-writes.ts (and child-writes.ts), spread into bad-arguments.test.ts.
import { ALICE, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { netuids, signer } from '../helpers/subtensor-args.js';

const bads = (i: number, name: string, values: unknown[]): Bad[] => values.map((v): Bad => [i, v, name]);
const signers: Bad[] = [[0, null, 'signer'], [0, {}, 'signer'], [0, { ...signer(), publicKey: new Uint8Array(33) }, 'signer']];
const opts = (i: number): Bad[] => [
  [i, 5, 'opts'], [i, { waitFor: 'soon' }, 'opts.waitFor'], [i, { period: -1 }, 'opts.period'], [i, { nonce: 1.5 }, 'opts.nonce'],
  [i, { tip: 1 }, 'opts.tip'], [i, { dryRun: 'y' }, 'opts.dryRun'], [i, { raiseError: 1 }, 'opts.raiseError'],
  [i, { signal: {} }, 'opts.signal'], [i, { timeoutMs: -1 }, 'opts.timeoutMs'],
];
/** Float weights as set_weights / reveal_weights convert them. */
const floats = (u: number, w: number): Bad[] => [
  ...bads(u, 'uids', [null, 'x', 5]), [u, [-1], 'uids[0]'], [u, [1.5], 'uids[0]'], [u, [65536], 'uids[0]'],
  ...bads(w, 'weights', [null, 'x', [], [0]]), [w, [NaN], 'weights[0]'], [w, [-1], 'weights[0]'], [w, [Infinity], 'weights[0]'], [w, ['1'], 'weights[0]'],
];
/** u16 lists as commit_weights hashes them. */
const u16s = (i: number, name: string): Bad[] => [...bads(i, name, [null, 'x']), [i, [1.5], `${name}[0]`], [i, [65536], `${name}[0]`], [i, [-1], `${name}[0]`]];
const takes = (i: number): Bad[] => bads(i, 'take', [-0.1, 1.1, NaN, '0.1', null, undefined, 1n]);
const strings = (i: number): Bad[] => bads(i, 'data', [null, undefined, 5, {}, new Uint8Array(1)]);

/** An option checked inside `opts`: rows `[i, { key: bad }, 'opts.key']`; null and undefined mean the default. */
const optRows = (i: number, key: string, values: unknown[]): Bad[] => values.map((v): Bad => [i, { [key]: v }, `opts.${key}`]);
const weightOptRows = (i: number): Bad[] => [
  ...optRows(i, 'mechid', [-1, 1.5, 256, '1']), ...optRows(i, 'maxAttempts', [0, -1, 1.5, '5']), ...optRows(i, 'versionKey', [-1, 1.5, '1', -1n, 2n ** 64n]),
];

export const weightWritesRows = (): Record<string, Entry> => ({
  setWeights: {
    args: [signer(), 1, [0], [1], {}],
    bad: [...signers, ...netuids(1), ...floats(2, 3), [3, [0], 'weights'], ...opts(4), ...weightOptRows(4),
      ...optRows(4, 'blockTime', [0, -12, NaN, Infinity, '12']), ...optRows(4, 'commitRevealVersion', [-1, 65536, 1.5])],
  },
  commitWeights: {
    args: [signer(), 1, [1, 2], [0], [65535], {}],
    bad: [...signers, ...netuids(1), ...u16s(2, 'salt'), ...u16s(3, 'uids'), ...u16s(4, 'weights'), ...opts(5), ...weightOptRows(5)],
  },
  revealWeights: {
    args: [signer(), 1, [0], [1], [1, 2], {}],
    bad: [...signers, ...netuids(1), ...floats(2, 3), ...u16s(4, 'salt'), ...opts(5), ...weightOptRows(5)],
  },
  setChildren: {
    args: [signer(), ALICE, 1, [[0.5, ALICE]], {}],
    bad: [...signers, ...addresses(1, 'hotkey'), ...netuids(2), ...bads(3, 'children', [null, 'x', 5]),
      [3, [5], 'children[0]'], [3, [[0.5]], 'children[0]'], [3, [[1.5, ALICE]], 'children[0][0]'], [3, [[-0.1, ALICE]], 'children[0][0]'],
      [3, [[NaN, ALICE]], 'children[0][0]'], [3, [['0.5', ALICE]], 'children[0][0]'], [3, [[0.5, 'nope']], 'children[0][1]'], ...opts(4)],
  },
  setChildkeyTake: { args: [signer(), ALICE, 1, 0.1, {}], bad: [...signers, ...addresses(1, 'hotkey'), ...netuids(2), ...takes(3), ...opts(4)] },
  setDelegateTake: { args: [signer(), ALICE, 0.1, {}], bad: [...signers, ...addresses(1, 'hotkey'), ...takes(2), ...opts(3)] },
  setCommitment: { args: [signer(), 1, 'x', {}], bad: [...signers, ...netuids(1), ...strings(2), ...opts(3)] },
  setRevealCommitment: {
    args: [signer(), 1, 'x', {}],
    bad: [...signers, ...netuids(1), ...strings(2), ...opts(3), ...optRows(3, 'blocksUntilReveal', [-1, 1.5, '360']), ...optRows(3, 'blockTime', [0, -12, NaN, Infinity, '12'])],
  },
});
