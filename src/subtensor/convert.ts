// How Subtensor runtime values are presented, following the Python SDK's dataclasses:
// u16-normalised fields (rank, trust, consensus, incentive, dividends, validator trust) become
// floats in [0, 1] (value / 65535); rao amounts become Balance; IPs become strings; fixed-point
// U64F64/I64F64 `{ bits }` become numbers (bits / 2^64).
import type * as Finney from '../chains/subtensor/finney.js';
import { balance, sumBalances, type Balance } from './balance.js';
import type * as Legacy from './legacy.js';
import { InvalidArgumentError } from '../substrate/index.js';
import { objectArg, show, uintArg } from '../substrate/validate.js';

export const U16_MAX = 65535;
/** Subnet storage index = mechid × 4096 + netuid (Python's GLOBAL_MAX_SUBNET_COUNT). */
export const GLOBAL_MAX_SUBNET_COUNT = 4096;
export const u16Normalized = (v: number): number => uintArg(v, 'v', U16_MAX) / U16_MAX;

/** Fixed-point `{ bits }` (or the bits themselves) with `fracBits` fractional bits → number. */
export function fixedToNumber(v: unknown, fracBits = 64): number {
  const bits = typeof v === 'object' && v !== null && 'bits' in v ? (v as { bits: unknown }).bits : v;
  if (typeof bits !== 'bigint' && !(typeof bits === 'number' && Number.isSafeInteger(bits))) {
    throw new InvalidArgumentError(`v: expected fixed-point bits (a bigint or { bits }), got ${show(bits)}`, 'v', v);
  }
  uintArg(fracBits, 'fracBits', 128);
  const b = BigInt(bits);
  const whole = b >> BigInt(fracBits);
  const frac = b & ((1n << BigInt(fracBits)) - 1n);
  return Number(whole) + Number(frac) / 2 ** fracBits;
}

/** IPv4/IPv6 integer → string (Python's net.int_to_ip). */
export function ipToString(ip: bigint | number, ipType: number): string {
  if (typeof ip !== 'bigint' && !(typeof ip === 'number' && Number.isSafeInteger(ip) && ip >= 0)) {
    throw new InvalidArgumentError(`ip: expected an integer (bigint or number), got ${show(ip)}`, 'ip', ip);
  }
  uintArg(ipType, 'ipType', 255);
  if (ipType === 4) {
    const n = Number(ip) >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const v = BigInt(ip);
  if (ipType === 6) {
    const parts: string[] = [];
    for (let i = 7; i >= 0; i--) parts.push(Number((v >> BigInt(i * 16)) & 0xffffn).toString(16));
    return parts.join(':');
  }
  return '0.0.0.0';
}

/** A neuron's axon endpoint (the runtime's AxonInfo, camelCased; the IP as a string). */
export interface AxonInfo {
  version: number;
  ip: string;
  port: number;
  ipType: number;
  protocol: number;
  hotkey: string;
  coldkey: string;
  isServing: boolean;
}

/** Raw AxonInfo (current or legacy layout) → AxonInfo. */
export function axonInfo(raw: Finney.AxonInfo | Legacy.AxonInfo, hotkey: string, coldkey: string): AxonInfo {
  objectArg(raw, 'raw', 'a decoded AxonInfo');
  const ip = ipToString(raw.ip, raw.ip_type);
  return { version: raw.version, ip, port: raw.port, ipType: raw.ip_type, protocol: raw.protocol, hotkey, coldkey, isServing: ip !== '0.0.0.0' };
}

/** A neuron without weights and bonds (Python's NeuronInfoLite): u16 scores as fractions, rao as Balance. */
export interface NeuronInfoLite {
  hotkey: string;
  coldkey: string;
  uid: number;
  netuid: number;
  active: boolean;
  /** Stake per staking coldkey. */
  stakeDict: Record<string, Balance>;
  totalStake: Balance;
  rank: number;
  emission: Balance;
  incentive: number;
  consensus: number;
  trust: number;
  validatorTrust: number;
  dividends: number;
  lastUpdate: number;
  validatorPermit: boolean;
  pruningScore: number;
  axonInfo: AxonInfo;
  prometheusInfo: { block: number; version: number; ip: string; port: number; ipType: number };
}

/** A neuron with its weights and bonds (Python's NeuronInfo). */
export interface NeuronInfo extends NeuronInfoLite {
  /** (uid, weight) pairs, raw u16 weights as the chain stores them. */
  weights: [number, number][];
  bonds: [number, number][];
}

/** Raw NeuronInfoLite (current or legacy layout) → NeuronInfoLite. */
export function neuronLite(raw: Finney.NeuronInfoLite | Legacy.NeuronInfoLite): NeuronInfoLite {
  objectArg(raw, 'raw', 'a decoded NeuronInfoLite');
  const netuid = Number(raw.netuid);
  const stakeDict: Record<string, Balance> = {};
  for (const [who, amount] of raw.stake) stakeDict[who] = balance(amount, netuid);
  return {
    hotkey: raw.hotkey,
    coldkey: raw.coldkey,
    uid: Number(raw.uid),
    netuid,
    active: raw.active,
    stakeDict,
    totalStake: sumBalances(Object.values(stakeDict), netuid),
    rank: u16Normalized(raw.rank),
    emission: balance(raw.emission, netuid),
    incentive: u16Normalized(raw.incentive),
    consensus: u16Normalized(raw.consensus),
    trust: u16Normalized(raw.trust),
    validatorTrust: u16Normalized(raw.validator_trust),
    dividends: u16Normalized(raw.dividends),
    lastUpdate: Number(raw.last_update),
    validatorPermit: raw.validator_permit,
    pruningScore: Number(raw.pruning_score),
    axonInfo: axonInfo(raw.axon_info, raw.hotkey, raw.coldkey),
    prometheusInfo: {
      block: Number(raw.prometheus_info.block),
      version: raw.prometheus_info.version,
      ip: ipToString(raw.prometheus_info.ip, raw.prometheus_info.ip_type),
      port: raw.prometheus_info.port,
      ipType: raw.prometheus_info.ip_type,
    },
  };
}

/** Raw NeuronInfo (current or legacy layout) → NeuronInfo. */
export function neuronFull(raw: Finney.NeuronInfo | Legacy.NeuronInfo): NeuronInfo {
  objectArg(raw, 'raw', 'a decoded NeuronInfo');
  return {
    ...neuronLite(raw),
    weights: raw.weights.map(([a, b]) => [Number(a), Number(b)]),
    bonds: raw.bonds.map(([a, b]) => [Number(a), Number(b)]),
  };
}

/** `snake_case` → `snakeCase`, the renaming `camel` does (`return_per_1000` → `returnPer1000`). */
export type CamelKey<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelKey<T>>}` : S;

/** A decoded value with every struct key camelCased, as `camel` returns it. */
export type Camelized<T> = T extends bigint | number | string | boolean | null | undefined | Uint8Array
  ? T
  : T extends readonly unknown[]
    ? { [K in keyof T]: Camelized<T[K]> }
    : { [K in keyof T as K extends string ? CamelKey<K> : K]: Camelized<T[K]> };

/** snake_case keys → camelCase, recursively, bigint/Uint8Array left as they are. */
export function camel<T>(v: T): Camelized<T> {
  return camelValue(v) as Camelized<T>;
}

function camelValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelValue);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = camelValue(x);
    return out;
  }
  return v;
}

/** Subnet hyperparameters (get_subnet_hyperparams, current layout), keys camelCased. */
export interface SubnetHyperparameters extends Camelized<Finney.SubnetHyperparams> {}

/**
 * Subnet hyperparameters from a runtime that still returns the legacy `Vec<u8>` layout: no alpha
 * fields, and `commitRevealWeightsInterval` where newer runtimes have `commitRevealPeriod`.
 */
export interface LegacySubnetHyperparameters extends Camelized<Legacy.SubnetHyperparameters> {}

/** A stake entry (the runtime's StakeInfo, camelCased, amounts as Balance). */
export interface StakeInfo {
  hotkey: string;
  coldkey: string;
  /** 0 on runtimes from before per-subnet stake. */
  netuid: number;
  stake: Balance;
  /** The fields below are absent on runtimes from before per-subnet stake. */
  locked?: Balance;
  emission?: Balance;
  /** Emission in TAO (absent before the runtime reported it, e.g. spec 218). */
  taoEmission?: Balance;
  drain?: Balance;
  isRegistered?: boolean;
}

/** Raw StakeInfo (current, spec-218 or original layout) → StakeInfo. */
export function stakeInfo(raw: Finney.StakeInfo | Legacy.StakeInfo | Legacy.StakeInfoV1): StakeInfo {
  objectArg(raw, 'raw', 'a decoded StakeInfo');
  if (!('netuid' in raw)) return { hotkey: raw.hotkey, coldkey: raw.coldkey, netuid: 0, stake: balance(raw.stake, 0) };
  const netuid = Number(raw.netuid);
  const out: StakeInfo = {
    hotkey: raw.hotkey,
    coldkey: raw.coldkey,
    netuid,
    stake: balance(raw.stake, netuid),
    locked: balance(raw.locked, netuid),
    emission: balance(raw.emission, netuid),
  };
  // Key order as before (camelCased raw order): taoEmission sits between emission and drain.
  if ('tao_emission' in raw) out.taoEmission = balance(raw.tao_emission, 0);
  out.drain = balance(raw.drain, netuid);
  out.isRegistered = raw.is_registered;
  return out;
}

/** A delegate (the runtime's DelegateInfo, camelCased; take as a fraction, stakes as Balance). */
export interface DelegateInfo {
  delegateSs58: string;
  /** Take as a fraction of 1 (u16 / 65535). */
  take: number;
  /**
   * Per nominator: `[coldkey, [netuid, rao][]]` on current runtimes (stake per subnet), or
   * `[coldkey, Balance]` on legacy ones (one stake).
   */
  nominators: [coldkey: string, perSubnet: [netuid: number, stake: bigint][]][] | [coldkey: string, stake: Balance][];
  ownerSs58: string;
  registrations: number[];
  validatorPermits: number[];
  returnPer1000: bigint;
  totalDailyReturn: bigint;
}

/** A delegate a coldkey stakes on (get_delegated). */
export interface DelegatedInfo {
  delegate: DelegateInfo;
  /** `[netuid, rao]` on current runtimes; the stake in rao on legacy ones. */
  detail: [netuid: number, stake: bigint] | bigint;
}

/** Raw DelegateInfo (current or legacy layout) → DelegateInfo. */
export function delegateInfo(raw: Finney.DelegateInfo | Legacy.DelegateInfo): DelegateInfo {
  objectArg(raw, 'raw', 'a decoded DelegateInfo');
  return {
    delegateSs58: raw.delegate_ss58,
    take: raw.take / U16_MAX,
    nominators: nominators(raw.nominators),
    ownerSs58: raw.owner_ss58,
    registrations: raw.registrations,
    validatorPermits: raw.validator_permits,
    returnPer1000: raw.return_per_1000,
    totalDailyReturn: raw.total_daily_return,
  };
}

function nominators(n: Finney.DelegateInfo['nominators'] | Legacy.DelegateInfo['nominators']): DelegateInfo['nominators'] {
  const legacy = (x: typeof n): x is Legacy.DelegateInfo['nominators'] => x.length > 0 && typeof x[0][1] === 'bigint';
  if (legacy(n)) return n.map(([who, stake]): [string, Balance] => [who, balance(stake)]);
  return n.map(([who, per]): [string, [number, bigint][]] => [who, per.map(([netuid, stake]): [number, bigint] => [netuid, stake])]);
}
