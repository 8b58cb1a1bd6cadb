/**
 * Per-neuron maps of a subnet (bittensor's weights, bonds, get_stake_weight, get_last_bonds_reset,
 * get_neuron_certificate, get_all_neuron_certificates, get_timelocked_weight_commits): the
 * SubtensorModule items keyed by subnet, read as Python reads them. Weights, Bonds and
 * TimelockedWeightCommits are keyed by the mechanism's storage index
 * (mechid * 4096 + netuid, Python's get_mechid_storage_index), which is the plain netuid for
 * mechanism 0 and so also the key of runtimes from before mechanisms.
 * @module
 */
import { InvalidArgumentError, read, readMap, storage } from '../substrate/index.js';
import { toHex } from '../scale/index.js';
import { addressArg, uintArg } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { u16Normalized } from './convert.js';
import { netuidArg } from './args.js';
import { resolveAt } from './at.js';

/** Python's GLOBAL_MAX_SUBNET_COUNT: the stride of the mechanism storage index. */
const GLOBAL_MAX_SUBNET_COUNT = 4096;
/** The largest mechid whose index (with netuid 0) still fits the u16 key. */
const MAX_MECHID = 15;

/** One neuron's row of Weights or Bonds: its uid and its `[otherUid, u16 value]` pairs, as stored. */
export type Row = [uid: number, entries: [number, number][]];
const WEIGHTS = storage<[index: number, uid: number], [number, number][]>('SubtensorModule', 'Weights');
const BONDS = storage<[index: number, uid: number], [number, number][]>('SubtensorModule', 'Bonds');
const STAKE_WEIGHT = storage<[netuid: number], number[]>('SubtensorModule', 'StakeWeight');
const LAST_BONDS_RESET = storage<[netuid: number, hotkey: string], number | null>('Commitments', 'LastBondsReset');
interface RawCertificate {
  public_key: Uint8Array;
  algorithm: number;
}
const NEURON_CERTIFICATES = storage<[netuid: number, hotkey: string], RawCertificate | null>('SubtensorModule', 'NeuronCertificates');

/** Python's get_mechid_storage_index, checked: the index must still be a u16 key. */
function storageIndex(netuid: number, mechid: number): number {
  const index = mechid * GLOBAL_MAX_SUBNET_COUNT + netuid;
  if (index > 0xffff) {
    throw new InvalidArgumentError(`mechid: netuid ${netuid} with mechid ${mechid} is past the u16 storage index`, 'mechid', mechid);
  }
  return index;
}

async function perUid(st: Subtensor, item: typeof WEIGHTS, netuid: number, mechid: number, sel: BlockSelector): Promise<Row[]> {
  netuidArg(netuid);
  const index = storageIndex(netuid, uintArg(mechid, 'mechid', MAX_MECHID));
  const out: Row[] = [];
  for await (const e of readMap(st.client, item, [index], { ...(await resolveAt(st, sel)), pageSize: 100 })) {
    out.push([e.keys[1], e.value]);
  }
  return out;
}

export function weights(st: Subtensor, netuid: number, mechid = 0, sel: BlockSelector = {}): Promise<Row[]> {
  return perUid(st, WEIGHTS, netuid, mechid, sel);
}

export function bonds(st: Subtensor, netuid: number, mechid = 0, sel: BlockSelector = {}): Promise<Row[]> {
  return perUid(st, BONDS, netuid, mechid, sel);
}

export async function getStakeWeight(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number[]> {
  netuidArg(netuid);
  return (await read(st.client, STAKE_WEIGHT, [netuid], await resolveAt(st, sel))).map(u16Normalized);
}

export async function getLastBondsReset(st: Subtensor, netuid: number, hotkey: string, sel: BlockSelector = {}): Promise<number | null> {
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  return read(st.client, LAST_BONDS_RESET, [netuid, hotkey], await resolveAt(st, sel));
}

/**
 * Python's Certificate: a str of the algorithm byte's character followed by one character per
 * public-key byte (chr of each, so code points 0..255).
 */
function certificate(raw: RawCertificate): string {
  return String.fromCharCode(raw.algorithm, ...raw.public_key);
}

export async function getNeuronCertificate(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<string | null> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const raw = await read(st.client, NEURON_CERTIFICATES, [netuid, hotkey], await resolveAt(st, sel));
  return raw ? certificate(raw) : null;
}

export async function getAllNeuronCertificates(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<Record<string, string>> {
  netuidArg(netuid);
  const out: Record<string, string> = {};
  for await (const e of readMap(st.client, NEURON_CERTIFICATES, [netuid], { ...(await resolveAt(st, sel)), pageSize: 100 })) {
    if (e.value) out[e.keys[1]] = certificate(e.value);
  }
  return out;
}

const TIMELOCKED_WEIGHT_COMMITS = storage<[index: number, epoch: bigint], [string, bigint, Uint8Array, bigint][]>('SubtensorModule', 'TimelockedWeightCommits');

/** One timelocked weight commit, Python's WeightCommitInfo.from_vec_u8_v2 tuple by name. */
export interface TimelockedWeightCommit {
  hotkey: string;
  commitBlock: bigint;
  /** The encrypted commit, 0x + hex (not decrypted). */
  commit: string;
  /** The drand round it can be revealed at. */
  revealRound: bigint;
}

export async function getTimelockedWeightCommits(st: Subtensor, netuid: number, mechid = 0, sel: BlockSelector = {}): Promise<TimelockedWeightCommit[]> {
  netuidArg(netuid);
  const index = storageIndex(netuid, uintArg(mechid, 'mechid', MAX_MECHID));
  for await (const e of readMap(st.client, TIMELOCKED_WEIGHT_COMMITS, [index], { ...(await resolveAt(st, sel)), pageSize: 1 })) {
    return e.value.map(([hotkey, commitBlock, data, revealRound]) => ({ hotkey, commitBlock, commit: toHex(data), revealRound }));
  }
  return [];
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const neuronReads = {
  /**
   * Every weight row of subnet `netuid` (mechanism `mechid`, default 0), Python's `weights`: a list
   * of `[uid, [[destUid, u16Weight], ...]]` in the node's key order, as stored.
   */
  weights,
  /** Every bond row of subnet `netuid` (mechanism `mechid`), Python's `bonds`: `[uid, [[uid, u16Bond], ...]]`. */
  bonds,
  /** The stake weight of every hotkey of the subnet (StakeWeight), each u16 / 65535 as Python's. */
  getStakeWeight,
  /** The block of the hotkey's last bonds reset on the subnet (Commitments.LastBondsReset), null if none. */
  getLastBondsReset,
  /** The TLS certificate the hotkey published on the subnet (NeuronCertificates), null when none. */
  getNeuronCertificate,
  /** Every certificate published on the subnet, keyed by hotkey. */
  getAllNeuronCertificates,
  /**
   * The subnet's timelocked weight commits (TimelockedWeightCommits of mechanism `mechid`). As
   * Python does, only the FIRST epoch the node lists is read (Python keeps `records[0]`); [] when
   * there is none.
   */
  getTimelockedWeightCommits,
};
