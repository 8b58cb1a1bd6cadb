/**
 * Bittensor weight utilities, equal to bittensor 10.2's `bittensor/utils/weight_utils.py` down to
 * the last bit: u16 max-upscaling for `set_weights`, max-weight normalisation, the pure part of
 * `process_weights_for_netuid`, and the blake2b-256 commit hash of `commit_weights`.
 *
 * Python computes most of this with NumPy 2 in float32 (`process_weights` casts its input). NEP 50
 * rules apply: a Python float meeting a float32 value is first cast to float32, but two NumPy
 * scalars of different widths promote to float64. Each float32 step is replayed with Math.fround
 * (exact: a double holds every float32 product, quotient and sum before rounding), and sums follow
 * NumPy's pairwise summation, whose rounding differs from a left-to-right loop.
 * @module
 */
import { InvalidArgumentError } from '../substrate/index.js';
import { Writer, blake2_256, encodeCompactNumber, toHex, toPublicKey } from '../scale/index.js';
import { GLOBAL_MAX_SUBNET_COUNT, U16_MAX } from './convert.js';


/** The NumPy float type a computation runs in: Python's input dtype. */
export type FloatDtype = 'float32' | 'float64';

/** Uids and weights as `set_weights` / `commit_weights` take them. */
export interface EmitWeights {
  uids: number[];
  weights: number[];
}

type Round = (x: number) => number;
const same: Round = (x) => x;
const roundOf = (dtype: FloatDtype): Round => (dtype === 'float32' ? Math.fround : same);

function show(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return v === null ? 'null' : typeof v;
}

function bad(name: string, expected: string, v: unknown): never {
  throw new InvalidArgumentError(`${name}: expected ${expected}, got ${show(v)}`, name, v);
}

function listArg(v: unknown, name: string): ArrayLike<unknown> {
  const ok = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (!ok) bad(name, 'an array or typed array of numbers', v);
  return v as ArrayLike<unknown>;
}

/** Finite, non-negative numbers (Python rejects negatives; NaN/Infinity have no u16 form). */
function weightsArg(v: unknown, name: string, nonEmpty: boolean): number[] {
  const list = listArg(v, name);
  if (nonEmpty && list.length === 0) bad(name, 'at least one weight', v);
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    const w = list[i];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) bad(`${name}[${i}]`, 'a finite number >= 0', w);
    out[i] = w;
  }
  return out;
}

/** Integers in 0..max: a uid or salt word must fit the u16 the chain stores. */
function intsArg(v: unknown, name: string, max = U16_MAX): number[] {
  const list = listArg(v, name);
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > max) bad(`${name}[${i}]`, `an integer in 0..${max}`, x);
    out[i] = x;
  }
  return out;
}

function intArg(v: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) bad(name, `an integer in 0..${max}`, v);
  return v;
}

function sameLength(a: unknown[], b: unknown[], names: string): void {
  if (a.length !== b.length) {
    throw new InvalidArgumentError(`${names}: must have the same length, got ${a.length} and ${b.length}`, names, [a.length, b.length]);
  }
}

/** Python's `round()` on a float: to nearest, ties to even. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * `np.add.reduce` on a contiguous vector: pairwise summation, 8 accumulators per block of up to
 * 128 elements (numpy `loops_utils.h.src`, `pairwise_sum`), every step rounded to the dtype.
 */
function pairwiseSum(a: readonly number[], r: Round, from = 0, n = a.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s = r(s + a[from + i]!);
    return s;
  }
  if (n <= 128) {
    const acc = a.slice(from, from + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j]! + a[from + i + j]!);
    const [a0, a1, a2, a3, a4, a5, a6, a7] = acc as [number, number, number, number, number, number, number, number];
    let s = r(r(r(a0 + a1) + r(a2 + a3)) + r(r(a4 + a5) + r(a6 + a7)));
    for (; i < n; i++) s = r(s + a[from + i]!);
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return r(pairwiseSum(a, r, from, half) + pairwiseSum(a, r, from + half, n - half));
}

/**
 * Mirrors `convert_weights_and_uids_for_emit`: max-upscales `weights` so the largest becomes
 * 65535, rounds each with Python's `round` (ties to even) and drops the uids whose value rounds
 * to 0. All-zero weights give empty lists (nothing to set). Weights are used as given (float64);
 * see {@link convertAndNormalizeWeightsAndUids} for the float32 cast of list input.
 * @throws InvalidArgumentError for an empty, negative, NaN or infinite weight, a uid outside
 * 0..65535, or lists of different lengths; all checked before any arithmetic.
 */
export function convertWeightsAndUidsForEmit(uids: ArrayLike<number>, weights: ArrayLike<number>): EmitWeights {
  const u = intsArg(uids, 'uids');
  const w = weightsArg(weights, 'weights', true);
  sameLength(u, w, 'uids/weights');
  return upscale(u, w);
}

function upscale(uids: number[], weights: number[]): EmitWeights {
  const out: EmitWeights = { uids: [], weights: [] };
  if (weights.every((w) => w === 0)) return out;
  const max = Math.max(...weights);
  for (let i = 0; i < weights.length; i++) {
    const v = roundHalfEven((weights[i]! / max) * U16_MAX);
    if (v !== 0) {
      out.uids.push(uids[i]!);
      out.weights.push(v);
    }
  }
  return out;
}

/**
 * Mirrors `convert_and_normalize_weights_and_uids`: list weights go through `np.float32` first
 * (so 0.1 is upscaled as 0.100000001490116…), then {@link convertWeightsAndUidsForEmit}.
 * @throws InvalidArgumentError as convertWeightsAndUidsForEmit, and for weights beyond float32.
 */
export function convertAndNormalizeWeightsAndUids(uids: ArrayLike<number>, weights: ArrayLike<number>): EmitWeights {
  const u = intsArg(uids, 'uids');
  const w = weightsArg(weights, 'weights', true);
  sameLength(u, w, 'uids/weights');
  const w32 = w.map((x, i) => {
    const f = Math.fround(x);
    if (!Number.isFinite(f)) bad(`weights[${i}]`, 'a value within float32 range', x);
    return f;
  });
  return upscale(u, w32);
}

function nonNegArg(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(name, 'a finite number >= 0', v);
  return v;
}

function limitArg(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(name, 'a finite number', v);
  return v;
}

/**
 * Mirrors `normalize_max_weight`: scales `x` to sum 1 while capping every entry near `limit`.
 * All zeros, or `x.length * limit <= 1`, give the uniform vector. `dtype` is the NumPy dtype of
 * Python's input: 'float64' for `np.array(list)`, 'float32' after `process_weights`' cast.
 * @throws InvalidArgumentError for a negative, NaN or infinite entry or a non-finite limit.
 */
export function normalizeMaxWeight(x: ArrayLike<number>, limit = 0.1, dtype: FloatDtype = 'float64'): number[] {
  const xs = weightsArg(x, 'x', false);
  const lim = limitArg(limit, 'limit');
  if (dtype !== 'float32' && dtype !== 'float64') bad('dtype', "'float32' or 'float64'", dtype);
  return normalize(xs, lim, roundOf(dtype));
}

function normalize(x: number[], limit: number, r: Round): number[] {
  const eps = r(1e-7);
  const n = x.length;
  const w = x.map(r);
  if (n === 0 || pairwiseSum(w, r) === 0 || n * limit <= 1) return w.map(() => r(1 / n));
  const values = [...w].sort((a, b) => a - b);
  const total = pairwiseSum(values, r);
  const est = values.map((v) => r(v / total));
  // NEP 50: the Python float `limit` meets float32 values cast to float32.
  const limR = r(limit);
  if (Math.max(...est) <= limR) return divideBySum(w, r);
  const cumsum: number[] = [];
  let run = 0;
  for (const e of est) cumsum.push((run = r(run + e)));
  let nValues = 0;
  for (let i = 0; i < n; i++) {
    const estSum = r((n - i - 1) * est[i]!);
    if (r(est[i]! / r(r(estSum + cumsum[i]!) + eps)) < limR) nValues++;
  }
  // Python indexes cumsum[n_values - 1]: with n_values == 0 that is cumsum[-1], the last entry.
  const c = cumsum[nValues > 0 ? nValues - 1 : n - 1]!;
  // The denominator is float64 (Python float times np.int64), so the cutoff is float64 too.
  const cutoff = (r(r(limR * c) - eps) / (1 - limit * (n - nValues))) * total;
  const capped = w.map((v) => (v > cutoff ? r(cutoff) : v));
  return divideBySum(capped, r);
}

function divideBySum(w: number[], r: Round): number[] {
  const s = pairwiseSum(w, r);
  return w.map((v) => r(v / s));
}

/** Subnet parameters `process_weights_for_netuid` reads from the chain, given as plain values. */
export interface ProcessWeightsArgs {
  uids: ArrayLike<number>;
  weights: ArrayLike<number>;
  /** `metagraph.n`: neurons on the subnet. */
  numNeurons: number;
  /** `subtensor.min_allowed_weights(netuid)`. */
  minAllowedWeights: number;
  /** `subtensor.max_weight_limit(netuid)`: a fraction in 0..1 (u16 / 65535). */
  maxWeightLimit: number;
  /** Quantile of the lowest weights to drop, scaled to u16 (Python divides by 65535). */
  excludeQuantile?: number;
}

/**
 * Mirrors `process_weights` (the chain-free part of `process_weights_for_netuid`): keeps the
 * positive weights, drops those under the exclude quantile while keeping `minAllowedWeights`, and
 * max-weight normalises in float32. With no positive weight, or fewer neurons than the minimum,
 * every neuron gets `1/numNeurons`; with fewer positive weights than the minimum, every neuron
 * gets 1e-5 plus its weight (float64), then normalisation; both return uids `0..numNeurons-1`.
 * @throws InvalidArgumentError for bad uids or weights (as convertWeightsAndUidsForEmit),
 * a non-integer numNeurons, a negative or non-finite minimum/limit/quantile, or (where Python
 * raises IndexError) a positive weight at a position >= numNeurons in the padded branch.
 */
export function processWeights(args: ProcessWeightsArgs): EmitWeights {
  if (typeof args !== 'object' || args === null) bad('args', 'an object', args);
  const uids = intsArg(args.uids, 'args.uids');
  const weights = weightsArg(args.weights, 'args.weights', false).map(Math.fround);
  sameLength(uids, weights, 'args.uids/args.weights');
  const numNeurons = intArg(args.numNeurons, 'args.numNeurons');
  // A number, not only an integer: bittensor's own test passes 0.1 and Python compares it as is.
  const minAllowed = nonNegArg(args.minAllowedWeights, 'args.minAllowedWeights');
  const limit = limitArg(args.maxWeightLimit, 'args.maxWeightLimit');
  const exclude = args.excludeQuantile === undefined ? 0 : nonNegArg(args.excludeQuantile, 'args.excludeQuantile');
  const nzIdx = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  const range = Array.from({ length: numNeurons }, (_, i) => i);
  if (nzIdx.length === 0 || numNeurons < minAllowed) return { uids: range, weights: range.map(() => 1 / numNeurons) };
  if (nzIdx.length < minAllowed) {
    // Python pads by *position in the input*, not by uid (weights[non_zero_weight_idx] += …).
    const padded = range.map(() => 1e-5);
    for (const i of nzIdx) {
      if (i >= numNeurons) bad(`args.weights[${i}]`, `a position < numNeurons (${numNeurons})`, weights[i]);
      padded[i] = padded[i]! + weights[i]!;
    }
    return { uids: range, weights: normalize(padded, limit, same) };
  }
  const nzUids = nzIdx.map((i) => uids[i]!);
  const nzW = nzIdx.map((i) => weights[i]!);
  const maxExclude = Math.max(0, nzW.length - minAllowed) / nzW.length;
  const lowest = quantile32(nzW, Math.min(exclude / U16_MAX, maxExclude));
  const keep = nzW.flatMap((w, i) => (lowest <= w ? [i] : []));
  return { uids: keep.map((i) => nzUids[i]!), weights: normalize(keep.map((i) => nzW[i]!), limit, Math.fround) };
}

/** `np.quantile(float32 vector, q)`, default 'linear' method, result in float32 as NumPy 2 keeps it. */
function quantile32(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const virtual = (sorted.length - 1) * q;
  const prev = Math.floor(virtual);
  const a = sorted[prev]!;
  const b = sorted[Math.min(prev + 1, sorted.length - 1)]!;
  const t = Math.fround(virtual - prev);
  const diff = Math.fround(b - a);
  // numpy `_lerp`: from the upper end when t >= 0.5, for monotonicity.
  return t >= 0.5 ? Math.fround(b - Math.fround(diff * Math.fround(1 - t))) : Math.fround(a + Math.fround(diff * t));
}

/**
 * Mirrors `convert_weight_uids_and_vals_to_tensor`: chain `(uids, u16 values)` back to a dense
 * float32 row of length `n`, normalised to sum 1 (all zeros stay zeros). A later duplicate uid
 * overwrites an earlier one, as Python's item assignment does; extra uids or values past the
 * shorter list are ignored (Python zips).
 * @throws InvalidArgumentError for a uid >= n (Python: IndexError) or a bad n / value.
 */
export function convertWeightUidsAndValsToTensor(n: number, uids: ArrayLike<number>, weights: ArrayLike<number>): number[] {
  const size = intArg(n, 'n');
  const u = intsArg(uids, 'uids');
  const w = weightsArg(weights, 'weights', false);
  const row = new Array<number>(size).fill(0);
  for (let i = 0; i < Math.min(u.length, w.length); i++) {
    if (u[i]! >= size) bad(`uids[${i}]`, `a uid < n (${size})`, u[i]);
    row[u[i]!] = Math.fround(w[i]!);
  }
  const s = pairwiseSum(row, Math.fround);
  return s > 0 ? row.map((v) => Math.fround(v / s)) : row;
}

/** Mirrors `get_mechid_storage_index`: the u16 netuid a mechanism's weights are stored (and hashed) under. */
export function mechanismStorageIndex(netuid: number, mechid = 0, names = { netuid: 'netuid', mechid: 'mechid' }): number {
  const index = intArg(mechid, names.mechid) * GLOBAL_MAX_SUBNET_COUNT + intArg(netuid, names.netuid, U16_MAX);
  if (index > U16_MAX) bad(names.mechid, `a mechanism whose storage index fits u16 (${mechid} * 4096 + ${netuid} = ${index})`, mechid);
  return index;
}

/** Inputs of {@link generateWeightHash}. */
export interface WeightHashArgs {
  /** The hotkey: SS58 address, 0x hex of 32 bytes, or the 32-byte public key. */
  address: string | Uint8Array;
  netuid: number;
  /** Mechanism id; the hash then covers `mechid * 4096 + netuid` as `commit_mechanism_weights` does. */
  mechid?: number;
  /** u16 uids, as {@link convertWeightsAndUidsForEmit} returns them. */
  uids: ArrayLike<number>;
  /** u16 weight values. */
  values: ArrayLike<number>;
  /** u64 weights version key. */
  versionKey: number | bigint;
  /** u16 salt words. */
  salt: ArrayLike<number>;
}

function writeU16Vec(w: Writer, xs: number[]): void {
  encodeCompactNumber(w, xs.length);
  for (const x of xs) w.at(2).setUint16(w.last, x, true);
}

function versionKeyArg(v: unknown, name: string): bigint {
  const k = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (k === undefined || k < 0n || k > 0xffff_ffff_ffff_ffffn) bad(name, 'a u64 (integer or bigint)', v);
  return k;
}

/**
 * Mirrors `generate_weight_hash` as the commit extrinsics call it: `0x` + hex of
 * blake2b-256(AccountId32 ++ u16 netuid ++ Vec<u16> uids ++ Vec<u16> values ++ Vec<u16> salt ++
 * u64 version key), i.e. the SCALE tuple `(AccountId, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)`.
 * Note the order: salt comes before the version key, unlike the Python parameter order.
 * @throws InvalidArgumentError for a uid/value/salt word outside u16, a bad netuid, mechid or
 * version key, or uids and values of different lengths; InvalidAddressError for a bad address.
 */
export function generateWeightHash(args: WeightHashArgs): string {
  if (typeof args !== 'object' || args === null) bad('args', 'an object', args);
  const account = toPublicKey(args.address);
  const index = mechanismStorageIndex(args.netuid, args.mechid ?? 0, { netuid: 'args.netuid', mechid: 'args.mechid' });
  const uids = intsArg(args.uids, 'args.uids');
  const values = intsArg(args.values, 'args.values');
  sameLength(uids, values, 'args.uids/args.values');
  const salt = intsArg(args.salt, 'args.salt');
  const version = versionKeyArg(args.versionKey, 'args.versionKey');
  const w = new Writer(64 + 2 * (uids.length + values.length + salt.length));
  const at = w.reserve(32);
  w.buf.set(account, at);
  w.at(2).setUint16(w.last, index, true);
  writeU16Vec(w, uids);
  writeU16Vec(w, values);
  writeU16Vec(w, salt);
  w.at(8).setBigUint64(w.last, version, true);
  return toHex(blake2_256(w.buf.subarray(0, w.length)));
}
