/**
 * Crowdloan pallet reads (bittensor's get_crowdloans, get_crowdloan_by_id, get_crowdloan_next_id,
 * get_crowdloan_contributions, get_crowdloan_constants). A crowdloan's call, when stored inline,
 * is decoded with the runtime's call type as Python does; if it does not decode, the raw bytes and
 * the reason are kept (Python's `{decode_error, raw}`), never a guess.
 * @module
 */
import { decode, DecodeError, toHex } from '../scale/index.js';
import { addressesOf, read, readMap } from '../substrate/index.js';
import { uintArg, U32_MAX } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { resolveAt, type At } from './at.js';

const finney = addressesOf<FinneyChain>();
const CROWDLOANS = finney.storage('Crowdloan', 'Crowdloans');
const NEXT_ID = finney.storage('Crowdloan', 'NextCrowdloanId');
const CONTRIBUTIONS = finney.storage('Crowdloan', 'Contributions');

/** The call a crowdloan dispatches when finalized. */
export type CrowdloanCall =
  | { kind: 'inline'; pallet: string; call: string; args: unknown }
  | { kind: 'undecodable'; raw: string; decodeError: string }
  | { kind: 'hash'; hash: string; len: number | null };

/** One crowdloan (Python's CrowdloanInfo). */
export interface CrowdloanInfo {
  id: number;
  creator: string;
  deposit: Balance;
  minContribution: Balance;
  /** The block the crowdloan ends at. */
  end: number;
  cap: Balance;
  fundsAccount: string;
  raised: Balance;
  targetAddress: string | null;
  call: CrowdloanCall | null;
  finalized: boolean;
  contributorsCount: number;
}

/** The Crowdloan pallet's limits (Python's CrowdloanConstants); a constant the runtime lacks is null. */
export interface CrowdloanConstants {
  AbsoluteMinimumContribution: Balance | null;
  MaxContributors: number | null;
  MaximumBlockDuration: number | null;
  MinimumDeposit: Balance | null;
  MinimumBlockDuration: number | null;
  RefundContributorsLimit: number | null;
}

async function callOf(st: Subtensor, b: Finney.Bounded | null, at: At): Promise<CrowdloanCall | null> {
  if (!b) return null;
  if (b.type === 'Legacy') return { kind: 'hash', hash: toHex(b.value.hash), len: null };
  if (b.type === 'Lookup') return { kind: 'hash', hash: toHex(b.value.hash), len: b.value.len };
  const reg = (await st.client.runtime(at)).registry;
  const type = reg.metadata.extrinsic.callType;
  try {
    if (type === null) throw new DecodeError('metadata does not name the call type', 0);
    const c = decode(reg.codec(type), b.value) as { type: string; value: { type: string; value?: unknown } };
    return { kind: 'inline', pallet: c.type, call: c.value.type, args: c.value.value };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { kind: 'undecodable', raw: toHex(b.value), decodeError: e.message };
  }
}

async function info(st: Subtensor, id: number, raw: Finney.CrowdloanInfo, at: At): Promise<CrowdloanInfo> {
  return {
    id, creator: raw.creator, deposit: balance(raw.deposit), minContribution: balance(raw.min_contribution), end: raw.end,
    cap: balance(raw.cap), fundsAccount: raw.funds_account, raised: balance(raw.raised), targetAddress: raw.target_address,
    call: await callOf(st, raw.call, at), finalized: raw.finalized, contributorsCount: raw.contributors_count,
  };
}

const idArg = (v: unknown): number => uintArg(v, 'crowdloanId', U32_MAX);

export async function getCrowdloans(st: Subtensor, sel: BlockSelector = {}): Promise<CrowdloanInfo[]> {
  const at = await resolveAt(st, sel, true);
  const out: CrowdloanInfo[] = [];
  for await (const e of readMap(st.client, CROWDLOANS, [], { ...at, pageSize: 100 })) if (e.value) out.push(await info(st, e.keys[0], e.value, at));
  return out.sort((a, b) => a.id - b.id);
}

export async function getCrowdloanById(st: Subtensor, crowdloanId: number, sel: BlockSelector = {}): Promise<CrowdloanInfo | null> {
  const id = idArg(crowdloanId);
  const at = await resolveAt(st, sel, true);
  const raw = await read(st.client, CROWDLOANS, [id], at);
  return raw ? info(st, id, raw, at) : null;
}

export async function getCrowdloanNextId(st: Subtensor, sel: BlockSelector = {}): Promise<number> {
  return read(st.client, NEXT_ID, [], await resolveAt(st, sel));
}

export async function getCrowdloanContributions(st: Subtensor, crowdloanId: number, sel: BlockSelector = {}): Promise<Record<string, Balance>> {
  const id = idArg(crowdloanId);
  const out: Record<string, Balance> = {};
  for await (const e of readMap(st.client, CONTRIBUTIONS, [id], { ...(await resolveAt(st, sel, true)), pageSize: 100 })) {
    if (e.value) out[e.keys[1]] = balance(e.value);
  }
  return out;
}

export async function getCrowdloanConstants(st: Subtensor, sel: BlockSelector = {}): Promise<CrowdloanConstants> {
  const at = await resolveAt(st, sel, true);
  const rt = await st.client.runtime(at);
  const has = (n: string) => rt.metadata.pallets.some((p) => p.name === 'Crowdloan' && p.constants.some((c) => c.name === n));
  const num = async (n: string) => (has(n) ? Number(await st.client.getConstant<number | bigint>('Crowdloan', n, at)) : null);
  const bal = async (n: string) => (has(n) ? balance(await st.client.getConstant<bigint>('Crowdloan', n, at)) : null);
  const [AbsoluteMinimumContribution, MaxContributors, MaximumBlockDuration, MinimumDeposit, MinimumBlockDuration, RefundContributorsLimit] = await Promise.all([
    bal('AbsoluteMinimumContribution'), num('MaxContributors'), num('MaximumBlockDuration'), bal('MinimumDeposit'), num('MinimumBlockDuration'), num('RefundContributorsLimit'),
  ]);
  return { AbsoluteMinimumContribution, MaxContributors, MaximumBlockDuration, MinimumDeposit, MinimumBlockDuration, RefundContributorsLimit };
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const crowdloanReads = {
  /** Every crowdloan (Crowdloan.Crowdloans), by id ascending. */
  getCrowdloans,
  /** One crowdloan; null when there is none with that id. */
  getCrowdloanById,
  /** The id the next crowdloan will get (NextCrowdloanId). */
  getCrowdloanNextId,
  /** Contributions to one crowdloan, keyed by contributor. */
  getCrowdloanContributions,
  /** The Crowdloan pallet's limits; a constant the runtime lacks is null, as Python leaves it None. */
  getCrowdloanConstants,
};
