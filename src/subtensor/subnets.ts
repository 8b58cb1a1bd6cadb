/**
 * Subnets as bittensor's AsyncSubtensor presents them: DynamicInfo (all_subnets, subnet) with the
 * pool's price, SubnetInfo (get_subnet_info, get_all_subnets_info, the v2 runtime APIs Python
 * calls) and the alpha prices (get_subnet_price from SwapRuntimeApi, get_subnet_prices from the
 * Swap pallet's AlphaSqrtPrice), each at one pinned block. Runtimes whose metadata types these
 * APIs as opaque `Vec<u8>` (before spec ~250) answer in a layout Python 10.2 cannot read either;
 * they get a typed UnsupportedRuntimeError instead of a guessed decode.
 * @module
 */
import { SubstrateLiteError } from '../errors.js';
import { readMap, storage } from '../substrate/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { fixedToNumber, u16Normalized } from './convert.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { callTyped } from './runtime-api.js';
import type { ApiMethod, ApiName, ApiOutput } from './addresses.js';

/** The runtime at the block has the API only in a layout this library (like Python 10.2) does not read. */
export class UnsupportedRuntimeError extends SubstrateLiteError {
  override name = 'UnsupportedRuntimeError';
  readonly api: string;
  readonly method: string;
  readonly specVersion: number;
  constructor(api: string, method: string, specVersion: number, why: string) {
    super(`${api}.${method} is not supported on this runtime (spec ${specVersion}): ${why}`);
    this.api = api;
    this.method = method;
    this.specVersion = specVersion;
  }
}

const ALPHA_SQRT_PRICE = storage<[netuid: number], Finney.FixedU128_2>('Swap', 'AlphaSqrtPrice');
const utf8 = new TextDecoder();
/** Python's bytes(...).decode(); invalid UTF-8 shows as U+FFFD here, where Python raises. */
const text = (b: Uint8Array | number[]): string => utf8.decode(b instanceof Uint8Array ? b : Uint8Array.from(b));

/** A subnet's self-declared identity (SubnetIdentityV3), texts decoded. */
export interface SubnetIdentity {
  subnetName: string;
  githubRepo: string;
  subnetContact: string;
  subnetUrl: string;
  /** null when empty, as Python. */
  logoUrl: string | null;
  discord: string;
  description: string;
  additional: string;
}

/** A subnet's pool and emission state (Python's DynamicInfo): TAO amounts in τ, alpha in the subnet's unit. */
export interface DynamicInfo {
  netuid: number;
  ownerHotkey: string;
  ownerColdkey: string;
  subnetName: string;
  symbol: string;
  tempo: number;
  lastStep: bigint;
  blocksSinceLastStep: bigint;
  emission: Balance;
  alphaIn: Balance;
  alphaOut: Balance;
  taoIn: Balance;
  /** TAO per alpha: the swap's price where the node gives one, else taoIn / alphaIn (Python's fallback). */
  price: Balance;
  /** taoIn × alphaIn in rao², exact. */
  k: bigint;
  /** Every subnet but root (0) is dynamic. */
  isDynamic: boolean;
  alphaOutEmission: Balance;
  alphaInEmission: Balance;
  taoInEmission: Balance;
  pendingAlphaEmission: Balance;
  pendingRootEmission: Balance;
  networkRegisteredAt: bigint;
  subnetVolume: Balance;
  subnetIdentity: SubnetIdentity | null;
  /** The moving price, I96F32 → number. */
  movingPrice: number;
}

/** A subnet's configuration (Python's SubnetInfo, from get_subnet_info_v2). */
export interface SubnetInfo {
  netuid: number;
  rho: number;
  kappa: number;
  difficulty: bigint;
  immunityPeriod: number;
  maxAllowedValidators: number;
  minAllowedWeights: number;
  /** Raw u16, as Python's SubnetInfo keeps it (maxWeightLimit() gives the fraction). */
  maxWeightLimit: number;
  scalingLawPower: number;
  subnetworkN: number;
  /** max_allowed_uids. */
  maxN: number;
  /** blocks_since_last_step. */
  blocksSinceEpoch: bigint;
  tempo: number;
  modality: number;
  /** netuid (as a string key, as Python) → required connection as u16 / 65535. */
  connectionRequirements: Record<string, number>;
  emissionValue: bigint;
  burn: Balance;
  ownerSs58: string;
}

export function subnetIdentity(raw: Finney.SubnetIdentityV3 | null | undefined): SubnetIdentity | null {
  if (!raw) return null;
  const logo = text(raw.logo_url);
  return {
    subnetName: text(raw.subnet_name), githubRepo: text(raw.github_repo), subnetContact: text(raw.subnet_contact),
    subnetUrl: text(raw.subnet_url), logoUrl: logo === '' ? null : logo, discord: text(raw.discord),
    description: text(raw.description), additional: text(raw.additional),
  };
}

/** Raw DynamicInfo → DynamicInfo; `price` undefined = use Python's taoIn / alphaIn fallback. */
export function dynamicInfo(raw: Finney.DynamicInfo, price?: Balance): DynamicInfo {
  const n = raw.netuid;
  const alphaIn = balance(raw.alpha_in, n);
  const taoIn = balance(raw.tao_in);
  const fallback = raw.alpha_in === 0n ? balance(0n, n) : balance(BigInt(Math.trunc((Number(raw.tao_in) / Number(raw.alpha_in)) * 1e9)), n);
  return {
    netuid: n, ownerHotkey: raw.owner_hotkey, ownerColdkey: raw.owner_coldkey,
    subnetName: text(raw.subnet_name), symbol: text(raw.token_symbol), tempo: raw.tempo,
    lastStep: raw.last_step, blocksSinceLastStep: raw.blocks_since_last_step,
    emission: balance(raw.emission), alphaIn, alphaOut: balance(raw.alpha_out, n), taoIn,
    price: price ?? fallback, k: raw.tao_in * raw.alpha_in, isDynamic: n > 0,
    alphaOutEmission: balance(raw.alpha_out_emission, n), alphaInEmission: balance(raw.alpha_in_emission, n),
    taoInEmission: balance(raw.tao_in_emission), pendingAlphaEmission: balance(raw.pending_alpha_emission, n),
    pendingRootEmission: balance(raw.pending_root_emission), networkRegisteredAt: raw.network_registered_at,
    subnetVolume: balance(raw.subnet_volume, n), subnetIdentity: subnetIdentity(raw.subnet_identity),
    movingPrice: fixedToNumber(raw.moving_price, 32),
  };
}

/** Raw SubnetInfov2 → SubnetInfo. */
export function subnetInfo(raw: Finney.SubnetInfov2): SubnetInfo {
  return {
    netuid: raw.netuid, rho: raw.rho, kappa: raw.kappa, difficulty: raw.difficulty, immunityPeriod: raw.immunity_period,
    maxAllowedValidators: raw.max_allowed_validators, minAllowedWeights: raw.min_allowed_weights,
    maxWeightLimit: raw.max_weights_limit, scalingLawPower: raw.scaling_law_power, subnetworkN: raw.subnetwork_n,
    maxN: raw.max_allowed_uids, blocksSinceEpoch: raw.blocks_since_last_step, tempo: raw.tempo,
    modality: raw.network_modality,
    connectionRequirements: Object.fromEntries(raw.network_connect.map(([netuid, req]) => [String(netuid), u16Normalized(req)])),
    emissionValue: raw.emission_value, burn: balance(raw.burn), ownerSs58: raw.owner,
  };
}

/** A typed runtime-API call that refuses the opaque Vec<u8> layouts of old runtimes. */
export async function typedCall<Api extends ApiName, M extends ApiMethod<Api>>(st: Subtensor, api: Api, method: M, args: unknown[], at: At): Promise<ApiOutput<Api, M>> {
  const rt = await st.client.runtime(at);
  const m = rt.metadata.apis.find((a) => a.name === api)?.methods.find((x) => x.name === method);
  if (!m) throw new UnsupportedRuntimeError(api, method, rt.version.specVersion, 'the runtime has no such method');
  if (rt.registry.typeName(m.output) === 'Vec<u8>') throw new UnsupportedRuntimeError(api, method, rt.version.specVersion, 'its output is an untyped Vec<u8> layout');
  return callTyped(st.client, api, method, args, at);
}

export async function getSubnetPrice(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<Balance> {
  netuidArg(netuid);
  const at = await resolveAt(st, sel);
  if (netuid === 0) return balance(1_000_000_000n);
  return balance(await typedCall(st, 'SwapRuntimeApi', 'current_alpha_price', [netuid], at));
}

async function pricesAt(st: Subtensor, at: At): Promise<Record<number, Balance>> {
  const out: Record<number, Balance> = {};
  for await (const e of readMap(st.client, ALPHA_SQRT_PRICE, [], { ...at, pageSize: 129 })) {
    const sqrt = fixedToNumber(e.value);
    out[e.keys[0]] = balance(BigInt(Math.trunc(sqrt * sqrt * 1e9)));
  }
  out[0] = balance(1_000_000_000n);
  return out;
}

export async function getSubnetPrices(st: Subtensor, sel: BlockSelector = {}): Promise<Record<number, Balance>> {
  return pricesAt(st, await resolveAt(st, sel, true));
}

export async function allSubnets(st: Subtensor, sel: BlockSelector = {}): Promise<DynamicInfo[]> {
  const at = await resolveAt(st, sel, true);
  const [raw, prices] = await Promise.all([typedCall(st, 'SubnetInfoRuntimeApi', 'get_all_dynamic_info', [], at), pricesAt(st, at)]);
  return raw.filter((d): d is Finney.DynamicInfo => d !== null).map((d) => dynamicInfo(d, prices[d.netuid] ?? balance(0n)));
}

export async function subnet(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<DynamicInfo | null> {
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  const [raw, price] = await Promise.all([typedCall(st, 'SubnetInfoRuntimeApi', 'get_dynamic_info', [netuid], at), getSubnetPrice(st, netuid, at)]);
  return raw ? dynamicInfo(raw, price) : null;
}

export async function getSubnetInfo(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<SubnetInfo | null> {
  netuidArg(netuid);
  const raw = await typedCall(st, 'SubnetInfoRuntimeApi', 'get_subnet_info_v2', [netuid], await resolveAt(st, sel));
  return raw ? subnetInfo(raw) : null;
}

export async function getAllSubnetsInfo(st: Subtensor, sel: BlockSelector = {}): Promise<SubnetInfo[]> {
  const raw = await typedCall(st, 'SubnetInfoRuntimeApi', 'get_subnets_info_v2', [], await resolveAt(st, sel));
  return raw.filter((s): s is Finney.SubnetInfov2 => s !== null).map(subnetInfo);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const subnetReads = {
  /** Every subnet's DynamicInfo with its pool price (get_all_dynamic_info + AlphaSqrtPrice at the same block). */
  allSubnets,
  /** One subnet's DynamicInfo with its swap price; null when the subnet does not exist. */
  subnet,
  /** One subnet's SubnetInfo (get_subnet_info_v2); null when the subnet does not exist. */
  getSubnetInfo,
  /** Every subnet's SubnetInfo (get_subnets_info_v2), in the runtime's order. */
  getAllSubnetsInfo,
  /** TAO per alpha of subnet `netuid` (SwapRuntimeApi.current_alpha_price); subnet 0 is 1 τ. */
  getSubnetPrice,
  /** Every subnet's TAO-per-alpha price from the pools' AlphaSqrtPrice (squared, as Python), subnet 0 at 1 τ. */
  getSubnetPrices,
};
