/**
 * Commitments (bittensor's get_commitment, get_all_commitments): the Commitments pallet's
 * CommitmentOf(netuid, hotkey), of which Python keeps only the first field's bytes as UTF-8 text
 * (chain_data/utils.py decode_metadata). Entries Python cannot decode that way (no fields, or a
 * first field of type None or TimelockEncrypted) are skipped by get_all_commitments and read as ''
 * by get_commitment. Revealed (timelocked) commitments are the RevealedCommitments item, each
 * `(bytes, block)` read as Python's decode_revealed_commitment does.
 * @module
 */
import { InvalidArgumentError, addressesOf, read, readMap } from '../substrate/index.js';
import { addressArg } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type { CommitmentsRegistration } from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { COMMITMENT_OF, KEYS, NETWORKS_ADDED, SUBNETWORK_N } from './addresses.js';
import { netuidArg } from './args.js';
import { resolveAt } from './at.js';

/**
 * Python decodes with errors="ignore", which drops invalid UTF-8; TextDecoder replaces it with
 * U+FFFD instead, so those are removed (a genuine U+FFFD in the text is lost too, a rare case).
 */
const utf8 = new TextDecoder('utf-8');
function firstFieldText(reg: { info: { fields: { type: string; value?: unknown }[] } } | null): string | null {
  const value = reg?.info.fields[0]?.value;
  // Raw*/hash variants hold bytes; None has none and TimelockEncrypted a struct, which Python fails on.
  return value instanceof Uint8Array ? utf8.decode(value).replace(/\uFFFD/g, '') : null;
}

export async function getCommitment(st: Subtensor, netuid: number, uid: number, sel: BlockSelector = {}): Promise<string> {
  netuidArg(netuid);
  netuidArg(uid, 'uid');
  const at = await resolveAt(st, sel, true);
  const hotkey = await read(st.client, KEYS, [netuid, uid], at);
  return firstFieldText(await read(st.client, COMMITMENT_OF, [netuid, hotkey], at)) ?? '';
}

export async function getAllCommitments(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<Record<string, string>> {
  netuidArg(netuid);
  const out: Record<string, string> = {};
  for await (const e of readMap(st.client, COMMITMENT_OF, [netuid], { ...(await resolveAt(st, sel)), pageSize: 100 })) {
    const text = firstFieldText(e.value);
    if (text !== null) out[e.keys[1]] = text;
  }
  return out;
}

const finney = addressesOf<FinneyChain>();
const REVEALED_COMMITMENTS = finney.storage('Commitments', 'RevealedCommitments');
const LAST_BONDS_RESET = finney.storage('Commitments', 'LastBondsReset');

/** One revealed commitment: the block it was revealed at and its text. */
export interface RevealedCommitment {
  block: bigint;
  text: string;
}

/**
 * Python's decode_revealed_commitment: the bytes start with a SCALE compact length, whose width
 * Python takes from the low two bits (1, 2, else 4 bytes); the rest is UTF-8 with bad bytes dropped.
 */
function revealed([bytes, block]: [Uint8Array, bigint]): RevealedCommitment {
  const mode = bytes.length === 0 ? 0 : bytes[0] & 0b11;
  const offset = mode === 0 ? 1 : mode === 1 ? 2 : 4;
  return { block, text: utf8.decode(bytes.subarray(offset)).replace(/\uFFFD/g, '') };
}

export async function getRevealedCommitmentByHotkey(st: Subtensor, netuid: number, hotkey: string, sel: BlockSelector = {}): Promise<RevealedCommitment[] | null> {
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const raw = await read(st.client, REVEALED_COMMITMENTS, [netuid, hotkey], await resolveAt(st, sel));
  return raw === null ? null : raw.map(revealed);
}

/** The hotkey of `uid` (Keys), checked against the subnet's size as Python's metagraph lookup is. */
async function hotkeyOfUid(st: Subtensor, netuid: number, uid: number, at: Awaited<ReturnType<typeof resolveAt>>): Promise<string | null> {
  const [exists, n] = await Promise.all([read(st.client, NETWORKS_ADDED, [netuid], at), read(st.client, SUBNETWORK_N, [netuid], at)]);
  if (!exists) throw new InvalidArgumentError(`netuid: subnet ${netuid} does not exist`, 'netuid', netuid);
  return uid < n ? read(st.client, KEYS, [netuid, uid], at) : null;
}

export async function getRevealedCommitment(st: Subtensor, netuid: number, uid: number, sel: BlockSelector = {}): Promise<RevealedCommitment[] | null> {
  netuidArg(netuid);
  netuidArg(uid, 'uid');
  const at = await resolveAt(st, sel, true);
  const hotkey = await hotkeyOfUid(st, netuid, uid, at);
  if (hotkey === null) throw new InvalidArgumentError(`uid: subnet ${netuid} has no neuron with uid ${uid}`, 'uid', uid);
  return getRevealedCommitmentByHotkey(st, netuid, hotkey, at);
}

export async function getAllRevealedCommitments(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<Record<string, RevealedCommitment[]>> {
  netuidArg(netuid);
  const out: Record<string, RevealedCommitment[]> = {};
  for await (const e of readMap(st.client, REVEALED_COMMITMENTS, [netuid], { ...(await resolveAt(st, sel)), pageSize: 100 })) {
    out[e.keys[1]] = (e.value ?? []).map(revealed);
  }
  return out;
}

export async function getCommitmentMetadata(st: Subtensor, netuid: number, hotkey: string, sel: BlockSelector = {}): Promise<CommitmentsRegistration | null> {
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  return read(st.client, COMMITMENT_OF, [netuid, hotkey], await resolveAt(st, sel));
}

export async function getLastCommitmentBondsResetBlock(st: Subtensor, netuid: number, uid: number, sel: BlockSelector = {}): Promise<number | null> {
  netuidArg(netuid);
  netuidArg(uid, 'uid');
  const at = await resolveAt(st, sel, true);
  const [exists, n] = await Promise.all([read(st.client, NETWORKS_ADDED, [netuid], at), read(st.client, SUBNETWORK_N, [netuid], at)]);
  if (!exists || uid >= n) return null;
  return read(st.client, LAST_BONDS_RESET, [netuid, await read(st.client, KEYS, [netuid, uid], at)], at);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const commitmentReads = {
  /** The commitment of the neuron `uid` on subnet `netuid` as text ('' when there is none). */
  getCommitment,
  /** Every commitment on subnet `netuid` as text, keyed by hotkey (undecodable entries skipped). */
  getAllCommitments,
  /** The hotkey's revealed commitments on the subnet, oldest first (null when it has none). */
  getRevealedCommitmentByHotkey,
  /**
   * The revealed commitments of neuron `uid` (Python's get_revealed_commitment). As in Python, a
   * missing subnet or uid is an error (InvalidArgumentError, raised after the lookup).
   */
  getRevealedCommitment,
  /** Every revealed commitment on the subnet, keyed by hotkey. */
  getAllRevealedCommitments,
  /** The raw CommitmentOf entry of the hotkey (Python's get_commitment_metadata); null where Python gives "". */
  getCommitmentMetadata,
  /**
   * The block of the last bonds reset of neuron `uid` (Commitments.LastBondsReset of its hotkey):
   * Python's get_last_commitment_bonds_reset_block; null when the uid is not on the subnet or there
   * was no reset.
   */
  getLastCommitmentBondsResetBlock,
};
