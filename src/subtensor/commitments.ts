/**
 * Commitments (bittensor's get_commitment, get_all_commitments): the Commitments pallet's
 * CommitmentOf(netuid, hotkey), of which Python keeps only the first field's bytes as UTF-8 text
 * (chain_data/utils.py decode_metadata). Entries Python cannot decode that way (no fields, or a
 * first field of type None or TimelockEncrypted) are skipped by get_all_commitments and read as ''
 * by get_commitment.
 * @module
 */
import { read, readMap } from '../substrate/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { COMMITMENT_OF, KEYS } from './addresses.js';
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

/** The commitment of the neuron `uid` on subnet `netuid` as text ('' when there is none). */
export async function getCommitment(st: Subtensor, netuid: number, uid: number, sel: BlockSelector = {}): Promise<string> {
  netuidArg(netuid);
  netuidArg(uid, 'uid');
  const at = await resolveAt(st, sel, true);
  const hotkey = await read(st.client, KEYS, [netuid, uid], at);
  return firstFieldText(await read(st.client, COMMITMENT_OF, [netuid, hotkey], at)) ?? '';
}

/** Every commitment on subnet `netuid` as text, keyed by hotkey (undecodable entries skipped). */
export async function getAllCommitments(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<Record<string, string>> {
  netuidArg(netuid);
  const out: Record<string, string> = {};
  for await (const e of readMap(st.client, COMMITMENT_OF, [netuid], { ...(await resolveAt(st, sel)), pageSize: 100 })) {
    const text = firstFieldText(e.value);
    if (text !== null) out[e.keys[1]] = text;
  }
  return out;
}

/** Attached to Subtensor (./methods.ts). */
export const commitmentReads = { getCommitment, getAllCommitments };
