// ../../src/subtensor/weights.ts against bittensor 10.2: the cases of
// tests/unit_tests/utils/test_weight_utils.py that apply (their random arrays drawn from a seeded
// generator here), exact outputs of weight_utils.py run under NumPy 2.4 (written as literals), and
// generateWeightHash against polkadot.js encoding + blake2 and a hash computed with Python hashlib.
import { TypeRegistry } from '@polkadot/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/substrate/index.js';
import {
  convertAndNormalizeWeightsAndUids, convertWeightUidsAndValsToTensor, convertWeightsAndUidsForEmit,
  generateWeightHash, mechanismStorageIndex, normalizeMaxWeight, processWeights,
} from '../../src/subtensor/weights.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
import { rng } from '../helpers/random.js';

const ALICE_KEY = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';

/** mulberry32 (test/helpers/random.ts): a seeded stand-in for np.random.rand in Python's property tests. */
const rand = rng;
const randArray = (n: number, seed: number) => Array.from({ length: n }, rand(seed));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function expectInvalid(f: () => unknown, argument: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect((e as InvalidArgumentError).argument).toBe(argument);
    return;
  }
  throw new Error(`expected InvalidArgumentError for ${argument}`);
}

describe('convertWeightsAndUidsForEmit (test_convert_weight_and_uids)', () => {
  it('accepts random weights and rejects a negative weight, a negative uid, a length mismatch', () => {
    const uids = range(10);
    const weights = randArray(10, 1);
    const ok = convertWeightsAndUidsForEmit(uids, weights);
    expect(Math.max(...ok.weights)).toBe(65535);
    expectInvalid(() => convertWeightsAndUidsForEmit(uids, weights.map((w, i) => (i === 5 ? -1 : w))), 'weights[5]');
    expectInvalid(() => convertWeightsAndUidsForEmit(uids.map((u, i) => (i === 3 ? -1 : u)), weights), 'uids[3]');
    expectInvalid(() => convertWeightsAndUidsForEmit(uids, weights.slice(1)), 'uids/weights');
  });

  it('gives nothing to set for all-zero weights', () => {
    expect(convertWeightsAndUidsForEmit(range(10), new Array(10).fill(0))).toEqual({ uids: [], weights: [] });
  });

  it('stays in u16 for random weights (overflow/underflow loop)', () => {
    for (let s = 0; s < 5; s++) {
      const r = convertWeightsAndUidsForEmit(range(10), randArray(10, 100 + s));
      for (const v of r.weights) expect(Number.isInteger(v) && v >= 1 && v <= 65535).toBe(true);
    }
  });

  it('max-upscales, rounds half to even and drops zeros, as Python does', () => {
    // 0.5 * 65535 = 32767.5 -> 32768; 0.25 * 65535 = 16383.75 -> 16384; 1e-6 * 65535 -> 0, dropped.
    expect(convertWeightsAndUidsForEmit(range(5), [0.5, 1.0, 0.25, 0.0, 1e-6])).toEqual({ uids: [0, 1, 2], weights: [32768, 65535, 16384] });
    // 1.5 -> 2 and 2.5 -> 2: Python's round() ties to even.
    expect(convertWeightsAndUidsForEmit(range(4), [1.0, 0.5, 1.5 / 65535, 2.5 / 65535])).toEqual({ uids: [0, 1, 2, 3], weights: [65535, 32768, 2, 2] });
    expect(convertWeightsAndUidsForEmit([7], [0.3])).toEqual({ uids: [7], weights: [65535] });
    expect(convertWeightsAndUidsForEmit(new Uint16Array([3, 4]), new Float32Array([1, 3]))).toEqual({ uids: [3, 4], weights: [21845, 65535] });
  });

  it('checks every input before any arithmetic', () => {
    expectInvalid(() => convertWeightsAndUidsForEmit([0], [Number.NaN]), 'weights[0]');
    expectInvalid(() => convertWeightsAndUidsForEmit([0, 1], [1, Infinity]), 'weights[1]');
    expectInvalid(() => convertWeightsAndUidsForEmit([65536], [1]), 'uids[0]');
    expectInvalid(() => convertWeightsAndUidsForEmit([1.5], [1]), 'uids[0]');
    expectInvalid(() => convertWeightsAndUidsForEmit([], []), 'weights');
    expectInvalid(() => convertWeightsAndUidsForEmit([0], ['1' as unknown as number]), 'weights[0]');
    expectInvalid(() => convertWeightsAndUidsForEmit('0' as unknown as number[], [1]), 'uids');
  });
});

describe('convertAndNormalizeWeightsAndUids', () => {
  it('casts list weights to float32 first, as np.array(dtype=float32) does', () => {
    expect(convertAndNormalizeWeightsAndUids([0, 1, 2], [0.1, 0.3, 0.7])).toEqual({ uids: [0, 1, 2], weights: [9362, 28086, 65535] });
    expectInvalid(() => convertAndNormalizeWeightsAndUids([0], [1e39]), 'weights[0]');
  });
});

describe('normalizeMaxWeight (test_normalize_with_max_weight)', () => {
  it('keeps the max under the limit for random and zero weights', () => {
    for (const limit of [0.01, 0.02, 0.03]) {
      expect(Math.max(...normalizeMaxWeight(randArray(1000, limit * 1000), limit))).toBeLessThanOrEqual(limit);
      expect(Math.max(...normalizeMaxWeight(new Array(1000).fill(0), limit))).toBeLessThanOrEqual(limit);
    }
  });

  it('limit 0.001 over 2000 weights, zeros give 1/2000, limit 1 is plain normalisation', () => {
    const limit = 0.001;
    const weights = randArray(2000, 2);
    const w = weights.map((x) => x / sum(weights));
    const wn = normalizeMaxWeight(weights, limit);
    expect((Math.max(...w) >= limit && Math.abs(limit - Math.max(...wn)) < 0.001) || (Math.max(...w) < limit && Math.max(...wn) < limit)).toBe(true);
    expect(Math.max(...normalizeMaxWeight(new Array(2000).fill(0), 0.01))).toBe(1 / 2000);
    const r = randArray(100, 3);
    const norm = normalizeMaxWeight(r, 1);
    norm.forEach((v, i) => expect(v).toBeCloseTo(r[i]! / sum(r), 15));
  });

  it('moves little for a small change of the limit (epsilon test)', () => {
    const sorted = randArray(100, 4).sort((a, b) => a - b);
    const x = sorted.map((v) => v / sum(sorted));
    const limit = x[x.length - 10]!;
    const y = normalizeMaxWeight(x, limit * 0.99);
    const z = normalizeMaxWeight(x, limit * 1.01);
    expect(sum(y.map((v, i) => Math.abs(v - z[i]!)))).toBeLessThan(0.01);
  });

  it('equals weight_utils.py bit for bit (float64 and float32 inputs)', () => {
    expect(normalizeMaxWeight([1, 2, 3, 10], 0.3)).toEqual([0.1333334755557073, 0.2666669511114146, 0.29999978666643906, 0.29999978666643906]);
    expect(normalizeMaxWeight([0.1, 0.2, 0.3, 0.4, 5.0], 0.25, 'float32')).toEqual([0.0833335816860199, 0.1666671633720398, 0.2499997466802597, 0.2499997466802597, 0.2499997466802597]);
    expect(normalizeMaxWeight([3, 1, 2, 0.5, 9, 7, 4, 4, 6, 8], 0.15, 'float32')).toEqual([
      0.08275872468948364, 0.02758624218404293, 0.05517248436808586, 0.013793121092021465, 0.14999988675117493,
      0.14999988675117493, 0.11034496873617172, 0.11034496873617172, 0.14999988675117493, 0.14999988675117493,
    ]);
    // n * limit <= 1: uniform, whatever the weights.
    expect(normalizeMaxWeight([1, 2, 3], 0.2)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // One positive weight: Python's cutoff ends up below every entry, so zeros get weight too.
    expect(normalizeMaxWeight([0.5, 0, 0, 0], 0.3, 'float32')).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(normalizeMaxWeight([5], 1)).toEqual([1]);
  });

  it('rejects bad entries and limits by name', () => {
    expectInvalid(() => normalizeMaxWeight([1, -1], 0.5), 'x[1]');
    expectInvalid(() => normalizeMaxWeight([1, Number.NaN], 0.5), 'x[1]');
    expectInvalid(() => normalizeMaxWeight([1, 2], Infinity), 'limit');
    expectInvalid(() => normalizeMaxWeight([1, 2], 0.5, 'float16' as 'float32'), 'dtype');
  });
});

describe('processWeights (test_process_weights_for_netuid and friends)', () => {
  const uids = [1, 2, 3, 4, 5];

  it('keeps all positive weights and normalises them (min 0.1, limit 1, n 1)', () => {
    const r = processWeights({ uids, weights: [1.0, 2.5, 3.3, 4.7, 5.9], numNeurons: 1, minAllowedWeights: 0.1, maxWeightLimit: 1.0 });
    expect(r.uids).toEqual(uids);
    expect(r.weights).toEqual([0.05747126415371895, 0.14367815852165222, 0.18965516984462738, 0.270114928483963, 0.33908048272132874]);
  });

  it('all zero weights give uid 0 with weight 1 (n 1)', () => {
    expect(processWeights({ uids, weights: [0, 0, 0, 0, 0], numNeurons: 1, minAllowedWeights: 0.1, maxWeightLimit: 1.0 })).toEqual({ uids: [0], weights: [1] });
  });

  it('fewer positive weights than the minimum pads every neuron with 1e-5', () => {
    const args = { uids, weights: [0.1, 0.2, 0.3, 0, 0], numNeurons: 5, minAllowedWeights: 4 };
    expect(processWeights({ ...args, maxWeightLimit: 1.0 })).toEqual({
      uids: [0, 1, 2, 3, 4],
      weights: [0.16666944214347318, 0.33332221900950815, 0.49997500829214236, 1.6665277438271508e-5, 1.6665277438271508e-5],
    });
    expect(processWeights({ ...args, maxWeightLimit: 0.3 }).weights).toEqual([
      0.29969725001480063, 0.29969725001480063, 0.29969725001480063, 0.05045412497779909, 0.05045412497779909,
    ]);
    // Python pads by input position; a position past numNeurons is its IndexError.
    expectInvalid(() => processWeights({ uids, weights: [0, 0, 0, 0, 1], numNeurons: 3, minAllowedWeights: 2, maxWeightLimit: 1 }), 'args.weights[4]');
  });

  it('drops the lowest quantile but keeps minAllowedWeights', () => {
    const r = processWeights({ uids: [10, 11, 12, 13, 14, 15], weights: [0.5, 0.1, 0.9, 0.3, 0, 0.7], numNeurons: 20, minAllowedWeights: 2, maxWeightLimit: 0.4, excludeQuantile: 32768 });
    expect(r).toEqual({ uids: [12, 15], weights: [0.5, 0.5] });
  });

  it('fewer neurons than the minimum gives the uniform row', () => {
    expect(processWeights({ uids: [0, 1], weights: [1, 2], numNeurons: 2, minAllowedWeights: 3, maxWeightLimit: 1 })).toEqual({ uids: [0, 1], weights: [0.5, 0.5] });
  });

  it('rejects bad arguments by name', () => {
    const ok = { uids, weights: [1, 2, 3, 4, 5], numNeurons: 5, minAllowedWeights: 1, maxWeightLimit: 1 };
    expectInvalid(() => processWeights({ ...ok, weights: [1, 2, 3, 4] }), 'args.uids/args.weights');
    expectInvalid(() => processWeights({ ...ok, numNeurons: -1 }), 'args.numNeurons');
    expectInvalid(() => processWeights({ ...ok, maxWeightLimit: Number.NaN }), 'args.maxWeightLimit');
    expectInvalid(() => processWeights({ ...ok, minAllowedWeights: -2 }), 'args.minAllowedWeights');
    expectInvalid(() => processWeights(null as unknown as typeof ok), 'args');
  });
});

describe('convertWeightUidsAndValsToTensor (test_convert_weight_uids_and_vals_to_tensor_*)', () => {
  it('happy paths and edge cases', () => {
    expect(convertWeightUidsAndValsToTensor(3, [0, 1, 2], [15, 5, 80])).toEqual([0.15000000596046448, 0.05000000074505806, 0.800000011920929]);
    expect(convertWeightUidsAndValsToTensor(4, [1, 3], [50, 50])).toEqual([0, 0.5, 0, 0.5]);
    expect(convertWeightUidsAndValsToTensor(5, [], [])).toEqual([0, 0, 0, 0, 0]);
    expect(convertWeightUidsAndValsToTensor(1, [0], [100])).toEqual([1]);
    expect(convertWeightUidsAndValsToTensor(4, [0, 1, 2, 3], [0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
  });

  it('error cases: mismatched lengths reaching a uid >= n, negative n, invalid uid', () => {
    expectInvalid(() => convertWeightUidsAndValsToTensor(3, [0, 1, 3, 4, 5], [10, 20, 30]), 'uids[2]');
    expectInvalid(() => convertWeightUidsAndValsToTensor(-1, [0, 1], [10, 20]), 'n');
    expectInvalid(() => convertWeightUidsAndValsToTensor(3, [0, 3], [10, 20]), 'uids[1]');
  });
});

/** polkadot.js as the oracle: its SCALE tuple encoding and its blake2. */
function oracleHash(netuid: number, uids: number[], values: number[], salt: number[], versionKey: number | bigint): string {
  const registry = new TypeRegistry();
  const bytes = registry.createType('(AccountId, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)', [ALICE, netuid, uids, values, salt, versionKey]).toU8a();
  return blake2AsHex(bytes, 256);
}

describe('generateWeightHash (test_generate_weight_hash)', () => {
  const base = { address: ALICE, netuid: 1, uids: [1, 2], values: [10, 20], versionKey: 80000, salt: [1, 2] };

  it("equals Python hashlib over the same layout and polkadot.js's encoding", () => {
    const py = '0xbc34037863b75a0d5c52dcf3c163485c91cf905d6a8bdf5e70ed7dc4378ed199';
    expect(generateWeightHash(base)).toBe(py);
    expect(oracleHash(1, [1, 2], [10, 20], [1, 2], 80000)).toBe(py);
    expect(generateWeightHash({ ...base, address: ALICE_KEY })).toBe(py);
    expect(generateWeightHash({ ...base, versionKey: 80000n })).toBe(py);
  });

  it('hashes the mechanism storage index for commit_mechanism_weights', () => {
    const args = { address: ALICE, netuid: 7, mechid: 1, uids: [0, 5, 9], values: [65535, 32768, 1], versionKey: 1, salt: [11, 22, 33, 44, 55, 66, 77, 88] };
    expect(mechanismStorageIndex(7, 1)).toBe(4103);
    expect(generateWeightHash(args)).toBe('0x737708343a920a55022c33e6fc8bf558339ec90e1eb759d729883b9407bb3601');
    expect(generateWeightHash(args)).toBe(oracleHash(4103, args.uids, args.values, args.salt, 1));
    expect(generateWeightHash({ ...args, mechid: 0 })).toBe(oracleHash(7, args.uids, args.values, args.salt, 1));
  });

  it('matches the oracle on random inputs, long vectors and u64 extremes', () => {
    const next = rand(9);
    for (let k = 0; k < 25; k++) {
      const n = Math.floor(next() * 300);
      const uids = Array.from({ length: n }, () => Math.floor(next() * 65536));
      const values = Array.from({ length: n }, () => Math.floor(next() * 65536));
      const salt = Array.from({ length: 8 }, () => Math.floor(next() * 65536));
      const netuid = Math.floor(next() * 4096);
      const versionKey = k === 0 ? 0xffff_ffff_ffff_ffffn : BigInt(Math.floor(next() * 2 ** 53));
      expect(generateWeightHash({ address: ALICE, netuid, uids, values, salt, versionKey })).toBe(oracleHash(netuid, uids, values, salt, versionKey));
    }
  });

  it('rejects bad input by name', () => {
    expectInvalid(() => generateWeightHash({ ...base, uids: [65536, 1] }), 'args.uids[0]');
    expectInvalid(() => generateWeightHash({ ...base, values: [1] }), 'args.uids/args.values');
    expectInvalid(() => generateWeightHash({ ...base, salt: [-1] }), 'args.salt[0]');
    expectInvalid(() => generateWeightHash({ ...base, versionKey: -1 }), 'args.versionKey');
    expectInvalid(() => generateWeightHash({ ...base, versionKey: 2n ** 64n }), 'args.versionKey');
    expectInvalid(() => generateWeightHash({ ...base, netuid: 70000 }), 'args.netuid');
    expectInvalid(() => generateWeightHash({ ...base, mechid: 16 }), 'args.mechid');
    expect(() => generateWeightHash({ ...base, address: '5D1ABCD' })).toThrow(/5D1ABCD/);
  });
});
