// How Subtensor runtime values are presented, following the Python SDK's dataclasses:
// u16-normalised fields (rank, trust, consensus, incentive, dividends, validator trust) become
// floats in [0, 1] (value / 65535); rao amounts become Balance; IPs become strings; fixed-point
// U64F64/I64F64 `{ bits }` become numbers (bits / 2^64).
import { balance, sumBalances, type Balance } from './balance.js';
import { InvalidArgumentError } from '../substrate/index.js';
import { objectArg, show, uintArg } from '../substrate/validate.js';

export const U16_MAX = 65535;
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

export function axonInfo(raw: any, hotkey: string, coldkey: string): AxonInfo {
  objectArg(raw, 'raw', 'a decoded AxonInfo');
  const ip = ipToString(raw.ip, raw.ip_type);
  return { version: raw.version, ip, port: raw.port, ipType: raw.ip_type, protocol: raw.protocol, hotkey, coldkey, isServing: ip !== '0.0.0.0' };
}

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

export interface NeuronInfo extends NeuronInfoLite {
  /** (uid, weight) pairs, raw u16 weights as the chain stores them. */
  weights: [number, number][];
  bonds: [number, number][];
}

export function neuronLite(raw: any): NeuronInfoLite {
  objectArg(raw, 'raw', 'a decoded NeuronInfoLite');
  const netuid = Number(raw.netuid);
  const stakeDict: Record<string, Balance> = {};
  for (const [who, amount] of raw.stake as [string, bigint][]) stakeDict[who] = balance(amount, netuid);
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

export function neuronFull(raw: any): NeuronInfo {
  objectArg(raw, 'raw', 'a decoded NeuronInfo');
  return {
    ...neuronLite(raw),
    weights: (raw.weights as [number, number][]).map(([a, b]) => [Number(a), Number(b)]),
    bonds: (raw.bonds as [number, number][]).map(([a, b]) => [Number(a), Number(b)]),
  };
}

/** snake_case keys → camelCase, recursively, bigint/Uint8Array left as they are. */
export function camel(v: unknown): any {
  if (Array.isArray(v)) return v.map(camel);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = camel(x);
    return out;
  }
  return v;
}
