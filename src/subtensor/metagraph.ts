/**
 * The Metagraph (bittensor 10.2's AsyncMetagraph): one subnet's neurons as columns at one block.
 * Everything it reads — the neurons (lite, or with weights and bonds), get_subnet_state for the
 * stakes, the MetagraphInfo, the mechanism count and emission split, and for the root subnet the
 * subnet list — is fetched concurrently at ONE pinned block over the one socket; Python issues the
 * same calls one after another. Columns: ./metagraph-columns.ts. `sync()` refreshes in place,
 * `toJSON()` / `Metagraph.fromJSON()` save and restore it.
 * @module
 */
import { InvalidArgumentError } from '../substrate/index.js';
import { arrayArg, optionsArg, optBoolArg, uintArg } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import type { AxonInfo, NeuronInfo, NeuronInfoLite } from './convert.js';
import { netuidArg, selectorArg } from './args.js';
import { pinnedBlock } from './time.js';
import { resolveAt } from './at.js';
import { typedCall, UnsupportedRuntimeError, type SubnetIdentity } from './subnets.js';
import type { ChainIdentity } from './identities.js';
import { getMetagraphInfo, type MetagraphInfo } from './metagraph-info.js';
import { getMechanismCount } from './subnet-limits.js';
import { getMechanismEmissionSplit } from './subnet-extras.js';
import {
  bondRows, dense, neuronColumns, rootWeightRows, stakeColumns, weightRows,
  type NeuronColumns, type SparseRow, type StakeColumns,
} from './metagraph-columns.js';
import { fromJsonValue, toJsonValue } from './json-value.js';

/** Options of `st.metagraph()` and `mg.sync()`. */
export interface MetagraphOptions extends BlockSelector {
  /** Mechanism id for the MetagraphInfo part (default 0). */
  mechid?: number;
  /** true (default): no weights and bonds (get_neurons_lite); false: get_neurons with W and B. */
  lite?: boolean;
  /** SelectiveMetagraphIndex values: fetch only these MetagraphInfo fields. */
  selectedIndices?: number[];
}

/** The MetagraphInfo-derived fields (Python's _apply_metagraph_info_mixin); null where the runtime has no metagraph API. */
export interface MetagraphExtra {
  name: string | null;
  symbol: string | null;
  networkRegisteredAt: bigint | null;
  numUids: number | null;
  maxUids: number | null;
  identities: (ChainIdentity | null)[] | null;
  identity: SubnetIdentity | null;
  pruningScore: number[] | null;
  blockAtRegistration: bigint[] | null;
  /** (hotkey, dividend in τ). */
  taoDividendsPerHotkey: [string, number][] | null;
  alphaDividendsPerHotkey: [string, number][] | null;
  lastStep: bigint | null;
  tempo: number | null;
  blocksSinceLastStep: bigint | null;
  ownerColdkey: string | null;
  ownerHotkey: string | null;
  /** The full MetagraphInfo the fields above come from (hparams, pool and emissions live here). */
  info: MetagraphInfo | null;
}

/** Everything a Metagraph holds, as plain data (what toJSON saves). */
export interface MetagraphState extends NeuronColumns, Partial<StakeColumns>, MetagraphExtra {
  netuid: number;
  mechid: number;
  lite: boolean;
  block: number;
  neurons: NeuronInfoLite[] | NeuronInfo[];
  axons: AxonInfo[];
  /** Sparse W rows (null when lite). On subnet 0 the columns are positions in `rootSubnets`. */
  weights: SparseRow[] | null;
  /** Sparse B rows, raw values (null when lite or on subnet 0). */
  bonds: SparseRow[] | null;
  /** Subnet 0 only, not lite: the netuids W's columns stand for, and TotalNetworks. */
  rootSubnets: number[] | null;
  rootWidth: number | null;
  mechanismCount: number;
  emissionsSplit: number[] | null;
}

const FORMAT = 'substrate-lite/metagraph@1';

export class Metagraph {
  #st: Subtensor | undefined;
  #dense = new Map<'W' | 'B', Float32Array[]>();

  private constructor(state: MetagraphState, st?: Subtensor) {
    Object.assign(this, state);
    this.#st = st;
  }

  /** Stake (Python's S): alpha + weighted root TAO, per neuron. */
  get S(): Float32Array | undefined { return this.stake; }
  /** Root TAO stake × 0.18 (Python's TS). */
  get TS(): Float32Array | undefined { return this.taoStake; }
  /** Alpha stake (Python's AS). */
  get AS(): Float32Array | undefined { return this.alphaStake; }
  get I(): Float32Array { return this.incentive; }
  get E(): Float32Array { return this.emission; }
  get C(): Float32Array { return this.consensus; }
  get Tv(): Float32Array { return this.validatorTrust; }
  get D(): Float32Array { return this.dividends; }
  /** Dense weights, n × n (n × subnets on subnet 0), as Python's W; computed on first use. */
  get W(): Float32Array[] | null { return this.#denseOf('W'); }
  /** Dense bonds, n × n, as Python's B. */
  get B(): Float32Array[] | null { return this.#denseOf('B'); }

  #denseOf(which: 'W' | 'B'): Float32Array[] | null {
    const rows = which === 'W' ? this.weights : this.bonds;
    if (!rows) return null;
    if (!this.#dense.has(which)) this.#dense.set(which, dense(rows, which === 'W' && this.netuid === 0 ? this.rootWidth ?? 0 : this.n));
    return this.#dense.get(which)!;
  }

  /** @internal A Metagraph over already-fetched state. */
  static restore(state: MetagraphState, st?: Subtensor): Metagraph {
    return new Metagraph(state, st);
  }

  /** Build a subnet's metagraph (what `st.metagraph(netuid, opts)` does). */
  static async load(st: Subtensor, netuid: number, opts: MetagraphOptions = {}): Promise<Metagraph> {
    return new Metagraph(await fetchState(st, netuidArg(netuid), checkOptions(opts)), st);
  }

  /** Re-read the metagraph (latest block unless `opts` pins one) over the Subtensor it came from. */
  async sync(opts: MetagraphOptions & { subtensor?: Subtensor } = {}): Promise<this> {
    const o = checkOptions(opts);
    const st = (opts as { subtensor?: Subtensor }).subtensor ?? this.#st;
    if (!st) throw new InvalidArgumentError('sync: this metagraph was restored from JSON; pass { subtensor }', 'opts.subtensor', undefined);
    const state = await fetchState(st, this.netuid, { mechid: this.mechid, lite: this.lite, ...o });
    Object.assign(this, state);
    this.#st = st;
    this.#dense.clear();
    return this;
  }

  /** A JSON-safe copy (bigints and typed arrays tagged), for `Metagraph.fromJSON`. */
  toJSON(): { format: typeof FORMAT; state: unknown } {
    const state: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) state[k] = toJsonValue(v);
    return { format: FORMAT, state };
  }

  /** Restore a saved metagraph; pass a Subtensor to be able to `sync()` it. */
  static fromJSON(json: unknown, st?: Subtensor): Metagraph {
    const j = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
    if (!j || typeof j !== 'object' || (j as { format?: unknown }).format !== FORMAT || typeof (j as { state?: unknown }).state !== 'object') {
      throw new InvalidArgumentError(`json: not a saved metagraph (expected format ${FORMAT})`, 'json', undefined);
    }
    return new Metagraph(fromJsonValue((j as { state: unknown }).state) as MetagraphState, st);
  }
}

// The state's fields are the instance's own enumerable properties (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Metagraph extends MetagraphState {}

function checkOptions(opts: MetagraphOptions): MetagraphOptions {
  const o = optionsArg(opts, 'opts') as MetagraphOptions;
  selectorArg(opts, 'opts');
  if (o.mechid != null) uintArg(o.mechid, 'opts.mechid', 255);
  optBoolArg(o.lite, 'opts.lite');
  if (o.selectedIndices != null) arrayArg(o.selectedIndices, 'opts.selectedIndices');
  return o;
}

type Pinned = Awaited<ReturnType<typeof pinnedBlock>>;

async function fetchState(st: Subtensor, netuid: number, o: MetagraphOptions, pinned?: Pinned): Promise<MetagraphState> {
  const lite = o.lite ?? true;
  const mechid = o.mechid ?? 0;
  // the block number is only reported: it is read alongside the data, not before it (one round trip less)
  const at = pinned?.at ?? (await resolveAt(st, o, true));
  const given = selectorArg(o).block;
  const sel = { blockHash: at.blockHash, signal: at.signal };
  const [block, neurons, stakes, info, mechanismCount, emissionsSplit, root] = await Promise.all([
    pinned?.block ?? given ?? st.client.getBlockNumber(at.blockHash!, { signal: at.signal }),
    lite ? st.neuronsLite(netuid, sel) : st.neurons(netuid, sel),
    subnetStakes(st, netuid, at),
    metagraphInfoIfAny(st, netuid, { ...sel, mechid, selectedIndices: o.selectedIndices }),
    getMechanismCount(st, netuid, sel),
    getMechanismEmissionSplit(st, netuid, sel),
    !lite && netuid === 0 ? Promise.all([st.getTotalSubnets(sel), st.getAllSubnetsNetuid(sel)]) : null,
  ]);
  const full = neurons as NeuronInfo[];
  return {
    netuid, mechid, lite, block, neurons, axons: neurons.map((x) => x.axonInfo),
    ...neuronColumns(neurons), ...stakes, ...extra(info),
    weights: lite ? null : root ? rootWeightRows(full, root[1], root[0]) : weightRows(full),
    bonds: lite || netuid === 0 ? null : bondRows(full),
    rootSubnets: root ? root[1] : null, rootWidth: root ? root[0] : null,
    mechanismCount, emissionsSplit,
  };
}

/** get_subnet_state's stakes; a runtime without a typed get_subnet_state leaves them out, as Python does. */
async function subnetStakes(st: Subtensor, netuid: number, at: { blockHash?: string; signal?: AbortSignal }): Promise<Partial<StakeColumns>> {
  try {
    const state = await typedCall(st, 'SubnetInfoRuntimeApi', 'get_subnet_state', [netuid], at);
    return state ? stakeColumns(state) : {};
  } catch (e) {
    if (e instanceof UnsupportedRuntimeError) return {};
    throw e;
  }
}

async function metagraphInfoIfAny(st: Subtensor, netuid: number, o: Parameters<typeof getMetagraphInfo>[2]): Promise<MetagraphInfo | null> {
  try {
    return await getMetagraphInfo(st, netuid, o);
  } catch (e) {
    if (e instanceof UnsupportedRuntimeError && o?.selectedIndices == null) return null;
    throw e;
  }
}

const taoOf = (pairs: [string, { rao: bigint }][] | null): [string, number][] | null =>
  pairs && pairs.map(([h, d]) => [h, Number(d.rao) / 1e9]);

function extra(m: MetagraphInfo | null): MetagraphExtra {
  return {
    name: m?.name ?? null, symbol: m?.symbol ?? null, networkRegisteredAt: m?.networkRegisteredAt ?? null,
    numUids: m?.numUids ?? null, maxUids: m?.maxUids ?? null, identities: m?.identities ?? null,
    identity: m?.identity ?? null, pruningScore: m?.pruningScore ?? null, blockAtRegistration: m?.blockAtRegistration ?? null,
    taoDividendsPerHotkey: taoOf(m?.taoDividendsPerHotkey ?? null), alphaDividendsPerHotkey: taoOf(m?.alphaDividendsPerHotkey ?? null),
    lastStep: m?.lastStep ?? null, tempo: m?.tempo ?? null, blocksSinceLastStep: m?.blocksSinceLastStep ?? null,
    ownerColdkey: m?.ownerColdkey ?? null, ownerHotkey: m?.ownerHotkey ?? null, info: m,
  };
}

/** Options of `st.allMetagraphs()`: those of `metagraph()` plus which subnets (all by default). */
export interface AllMetagraphsOptions extends MetagraphOptions {
  netuids?: number[];
}

export async function metagraph(st: Subtensor, netuid: number, opts: MetagraphOptions = {}): Promise<Metagraph> {
  return Metagraph.load(st, netuid, opts);
}

export async function allMetagraphs(st: Subtensor, opts: AllMetagraphsOptions = {}): Promise<Map<number, Metagraph>> {
  const o = checkOptions(opts) as AllMetagraphsOptions;
  const given = o.netuids == null ? null : arrayArg(o.netuids, 'opts.netuids').map((n, i) => netuidArg(n, `opts.netuids[${i}]`));
  const pinned = await pinnedBlock(st, o);
  const netuids = given ?? (await st.getAllSubnetsNetuid({ blockHash: pinned.at.blockHash, signal: pinned.at.signal }));
  const states = await Promise.all(netuids.map((n) => fetchState(st, n, o, pinned)));
  return new Map(states.map((s) => [s.netuid, Metagraph.restore(s, st)]));
}

export const metagraphReads = {
  /**
   * A subnet's Metagraph at one block (Python's `metagraph(netuid, mechid, lite, block)`): neuron
   * columns, stakes, and with `lite: false` the weights and bonds; `sync()` refreshes it.
   */
  metagraph,
  /** Metagraphs of many subnets (all by default), every one read at the same pinned block, concurrently. */
  allMetagraphs,
};
