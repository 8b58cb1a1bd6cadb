/**
 * The Metagraph's columns computed from what the chain returned, as bittensor 10.2's Metagraph
 * computes them: float columns are float32 (numpy's dtype there, Float32Array here, so the values
 * are the same floats), weight rows are normalised to sum 1 (convert_weight_uids_and_vals_to_tensor),
 * bond rows keep the raw values, root weights are laid out by the subnet list
 * (convert_root_weight_uids_and_vals_to_tensor), stake columns come from get_subnet_state with root
 * TAO weighted by ROOT_TAO_STAKE_WEIGHT. Pure functions: no I/O.
 * @module
 */
import { DecodeError } from '../scale/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { NeuronInfo, NeuronInfoLite } from './convert.js';
import { ROOT_TAO_STAKE_WEIGHT } from './metagraph-info.js';

/** One row of W or B, sparse: destination columns ascending and their values (float32). */
export interface SparseRow {
  uids: Uint16Array;
  values: Float32Array;
}

/** The per-neuron columns taken from the neurons (Python's _set_metagraph_attributes). */
export interface NeuronColumns {
  n: number;
  uids: Uint16Array;
  consensus: Float32Array;
  incentive: Float32Array;
  dividends: Float32Array;
  /** τ (or the subnet's alpha) per block, as Python's neuron.emission (rao / 1e9). */
  emission: Float32Array;
  validatorTrust: Float32Array;
  active: Uint8Array;
  lastUpdate: Float64Array;
  validatorPermit: boolean[];
  hotkeys: string[];
  coldkeys: string[];
  /** Axon endpoints as Python's AxonInfo.ip_str(): `/ipv4/1.2.3.4:8091`. */
  addresses: string[];
}

/** Stake columns (Python's _get_all_stakes_from_chain), in τ / alpha as float32. */
export interface StakeColumns {
  alphaStake: Float32Array;
  /** Root TAO stake × 0.18 (on subnet 0: the TAO stake itself). */
  taoStake: Float32Array;
  stake: Float32Array;
}

const f32 = (xs: number[]): Float32Array => Float32Array.from(xs);
const tao = (rao: bigint): number => Number(rao) / 1e9;

export function neuronColumns(neurons: readonly NeuronInfoLite[]): NeuronColumns {
  return {
    n: neurons.length,
    uids: Uint16Array.from(neurons, (x) => x.uid),
    consensus: f32(neurons.map((x) => x.consensus)),
    incentive: f32(neurons.map((x) => x.incentive)),
    dividends: f32(neurons.map((x) => x.dividends)),
    emission: f32(neurons.map((x) => tao(x.emission.rao))),
    validatorTrust: f32(neurons.map((x) => x.validatorTrust)),
    active: Uint8Array.from(neurons, (x) => (x.active ? 1 : 0)),
    lastUpdate: Float64Array.from(neurons, (x) => x.lastUpdate),
    validatorPermit: neurons.map((x) => x.validatorPermit),
    hotkeys: neurons.map((x) => x.axonInfo.hotkey),
    coldkeys: neurons.map((x) => x.axonInfo.coldkey),
    addresses: neurons.map((x) => `/ipv${x.axonInfo.ipType}/${x.axonInfo.ip}:${x.axonInfo.port}`),
  };
}

export function stakeColumns(state: Finney.SubnetState): StakeColumns {
  const taoStake = state.tao_stake.map(tao);
  if (state.netuid === 0) {
    const all = f32(taoStake);
    return { alphaStake: all, taoStake: all, stake: all };
  }
  return {
    alphaStake: f32(state.alpha_stake.map(tao)),
    taoStake: f32(taoStake.map((t) => t * ROOT_TAO_STAKE_WEIGHT)),
    stake: f32(state.total_stake.map(tao)),
  };
}

/**
 * One sparse row from (column, value) pairs: a later pair for the same column replaces an earlier
 * one (as Python's dense assignment does), zeros are dropped, `normalise` divides by the row's
 * float32 sum. A column outside [0, width) is a malformed reply and throws.
 */
function sparseRow(pairs: readonly (readonly [number, number])[], width: number, normalise: boolean, what: string): SparseRow {
  const byCol = new Map<number, number>();
  for (const [col, v] of pairs) {
    if (!Number.isInteger(col) || col < 0 || col >= width) throw new DecodeError(`${what}: column ${col} is outside 0..${width - 1}`, 0, what);
    byCol.set(col, Math.fround(v));
  }
  const cols = [...byCol.keys()].filter((c) => byCol.get(c) !== 0).sort((a, b) => a - b);
  const sum = Math.fround(cols.reduce((s, c) => s + byCol.get(c)!, 0));
  const values = Float32Array.from(cols, (c) => (normalise && sum > 0 ? byCol.get(c)! / sum : byCol.get(c)!));
  return { uids: Uint16Array.from(cols), values };
}

/** W rows of a subnet (not root): each neuron's weights normalised to sum 1. */
export const weightRows = (neurons: readonly NeuronInfo[]): SparseRow[] =>
  neurons.map((x, i) => sparseRow(x.weights, neurons.length, true, `neuron ${i} weights`));

/** B rows: the raw bond values. */
export const bondRows = (neurons: readonly NeuronInfo[]): SparseRow[] =>
  neurons.map((x, i) => sparseRow(x.bonds, neurons.length, false, `neuron ${i} bonds`));

/**
 * Root (subnet 0) W rows: column j is the j-th entry of `subnets` (the existing netuids), `width`
 * the TotalNetworks count; a weight on a netuid that does not exist is skipped, as Python does.
 */
export function rootWeightRows(neurons: readonly NeuronInfo[], subnets: readonly number[], width: number): SparseRow[] {
  const column = new Map(subnets.map((s, j) => [s, j]));
  return neurons.map((x, i) => {
    const pairs = x.weights.flatMap(([netuid, v]) => (column.has(netuid) && column.get(netuid)! < width ? [[column.get(netuid)!, v] as const] : []));
    return sparseRow(pairs, width, true, `neuron ${i} root weights`);
  });
}

/** A sparse matrix as Python's dense one: one Float32Array of `width` per row. */
export function dense(rows: readonly SparseRow[], width: number): Float32Array[] {
  return rows.map((r) => {
    const out = new Float32Array(width);
    r.uids.forEach((c, k) => (out[c] = r.values[k]));
    return out;
  });
}
