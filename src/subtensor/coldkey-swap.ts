/**
 * Announced coldkey swaps (bittensor's get_coldkey_swap_announcement(s), _dispute(s), the
 * (re)announcement delays and get_coldkey_swap_constants): a coldkey announces the hash of its new
 * key, the swap may execute from a block on, and a dispute freezes it.
 * @module
 */
import { toHex } from '../scale/index.js';
import { addressesOf, read, readMap } from '../substrate/index.js';
import { addressArg } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { resolveAt } from './at.js';

const finney = addressesOf<FinneyChain>();
const ANNOUNCEMENTS = finney.storage('SubtensorModule', 'ColdkeySwapAnnouncements');
const DISPUTES = finney.storage('SubtensorModule', 'ColdkeySwapDisputes');
const ANNOUNCEMENT_DELAY = finney.storage('SubtensorModule', 'ColdkeySwapAnnouncementDelay');
const REANNOUNCEMENT_DELAY = finney.storage('SubtensorModule', 'ColdkeySwapReannouncementDelay');

/** A pending coldkey swap (Python's ColdkeySwapAnnouncementInfo). */
export interface ColdkeySwapAnnouncementInfo {
  coldkey: string;
  /** The first block the swap may execute in. */
  executionBlock: number;
  /** 0x-hex hash of the announced new coldkey. */
  newColdkeyHash: string;
}

/** A disputed coldkey swap (Python's ColdkeySwapDisputeInfo). */
export interface ColdkeySwapDisputeInfo {
  coldkey: string;
  disputedBlock: number;
}

const announcement = (coldkey: string, [executionBlock, hash]: [number, Uint8Array]): ColdkeySwapAnnouncementInfo => ({ coldkey, executionBlock, newColdkeyHash: toHex(hash) });

export async function getColdkeySwapAnnouncement(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<ColdkeySwapAnnouncementInfo | null> {
  addressArg(coldkey, 'coldkey');
  const v = await read(st.client, ANNOUNCEMENTS, [coldkey], await resolveAt(st, sel));
  return v === null ? null : announcement(coldkey, v);
}

export async function getColdkeySwapAnnouncements(st: Subtensor, sel: BlockSelector = {}): Promise<ColdkeySwapAnnouncementInfo[]> {
  const out: ColdkeySwapAnnouncementInfo[] = [];
  for await (const e of readMap(st.client, ANNOUNCEMENTS, [], { ...(await resolveAt(st, sel, true)), pageSize: 100 })) if (e.value) out.push(announcement(e.keys[0], e.value));
  return out;
}

export async function getColdkeySwapDispute(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<ColdkeySwapDisputeInfo | null> {
  addressArg(coldkey, 'coldkey');
  const v = await read(st.client, DISPUTES, [coldkey], await resolveAt(st, sel));
  return v === null ? null : { coldkey, disputedBlock: v };
}

export async function getColdkeySwapDisputes(st: Subtensor, sel: BlockSelector = {}): Promise<ColdkeySwapDisputeInfo[]> {
  const out: ColdkeySwapDisputeInfo[] = [];
  for await (const e of readMap(st.client, DISPUTES, [], { ...(await resolveAt(st, sel, true)), pageSize: 100 })) if (e.value !== null) out.push({ coldkey: e.keys[0], disputedBlock: e.value });
  return out;
}

export async function getColdkeySwapAnnouncementDelay(st: Subtensor, sel: BlockSelector = {}): Promise<number> {
  return read(st.client, ANNOUNCEMENT_DELAY, [], await resolveAt(st, sel));
}

export async function getColdkeySwapReannouncementDelay(st: Subtensor, sel: BlockSelector = {}): Promise<number> {
  return read(st.client, REANNOUNCEMENT_DELAY, [], await resolveAt(st, sel));
}

export async function getColdkeySwapConstants(st: Subtensor, sel: BlockSelector = {}): Promise<{ KeySwapCost: Balance | null }> {
  const at = await resolveAt(st, sel, true);
  const rt = await st.client.runtime(at);
  const has = rt.metadata.pallets.some((p) => p.name === 'SubtensorModule' && p.constants.some((c) => c.name === 'KeySwapCost'));
  return { KeySwapCost: has ? balance(await st.client.getConstant<bigint>('SubtensorModule', 'KeySwapCost', at)) : null };
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const coldkeySwapReads = {
  /** The coldkey's pending swap announcement (ColdkeySwapAnnouncements), null when none. */
  getColdkeySwapAnnouncement,
  /** Every pending coldkey swap announcement. */
  getColdkeySwapAnnouncements,
  /** The coldkey's swap dispute (ColdkeySwapDisputes), null when none. */
  getColdkeySwapDispute,
  /** Every disputed coldkey swap. */
  getColdkeySwapDisputes,
  /** Blocks between an announcement and the earliest execution (ColdkeySwapAnnouncementDelay). */
  getColdkeySwapAnnouncementDelay,
  /** Blocks before a coldkey may announce again (ColdkeySwapReannouncementDelay). */
  getColdkeySwapReannouncementDelay,
  /** The swap's cost constant (KeySwapCost) as a Balance; null on runtimes without it, as Python's None. */
  getColdkeySwapConstants,
};
