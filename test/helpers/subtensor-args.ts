// Bad-argument rows shared by the Subtensor tables: each group's table (test/subtensor/bad-arguments
// .test.ts and the group files it spreads in) builds its rows from these.
import { devSigner } from '../../src/substrate/index.js';
import { BAD_HASHES, type Bad, type Entry } from './bad-arguments.js';

/** `{ block?, blockHash?, reuseBlock?, signal? }`. */
export const selector = (i: number, name = 'sel'): Bad[] => [
  ...[5, 'x', [], true].map((v): Bad => [i, v, name]),
  ...[-1, 1.5, NaN, Infinity, 2 ** 32, '5', 5n].map((v): Bad => [i, { block: v }, `${name}.block`]),
  ...BAD_HASHES.map((h): Bad => [i, { blockHash: h }, `${name}.blockHash`]),
  [i, { reuseBlock: 'yes' }, `${name}.reuseBlock`],
  [i, { signal: {} }, `${name}.signal`],
];
export const netuids = (i: number, name = 'netuid'): Bad[] => [null, undefined, -1, 1.5, NaN, 65536, '1', 1n, {}].map((v): Bad => [i, v, name]);
export const selOnly = (): Entry => ({ args: [{}], bad: selector(0) });
export const signalOnly = (i: number): Bad[] => [[i, 5, 'sel'], [i, { signal: 'x' }, 'sel.signal']];
export const signer = () => devSigner('Alice');

