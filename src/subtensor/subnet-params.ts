/**
 * Single-hyperparameter accessors (bittensor's `tempo`, `difficulty`, `immunityPeriod`,
 * `subnetworkN`): one storage item keyed by netuid, null when the subnet does not exist, as
 * Python's get_hyperparameter answers. The existence check and the item are read in one
 * state_queryStorageAt at one block, so they cannot disagree.
 * @module
 */
import { readMulti, type StorageAddress } from '../substrate/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { DIFFICULTY, IMMUNITY_PERIOD, NETWORKS_ADDED, SUBNETWORK_N, SUBNET_OWNER_HOTKEY, TEMPO } from './addresses.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';

/** `item[netuid]` at `at`, or null when NetworksAdded[netuid] is false. */
export async function subnetParam<V>(st: Subtensor, item: StorageAddress<[number], V>, netuid: number, at: At): Promise<V | null> {
  const [exists, value] = await readMulti(st.client, [[NETWORKS_ADDED, [netuid]], [item, [netuid]]] as const, at);
  return exists ? value : null;
}

async function param<V>(st: Subtensor, item: StorageAddress<[number], V>, netuid: number, sel: BlockSelector = {}): Promise<V | null> {
  netuidArg(netuid);
  return subnetParam(st, item, netuid, await resolveAt(st, sel));
}

export const tempo = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> => param(st, TEMPO, netuid, sel);

export const difficulty = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<bigint | null> => param(st, DIFFICULTY, netuid, sel);

export const immunityPeriod = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> => param(st, IMMUNITY_PERIOD, netuid, sel);

export const subnetworkN = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> => param(st, SUBNETWORK_N, netuid, sel);

export const getSubnetOwnerHotkey = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<string | null> => param(st, SUBNET_OWNER_HOTKEY, netuid, sel);

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const subnetParamReads = {
  /** Blocks per epoch of the subnet (Tempo). */
  tempo,
  /** The subnet's proof-of-work registration difficulty (Difficulty, a u64 kept exact as a bigint). */
  difficulty,
  /** Blocks a newly registered neuron is protected from pruning (ImmunityPeriod). */
  immunityPeriod,
  /** How many neurons the subnet has (SubnetworkN). */
  subnetworkN,
  /** The subnet owner's hotkey (SubnetOwnerHotkey). */
  getSubnetOwnerHotkey,
};
