/**
 * Per-subnet lists and chain keys that Python reads as plain storage: the validator permits of a
 * subnet's uids, the emission split between its mechanisms (as Python's rounded percentages), and
 * MEV Shield's ML-KEM-768 public keys, checked for the 1,184-byte size Python insists on.
 * @module
 */
import { DecodeError } from '../scale/index.js';
import { addressesOf, read } from '../substrate/index.js';
import type { FinneyChain } from '../chains/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { subnetParam } from './subnet-params.js';

const finney = addressesOf<FinneyChain>();
const VALIDATOR_PERMIT = finney.storage('SubtensorModule', 'ValidatorPermit');
const MECHANISM_EMISSION_SPLIT = finney.storage('SubtensorModule', 'MechanismEmissionSplit');
const MEV_CURRENT_KEY = finney.storage('MevShield', 'CurrentKey');
const MEV_NEXT_KEY = finney.storage('MevShield', 'NextKey');
const MLKEM768_PUBLIC_KEY_SIZE = 1184;

/** Python's round(): halves go to the even neighbour (2.5 → 2, 3.5 → 4). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export async function getSubnetValidatorPermits(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<boolean[] | null> {
  netuidArg(netuid);
  return subnetParam(st, VALIDATOR_PERMIT, netuid, await resolveAt(st, sel));
}

async function hasItem(st: Subtensor, at: At, pallet: string, item: string): Promise<boolean> {
  const rt = await st.client.runtime(at);
  return rt.metadata.pallets.some((p) => p.name === pallet && p.storage?.items.some((e) => e.name === item));
}

export async function getMechanismEmissionSplit(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number[] | null> {
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  if (!(await hasItem(st, at, 'SubtensorModule', 'MechanismEmissionSplit'))) return null;
  const split = await read(st.client, MECHANISM_EMISSION_SPLIT, [netuid], at);
  if (split === null) return null;
  const sum = split.reduce((a, b) => a + b, 0);
  return sum === 0 ? split.map(() => 0) : split.map((v) => roundHalfEven((v / sum) * 100));
}

async function mevKey(st: Subtensor, item: typeof MEV_CURRENT_KEY, sel: BlockSelector): Promise<Uint8Array | null> {
  const at = await resolveAt(st, sel, true);
  if (!(await hasItem(st, at, 'MevShield', item.item))) return null;
  const key = await read(st.client, item, [], at);
  if (key !== null && key.length !== MLKEM768_PUBLIC_KEY_SIZE) {
    throw new DecodeError(`MevShield.${item.item}: an ML-KEM-768 public key has ${MLKEM768_PUBLIC_KEY_SIZE} bytes, got ${key.length}`, 0, `MevShield.${item.item}`);
  }
  return key;
}

export const getMevShieldCurrentKey = (st: Subtensor, sel: BlockSelector = {}): Promise<Uint8Array | null> => mevKey(st, MEV_CURRENT_KEY, sel);
export const getMevShieldNextKey = (st: Subtensor, sel: BlockSelector = {}): Promise<Uint8Array | null> => mevKey(st, MEV_NEXT_KEY, sel);

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const subnetExtraReads = {
  /** Which uids of the subnet hold a validator permit (ValidatorPermit), by uid; null for a missing subnet. */
  getSubnetValidatorPermits,
  /**
   * The subnet's emission split between its mechanisms as whole percentages, rounded as Python's
   * round() does (half to even); null where the subnet has no split or the runtime no mechanisms.
   */
  getMechanismEmissionSplit,
  /** MEV Shield's current ML-KEM-768 public key (1,184 bytes); null when none is set or the runtime has no MevShield. A key of another size is a DecodeError. */
  getMevShieldCurrentKey,
  /** MEV Shield's next ML-KEM-768 public key, as getMevShieldCurrentKey. */
  getMevShieldNextKey,
};
