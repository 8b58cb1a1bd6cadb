// Older Subtensor runtimes (e.g. spec ≤ 2xx) return runtime-API results as SCALE bytes inside a
// Vec<u8>, with no type information in metadata. These are those layouts, as the Python SDK's
// `custom_rpc_type_registry` defines them, composed from our codecs.
import { DecodeError, bool, compactBig, compactNumber, fixedBytes, option, struct, tuple, u128, u16, u32, u64, u8, vec, type Codec, codec, ss58Decode, ss58Encode } from '../scale/index.js';

// An account as SS58 both ways (decoded with prefix 42, as the Python SDK does).
const accountId: Codec<string> = codec(
  (w, v) => fixedBytes(32).enc(w, ss58Decode(v).publicKey),
  (c) => ss58Encode(fixedBytes(32).dec(c), 42),
);

// A struct codec typed by its interface: every field of `T` must be given a codec of that field's
// type (checked by the compiler), in wire order (an object literal keeps its key order). The one
// cast is here: scale's `struct` types its result as a record, the field map proves the shape.
function record<T extends object>(fields: { [K in keyof T]-?: Codec<T[K]> }): Codec<T> {
  return struct(Object.entries(fields) as [string, Codec<unknown>][]) as unknown as Codec<T>;
}

function pair<A, B>(a: Codec<A>, b: Codec<B>): Codec<[A, B]> {
  return tuple(a, b) as unknown as Codec<[A, B]>;
}

/** Axon endpoint (legacy layout; placeholders are reserved bytes). */
export interface AxonInfo {
  block: bigint;
  version: number;
  ip: bigint;
  port: number;
  ip_type: number;
  protocol: number;
  placeholder1: number;
  placeholder2: number;
}
const axonInfo = record<AxonInfo>({
  block: u64, version: u32, ip: u128, port: u16, ip_type: u8, protocol: u8, placeholder1: u8, placeholder2: u8,
});

/** Prometheus endpoint (legacy layout). */
export interface PrometheusInfo {
  block: bigint;
  version: number;
  ip: bigint;
  port: number;
  ip_type: number;
}
const prometheusInfo = record<PrometheusInfo>({ block: u64, version: u32, ip: u128, port: u16, ip_type: u8 });
const stakeList = vec(pair(accountId, compactBig), 33);
const u16Pairs = vec(pair(compactNumber, compactNumber), 2);

/** A neuron without weights and bonds (legacy layout); `stake` is [coldkey, rao] per staker. */
export interface NeuronInfoLite {
  hotkey: string;
  coldkey: string;
  uid: number;
  netuid: number;
  active: boolean;
  axon_info: AxonInfo;
  prometheus_info: PrometheusInfo;
  stake: [string, bigint][];
  rank: number;
  emission: bigint;
  incentive: number;
  consensus: number;
  trust: number;
  validator_trust: number;
  dividends: number;
  last_update: bigint;
  validator_permit: boolean;
  pruning_score: number;
}

/** A neuron with its (uid, weight) and (uid, bond) pairs (legacy layout). */
export interface NeuronInfo extends NeuronInfoLite {
  weights: [number, number][];
  bonds: [number, number][];
}

const neuronHead = {
  hotkey: accountId, coldkey: accountId, uid: compactNumber, netuid: compactNumber, active: bool,
  axon_info: axonInfo, prometheus_info: prometheusInfo, stake: stakeList, rank: compactNumber,
  emission: compactBig, incentive: compactNumber, consensus: compactNumber, trust: compactNumber,
  validator_trust: compactNumber, dividends: compactNumber, last_update: compactBig, validator_permit: bool,
};

export const NeuronInfoLite = record<NeuronInfoLite>({ ...neuronHead, pruning_score: compactNumber });
export const NeuronInfo = record<NeuronInfo>({ ...neuronHead, weights: u16Pairs, bonds: u16Pairs, pruning_score: compactNumber });

/** Subnet hyperparameters (legacy layout: before the alpha fields; `commit_reveal_weights_interval`). */
export interface SubnetHyperparameters {
  rho: number;
  kappa: number;
  immunity_period: number;
  min_allowed_weights: number;
  max_weights_limit: number;
  tempo: number;
  min_difficulty: bigint;
  max_difficulty: bigint;
  weights_version: bigint;
  weights_rate_limit: bigint;
  adjustment_interval: number;
  activity_cutoff: number;
  registration_allowed: boolean;
  target_regs_per_interval: number;
  min_burn: bigint;
  max_burn: bigint;
  bonds_moving_avg: bigint;
  max_regs_per_block: number;
  serving_rate_limit: bigint;
  max_validators: number;
  adjustment_alpha: bigint;
  difficulty: bigint;
  commit_reveal_weights_interval: bigint;
  commit_reveal_weights_enabled: boolean;
}

export const SubnetHyperparameters = record<SubnetHyperparameters>({
  rho: compactNumber, kappa: compactNumber, immunity_period: compactNumber, min_allowed_weights: compactNumber,
  max_weights_limit: compactNumber, tempo: compactNumber, min_difficulty: compactBig, max_difficulty: compactBig,
  weights_version: compactBig, weights_rate_limit: compactBig, adjustment_interval: compactNumber,
  activity_cutoff: compactNumber, registration_allowed: bool, target_regs_per_interval: compactNumber,
  min_burn: compactBig, max_burn: compactBig, bonds_moving_avg: compactBig, max_regs_per_block: compactNumber,
  serving_rate_limit: compactBig, max_validators: compactNumber, adjustment_alpha: compactBig,
  difficulty: compactBig, commit_reveal_weights_interval: compactBig, commit_reveal_weights_enabled: bool,
});

/** Subnet summary (legacy layout). */
export interface SubnetInfo {
  netuid: number;
  rho: number;
  kappa: number;
  difficulty: bigint;
  immunity_period: number;
  max_allowed_validators: number;
  min_allowed_weights: number;
  max_weights_limit: number;
  scaling_law_power: number;
  subnetwork_n: number;
  max_allowed_uids: number;
  blocks_since_last_step: bigint;
  tempo: number;
  network_modality: number;
  network_connect: number[][];
  emission_values: bigint;
  burn: bigint;
  owner: string;
}

export const SubnetInfo = record<SubnetInfo>({
  netuid: compactNumber, rho: compactNumber, kappa: compactNumber, difficulty: compactBig,
  immunity_period: compactNumber, max_allowed_validators: compactNumber, min_allowed_weights: compactNumber,
  max_weights_limit: compactNumber, scaling_law_power: compactNumber, subnetwork_n: compactNumber,
  max_allowed_uids: compactNumber, blocks_since_last_step: compactBig, tempo: compactNumber,
  network_modality: compactNumber, network_connect: vec(vec(compactNumber, 1), 1), emission_values: compactBig,
  burn: compactBig, owner: accountId,
});

/** A delegate (legacy layout: one stake per nominator, not per subnet). */
export interface DelegateInfo {
  delegate_ss58: string;
  take: number;
  nominators: [string, bigint][];
  owner_ss58: string;
  registrations: number[];
  validator_permits: number[];
  return_per_1000: bigint;
  total_daily_return: bigint;
}

export const DelegateInfo = record<DelegateInfo>({
  delegate_ss58: accountId, take: compactNumber, nominators: stakeList, owner_ss58: accountId,
  registrations: vec(compactNumber, 1), validator_permits: vec(compactNumber, 1), return_per_1000: compactBig,
  total_daily_return: compactBig,
});

/** StakeInfo before per-subnet stake (Python's original layout). */
export interface StakeInfoV1 {
  hotkey: string;
  coldkey: string;
  stake: bigint;
}
export const StakeInfoV1 = record<StakeInfoV1>({ hotkey: accountId, coldkey: accountId, stake: compactBig });

/** StakeInfo once stake became per subnet (e.g. spec 218; no `tao_emission` yet). */
export interface StakeInfo {
  hotkey: string;
  coldkey: string;
  netuid: number;
  stake: bigint;
  locked: bigint;
  emission: bigint;
  drain: bigint;
  is_registered: boolean;
}
export const StakeInfo = record<StakeInfo>({
  hotkey: accountId, coldkey: accountId, netuid: compactNumber, stake: compactBig, locked: compactBig,
  emission: compactBig, drain: compactBig, is_registered: bool,
});

/** Try layouts newest first; the first that consumes the whole input wins. */
function firstOf<T>(...alternatives: Codec<T>[]): Codec<T> {
  return codec(
    (w, v) => alternatives[0].enc(w, v),
    (c) => {
      const start = c.offset;
      let last: unknown;
      for (const alt of alternatives) {
        c.offset = start;
        try {
          const v = alt.dec(c);
          if (c.offset === c.bytes.length) return v;
        } catch (e) {
          last = e;
        }
      }
      c.offset = start;
      throw last ?? new DecodeError('no legacy layout matched the whole input', start);
    },
  );
}

// Some legacy calls return the bare struct, or an empty Vec<u8> when there is nothing.
function emptyIsNull<T>(inner: Codec<T>): Codec<T | null> {
  return codec(
    (w, v) => {
      if (v !== null) inner.enc(w, v);
    },
    (c) => {
      if (c.remaining() === 0) return null;
      const v = inner.dec(c);
      // Runtimes appended fields over time; the Python layout names the ones every version has.
      c.offset = c.bytes.length;
      return v;
    },
  );
}

/** The decoded legacy output per `Api_method`. */
export interface LegacyOutputs {
  NeuronInfoRuntimeApi_get_neurons_lite: NeuronInfoLite[];
  NeuronInfoRuntimeApi_get_neurons: NeuronInfo[];
  NeuronInfoRuntimeApi_get_neuron_lite: NeuronInfoLite | null;
  NeuronInfoRuntimeApi_get_neuron: NeuronInfo | null;
  SubnetInfoRuntimeApi_get_subnet_info: SubnetInfo | null;
  SubnetInfoRuntimeApi_get_subnets_info: (SubnetInfo | null)[];
  SubnetInfoRuntimeApi_get_subnet_hyperparams: SubnetHyperparameters | null;
  DelegateInfoRuntimeApi_get_delegates: DelegateInfo[];
  DelegateInfoRuntimeApi_get_delegate: DelegateInfo | null;
  /** (delegate, stake of the coldkey on it). */
  DelegateInfoRuntimeApi_get_delegated: [DelegateInfo, bigint][];
  StakeInfoRuntimeApi_get_stake_info_for_coldkey: StakeInfo[] | StakeInfoV1[];
  StakeInfoRuntimeApi_get_stake_info_for_coldkeys: [string, StakeInfo[]][] | [string, StakeInfoV1[]][];
}

/** Legacy output codec per `Api_method`, for runtimes whose metadata says `Vec<u8>`. */
export const LEGACY_OUTPUTS: { [K in keyof LegacyOutputs]: Codec<LegacyOutputs[K]> } = {
  NeuronInfoRuntimeApi_get_neurons_lite: vec(NeuronInfoLite, 80),
  NeuronInfoRuntimeApi_get_neurons: vec(NeuronInfo, 80),
  NeuronInfoRuntimeApi_get_neuron_lite: emptyIsNull(NeuronInfoLite),
  NeuronInfoRuntimeApi_get_neuron: emptyIsNull(NeuronInfo),
  SubnetInfoRuntimeApi_get_subnet_info: emptyIsNull(SubnetInfo),
  SubnetInfoRuntimeApi_get_subnets_info: vec(option(SubnetInfo), 1),
  SubnetInfoRuntimeApi_get_subnet_hyperparams: emptyIsNull(SubnetHyperparameters),
  DelegateInfoRuntimeApi_get_delegates: vec(DelegateInfo, 64),
  DelegateInfoRuntimeApi_get_delegate: emptyIsNull(DelegateInfo),
  DelegateInfoRuntimeApi_get_delegated: vec(pair(DelegateInfo, compactBig), 64),
  StakeInfoRuntimeApi_get_stake_info_for_coldkey: firstOf<StakeInfo[] | StakeInfoV1[]>(vec(StakeInfo, 64), vec(StakeInfoV1, 64)),
  StakeInfoRuntimeApi_get_stake_info_for_coldkeys: firstOf<[string, StakeInfo[]][] | [string, StakeInfoV1[]][]>(
    vec(pair(accountId, vec(StakeInfo, 64)), 32),
    vec(pair(accountId, vec(StakeInfoV1, 64)), 32),
  ),
};
