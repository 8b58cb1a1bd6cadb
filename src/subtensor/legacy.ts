// Older Subtensor runtimes (e.g. spec ≤ 2xx) return runtime-API results as SCALE bytes inside a
// Vec<u8>, with no type information in metadata. These are those layouts, as the Python SDK's
// `custom_rpc_type_registry` defines them, composed from our codecs.
import { DecodeError, bool, compactBig, compactNumber, fixedBytes, option, struct, tuple, u128, u16, u32, u64, u8, vec, type Codec, codec, ss58Encode } from '../scale/index.js';

const accountId: Codec<string> = codec(
  (w, v) => fixedBytes(32).enc(w, v as never),
  (c) => ss58Encode(fixedBytes(32).dec(c), 42),
);

const axonInfo = struct([
  ['block', u64], ['version', u32], ['ip', u128], ['port', u16], ['ip_type', u8], ['protocol', u8], ['placeholder1', u8], ['placeholder2', u8],
]);
const prometheusInfo = struct([['block', u64], ['version', u32], ['ip', u128], ['port', u16], ['ip_type', u8]]);
const stakeList = vec(tuple(accountId, compactBig), 33);
const u16Pairs = vec(tuple(compactNumber, compactNumber), 2);

const neuronHead: [string, Codec<unknown>][] = [
  ['hotkey', accountId], ['coldkey', accountId], ['uid', compactNumber], ['netuid', compactNumber], ['active', bool],
  ['axon_info', axonInfo], ['prometheus_info', prometheusInfo], ['stake', stakeList], ['rank', compactNumber],
  ['emission', compactBig], ['incentive', compactNumber], ['consensus', compactNumber], ['trust', compactNumber],
  ['validator_trust', compactNumber], ['dividends', compactNumber], ['last_update', compactBig], ['validator_permit', bool],
];

export const NeuronInfoLite = struct([...neuronHead, ['pruning_score', compactNumber]]);
export const NeuronInfo = struct([...neuronHead, ['weights', u16Pairs], ['bonds', u16Pairs], ['pruning_score', compactNumber]]);

export const SubnetHyperparameters = struct([
  ['rho', compactNumber], ['kappa', compactNumber], ['immunity_period', compactNumber], ['min_allowed_weights', compactNumber],
  ['max_weights_limit', compactNumber], ['tempo', compactNumber], ['min_difficulty', compactBig], ['max_difficulty', compactBig],
  ['weights_version', compactBig], ['weights_rate_limit', compactBig], ['adjustment_interval', compactNumber],
  ['activity_cutoff', compactNumber], ['registration_allowed', bool], ['target_regs_per_interval', compactNumber],
  ['min_burn', compactBig], ['max_burn', compactBig], ['bonds_moving_avg', compactBig], ['max_regs_per_block', compactNumber],
  ['serving_rate_limit', compactBig], ['max_validators', compactNumber], ['adjustment_alpha', compactBig],
  ['difficulty', compactBig], ['commit_reveal_weights_interval', compactBig], ['commit_reveal_weights_enabled', bool],
]);

export const SubnetInfo = struct([
  ['netuid', compactNumber], ['rho', compactNumber], ['kappa', compactNumber], ['difficulty', compactBig],
  ['immunity_period', compactNumber], ['max_allowed_validators', compactNumber], ['min_allowed_weights', compactNumber],
  ['max_weights_limit', compactNumber], ['scaling_law_power', compactNumber], ['subnetwork_n', compactNumber],
  ['max_allowed_uids', compactNumber], ['blocks_since_last_step', compactBig], ['tempo', compactNumber],
  ['network_modality', compactNumber], ['network_connect', vec(vec(compactNumber, 1), 1)], ['emission_values', compactBig],
  ['burn', compactBig], ['owner', accountId],
]);

export const DelegateInfo = struct([
  ['delegate_ss58', accountId], ['take', compactNumber], ['nominators', stakeList], ['owner_ss58', accountId],
  ['registrations', vec(compactNumber, 1)], ['validator_permits', vec(compactNumber, 1)], ['return_per_1000', compactBig],
  ['total_daily_return', compactBig],
]);

/** StakeInfo before per-subnet stake (Python's original layout). */
export const StakeInfoV1 = struct([['hotkey', accountId], ['coldkey', accountId], ['stake', compactBig]]);
/** StakeInfo once stake became per subnet (e.g. spec 218). */
export const StakeInfo = struct([
  ['hotkey', accountId], ['coldkey', accountId], ['netuid', compactNumber], ['stake', compactBig], ['locked', compactBig],
  ['emission', compactBig], ['drain', compactBig], ['is_registered', bool],
]);

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

/** Legacy output codec per `Api_method`, for runtimes whose metadata says `Vec<u8>`. */
export const LEGACY_OUTPUTS: Record<string, Codec<unknown>> = {
  NeuronInfoRuntimeApi_get_neurons_lite: vec(NeuronInfoLite, 80),
  NeuronInfoRuntimeApi_get_neurons: vec(NeuronInfo, 80),
  NeuronInfoRuntimeApi_get_neuron_lite: emptyIsNull(NeuronInfoLite),
  NeuronInfoRuntimeApi_get_neuron: emptyIsNull(NeuronInfo),
  SubnetInfoRuntimeApi_get_subnet_info: emptyIsNull(SubnetInfo),
  SubnetInfoRuntimeApi_get_subnets_info: vec(option(SubnetInfo), 1),
  SubnetInfoRuntimeApi_get_subnet_hyperparams: emptyIsNull(SubnetHyperparameters),
  DelegateInfoRuntimeApi_get_delegates: vec(DelegateInfo, 64),
  DelegateInfoRuntimeApi_get_delegate: emptyIsNull(DelegateInfo),
  DelegateInfoRuntimeApi_get_delegated: vec(tuple(DelegateInfo, compactBig), 64),
  StakeInfoRuntimeApi_get_stake_info_for_coldkey: firstOf(vec(StakeInfo, 64), vec(StakeInfoV1, 64)),
  StakeInfoRuntimeApi_get_stake_info_for_coldkeys: firstOf(vec(tuple(accountId, vec(StakeInfo, 64)), 32), vec(tuple(accountId, vec(StakeInfoV1, 64)), 32)),
};
