/**
 * A subnet's MetagraphInfo (bittensor's get_metagraph_info, get_all_metagraphs_info): the runtime's
 * Metagraph / SelectiveMetagraph converted as Python's MetagraphInfo does it — rao as Balance (τ
 * for TAO amounts, the subnet's unit for alpha), u16 fractions and u64 fractions as numbers, the
 * storage index split into netuid and mechanism, account ids as SS58. A field a selective query
 * did not ask for is null. Runtimes with get_selective_mechagraph are asked through it (every
 * index, or the caller's), older ones through get_selective_metagraph / get_metagraph.
 * @module
 */
import { InvalidArgumentError } from '../substrate/index.js';
import { arrayArg, objectArg, optionsArg, uintArg } from '../substrate/validate.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { axonInfo, fixedToNumber, GLOBAL_MAX_SUBNET_COUNT, u16Normalized, type AxonInfo } from './convert.js';
import { netuidArg, selectorArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { subnetIdentity, typedCall, type SubnetIdentity } from './subnets.js';
import { chainIdentity, type ChainIdentity } from './identities.js';

/** Python's SelectiveMetagraphIndex: the field numbers get_selective_(metagraph|mechagraph) takes. */
export const SelectiveMetagraphIndex = Object.freeze({
  Netuid: 0, Name: 1, Symbol: 2, Identity: 3, NetworkRegisteredAt: 4, OwnerHotkey: 5, OwnerColdkey: 6, Block: 7,
  Tempo: 8, LastStep: 9, BlocksSinceLastStep: 10, SubnetEmission: 11, AlphaIn: 12, AlphaOut: 13, TaoIn: 14,
  AlphaOutEmission: 15, AlphaInEmission: 16, TaoInEmission: 17, PendingAlphaEmission: 18, PendingRootEmission: 19,
  SubnetVolume: 20, MovingPrice: 21, Rho: 22, Kappa: 23, MinAllowedWeights: 24, MaxWeightsLimit: 25,
  WeightsVersion: 26, WeightsRateLimit: 27, ActivityCutoff: 28, MaxValidators: 29, NumUids: 30, MaxUids: 31,
  Burn: 32, Difficulty: 33, RegistrationAllowed: 34, PowRegistrationAllowed: 35, ImmunityPeriod: 36,
  MinDifficulty: 37, MaxDifficulty: 38, MinBurn: 39, MaxBurn: 40, AdjustmentAlpha: 41, AdjustmentInterval: 42,
  TargetRegsPerInterval: 43, MaxRegsPerBlock: 44, ServingRateLimit: 45, CommitRevealWeightsEnabled: 46,
  CommitRevealPeriod: 47, LiquidAlphaEnabled: 48, AlphaHigh: 49, AlphaLow: 50, BondsMovingAvg: 51, Hotkeys: 52,
  Coldkeys: 53, Identities: 54, Axons: 55, Active: 56, ValidatorPermit: 57, PruningScore: 58, LastUpdate: 59,
  Emission: 60, Dividends: 61, Incentives: 62, Consensus: 63, Trust: 64, Rank: 65, BlockAtRegistration: 66,
  AlphaStake: 67, TaoStake: 68, TotalStake: 69, TaoDividendsPerHotkey: 70, AlphaDividendsPerHotkey: 71,
  Validators: 72, Commitments: 73,
} as const);
const ALL_INDICES = Object.values(SelectiveMetagraphIndex);

/** Python's settings.ROOT_TAO_STAKE_WEIGHT: how much root TAO stake counts next to alpha stake. */
export const ROOT_TAO_STAKE_WEIGHT = 0.18;
/** The bytes of a metagraph commitment before its text (Python's SELECTIVE_METAGRAPH_COMMITMENTS_OFFSET). */
const COMMITMENT_OFFSET = 14;
const U64_MAX = Number(2n ** 64n - 1n);

/** A subnet mechanism's metagraph (Python's MetagraphInfo); a field not selected is null. */
export interface MetagraphInfo {
  netuid: number;
  mechid: number;
  name: string | null;
  symbol: string | null;
  identity: SubnetIdentity | null;
  networkRegisteredAt: bigint | null;
  ownerHotkey: string | null;
  ownerColdkey: string | null;
  block: bigint | null;
  tempo: number | null;
  lastStep: bigint | null;
  blocksSinceLastStep: bigint | null;
  subnetEmission: Balance | null;
  alphaIn: Balance | null;
  alphaOut: Balance | null;
  taoIn: Balance | null;
  alphaOutEmission: Balance | null;
  alphaInEmission: Balance | null;
  taoInEmission: Balance | null;
  pendingAlphaEmission: Balance | null;
  pendingRootEmission: Balance | null;
  subnetVolume: Balance | null;
  /** Python's Balance.from_tao(fixed_to_float(moving_price, 32)), in τ. */
  movingPrice: Balance | null;
  rho: number | null;
  kappa: number | null;
  minAllowedWeights: number | null;
  maxWeightsLimit: number | null;
  weightsVersion: bigint | null;
  weightsRateLimit: bigint | null;
  activityCutoff: number | null;
  maxValidators: number | null;
  numUids: number | null;
  maxUids: number | null;
  burn: Balance | null;
  /** u64 fractions (value / (2^64 − 1)), as Python's u64_normalized_float. */
  difficulty: number | null;
  registrationAllowed: boolean | null;
  powRegistrationAllowed: boolean | null;
  immunityPeriod: number | null;
  minDifficulty: number | null;
  maxDifficulty: number | null;
  minBurn: Balance | null;
  maxBurn: Balance | null;
  adjustmentAlpha: number | null;
  adjustmentInterval: number | null;
  targetRegsPerInterval: number | null;
  maxRegsPerBlock: number | null;
  servingRateLimit: bigint | null;
  commitRevealWeightsEnabled: boolean | null;
  commitRevealPeriod: bigint | null;
  liquidAlphaEnabled: boolean | null;
  alphaHigh: number | null;
  alphaLow: number | null;
  bondsMovingAvg: number | null;
  hotkeys: string[] | null;
  coldkeys: string[] | null;
  identities: (ChainIdentity | null)[] | null;
  axons: AxonInfo[] | null;
  active: boolean[] | null;
  validatorPermit: boolean[] | null;
  pruningScore: number[] | null;
  lastUpdate: bigint[] | null;
  emission: Balance[] | null;
  dividends: number[] | null;
  incentives: number[] | null;
  consensus: number[] | null;
  trust: number[] | null;
  rank: number[] | null;
  blockAtRegistration: bigint[] | null;
  alphaStake: Balance[] | null;
  /** Root TAO stake × ROOT_TAO_STAKE_WEIGHT (0.18), truncated to rao, as Python. */
  taoStake: Balance[] | null;
  totalStake: Balance[] | null;
  taoDividendsPerHotkey: [hotkey: string, dividend: Balance][] | null;
  alphaDividendsPerHotkey: [hotkey: string, dividend: Balance][] | null;
  validators: number[] | null;
  /** (hotkey, commitment text) pairs, the text after the commitment's 14-byte header. */
  commitments: [hotkey: string, commitment: string][] | null;
}

type Raw = Partial<{ [K in keyof Finney.SelectiveMetagraph]: Finney.SelectiveMetagraph[K] | Finney.Metagraph[K & keyof Finney.Metagraph] }>;

const utf8 = new TextDecoder();
const text = (b: number[] | null | undefined): string | null => (b == null ? null : utf8.decode(Uint8Array.from(b)));
const opt = <T, R>(v: T | null | undefined, f: (x: T) => R): R | null => (v == null ? null : f(v));
const list = <T, R>(v: T[] | null | undefined, f: (x: T, i: number) => R): R[] | null => (v == null ? null : v.map(f));
const u64f = (v: bigint): number => Number(v) / U64_MAX;
const rootWeighted = (rao: bigint): Balance => balance(BigInt(Math.trunc(Number(rao) * ROOT_TAO_STAKE_WEIGHT)));

/** A decoded Metagraph or SelectiveMetagraph → MetagraphInfo (Python's MetagraphInfo._from_dict). */
export function metagraphInfo(raw: Raw): MetagraphInfo {
  objectArg(raw, 'raw', 'a decoded Metagraph or SelectiveMetagraph');
  const index = Number(raw.netuid);
  const n = index % GLOBAL_MAX_SUBNET_COUNT;
  const tao = (v: bigint | null | undefined) => opt(v, (x) => balance(x));
  const alpha = (v: bigint | null | undefined) => opt(v, (x) => balance(x, n));
  const hotkeys = raw.hotkeys ?? null;
  const coldkeys = raw.coldkeys ?? null;
  return {
    netuid: n, mechid: Math.floor(index / GLOBAL_MAX_SUBNET_COUNT),
    name: text(raw.name), symbol: text(raw.symbol), identity: opt(raw.identity, subnetIdentity),
    networkRegisteredAt: raw.network_registered_at ?? null, ownerHotkey: raw.owner_hotkey ?? null, ownerColdkey: raw.owner_coldkey ?? null,
    block: raw.block ?? null, tempo: raw.tempo ?? null, lastStep: raw.last_step ?? null, blocksSinceLastStep: raw.blocks_since_last_step ?? null,
    subnetEmission: tao(raw.subnet_emission), alphaIn: alpha(raw.alpha_in), alphaOut: alpha(raw.alpha_out), taoIn: tao(raw.tao_in),
    alphaOutEmission: alpha(raw.alpha_out_emission), alphaInEmission: alpha(raw.alpha_in_emission), taoInEmission: tao(raw.tao_in_emission),
    pendingAlphaEmission: alpha(raw.pending_alpha_emission), pendingRootEmission: tao(raw.pending_root_emission),
    subnetVolume: alpha(raw.subnet_volume),
    movingPrice: opt(raw.moving_price, (f) => balance(BigInt(Math.trunc(fixedToNumber(f, 32) * 1e9)))),
    rho: raw.rho ?? null, kappa: raw.kappa ?? null,
    minAllowedWeights: opt(raw.min_allowed_weights, u16Normalized), maxWeightsLimit: opt(raw.max_weights_limit, u16Normalized),
    weightsVersion: raw.weights_version ?? null, weightsRateLimit: raw.weights_rate_limit ?? null,
    activityCutoff: raw.activity_cutoff ?? null, maxValidators: raw.max_validators ?? null,
    numUids: raw.num_uids ?? null, maxUids: raw.max_uids ?? null, burn: tao(raw.burn), difficulty: opt(raw.difficulty, u64f),
    registrationAllowed: raw.registration_allowed ?? null, powRegistrationAllowed: raw.pow_registration_allowed ?? null,
    immunityPeriod: raw.immunity_period ?? null, minDifficulty: opt(raw.min_difficulty, u64f), maxDifficulty: opt(raw.max_difficulty, u64f),
    minBurn: tao(raw.min_burn), maxBurn: tao(raw.max_burn), adjustmentAlpha: opt(raw.adjustment_alpha, u64f),
    adjustmentInterval: raw.adjustment_interval ?? null, targetRegsPerInterval: raw.target_regs_per_interval ?? null,
    maxRegsPerBlock: raw.max_regs_per_block ?? null, servingRateLimit: raw.serving_rate_limit ?? null,
    commitRevealWeightsEnabled: raw.commit_reveal_weights_enabled ?? null, commitRevealPeriod: raw.commit_reveal_period ?? null,
    liquidAlphaEnabled: raw.liquid_alpha_enabled ?? null, alphaHigh: opt(raw.alpha_high, u16Normalized),
    alphaLow: opt(raw.alpha_low, u16Normalized), bondsMovingAvg: opt(raw.bonds_moving_avg, u64f),
    hotkeys, coldkeys, identities: list(raw.identities, (i) => opt(i, chainIdentity)),
    axons: list(raw.axons, (a, i) => axonInfo(a, hotkeys?.[i] ?? '', coldkeys?.[i] ?? '')),
    active: raw.active ?? null, validatorPermit: raw.validator_permit ?? null,
    pruningScore: list(raw.pruning_score, u16Normalized), lastUpdate: raw.last_update ?? null,
    emission: list(raw.emission, alpha as (v: bigint) => Balance), dividends: list(raw.dividends, u16Normalized),
    incentives: list(raw.incentives, u16Normalized), consensus: list(raw.consensus, u16Normalized),
    trust: list(raw.trust, u16Normalized), rank: list(raw.rank, u16Normalized),
    blockAtRegistration: raw.block_at_registration ?? null,
    alphaStake: list(raw.alpha_stake, alpha as (v: bigint) => Balance), taoStake: list(raw.tao_stake, rootWeighted),
    totalStake: list(raw.total_stake, alpha as (v: bigint) => Balance),
    taoDividendsPerHotkey: list(raw.tao_dividends_per_hotkey, ([h, d]) => [h, balance(d)]),
    alphaDividendsPerHotkey: list(raw.alpha_dividends_per_hotkey, ([h, d]) => [h, balance(d, n)]),
    validators: raw.validators?.length ? raw.validators : null,
    commitments: raw.commitments?.length ? raw.commitments.map(([h, c]) => [h, utf8.decode(Uint8Array.from(c.slice(COMMITMENT_OFFSET)))]) : null,
  };
}

/** Options of getMetagraphInfo: the mechanism and, for a partial answer, the fields to fetch. */
export interface MetagraphInfoOptions extends BlockSelector {
  /** Mechanism id (default 0). */
  mechid?: number;
  /** SelectiveMetagraphIndex values; the netuid (0) is always added, as Python does. */
  selectedIndices?: number[];
}

async function hasApi(st: Subtensor, at: At, method: string): Promise<boolean> {
  const rt = await st.client.runtime(at);
  return rt.metadata.apis.some((a) => a.name === 'SubnetInfoRuntimeApi' && a.methods.some((m) => m.name === method));
}

function indicesArg(v: unknown): number[] {
  const list = arrayArg(v, 'opts.selectedIndices').map((x, i) => uintArg(x, `opts.selectedIndices[${i}]`, ALL_INDICES.length - 1));
  return list.includes(0) ? list : [0, ...list];
}

export async function getMetagraphInfo(st: Subtensor, netuid: number, opts: MetagraphInfoOptions = {}): Promise<MetagraphInfo | null> {
  netuidArg(netuid);
  const o = optionsArg(opts, 'opts');
  selectorArg(opts, 'opts');
  const mechid = o.mechid == null ? 0 : uintArg(o.mechid, 'opts.mechid', 255);
  const indices = o.selectedIndices == null ? null : indicesArg(o.selectedIndices);
  const at = await resolveAt(st, opts, true);
  let raw: Raw | null;
  if (await hasApi(st, at, 'get_selective_mechagraph')) {
    raw = await typedCall(st, 'SubnetInfoRuntimeApi', 'get_selective_mechagraph', [netuid, mechid, indices ?? ALL_INDICES], at);
  } else if (indices) {
    if (!(await hasApi(st, at, 'get_selective_metagraph'))) {
      throw new InvalidArgumentError('opts.selectedIndices: this runtime has no selective metagraph call; leave selectedIndices out', 'opts.selectedIndices', o.selectedIndices);
    }
    raw = await typedCall(st, 'SubnetInfoRuntimeApi', 'get_selective_metagraph', [netuid, indices], at);
  } else {
    raw = await typedCall(st, 'SubnetInfoRuntimeApi', 'get_metagraph', [netuid], at);
  }
  return raw == null ? null : metagraphInfo(raw);
}

/** Every subnet's MetagraphInfo (mechanism 0 only, or every mechanism with `allMechanisms`). */
export async function getAllMetagraphsInfo(st: Subtensor, opts: BlockSelector & { allMechanisms?: boolean } = {}): Promise<MetagraphInfo[]> {
  const o = optionsArg(opts, 'opts');
  selectorArg(opts, 'opts');
  if (o.allMechanisms != null && typeof o.allMechanisms !== 'boolean') {
    throw new InvalidArgumentError(`opts.allMechanisms: expected a boolean, got ${typeof o.allMechanisms}`, 'opts.allMechanisms', o.allMechanisms);
  }
  const at = await resolveAt(st, opts);
  const raw = await typedCall(st, 'SubnetInfoRuntimeApi', o.allMechanisms ? 'get_all_mechagraphs' : 'get_all_metagraphs', [], at);
  return raw.filter((m): m is Finney.Metagraph => m != null).map(metagraphInfo);
}

export const metagraphInfoReads = {
  /**
   * A subnet mechanism's metagraph summary (Python's get_metagraph_info): null when the subnet or
   * mechanism does not exist. `selectedIndices` (SelectiveMetagraphIndex values) fetches only those
   * fields; the others are null.
   */
  getMetagraphInfo,
  /** Every subnet's MetagraphInfo at one block (Python's get_all_metagraphs_info). */
  getAllMetagraphsInfo,
};
