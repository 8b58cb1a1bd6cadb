/**
 * Neurons and registration: which subnets a hotkey is registered on, its uid there, and who owns
 * it, read from the same storage items as bittensor's AsyncSubtensor (`Uids`, `IsNetworkMember`,
 * `Owner`, `OwnedHotkeys`). Functions over a Subtensor, attached to it as thin methods.
 * @module
 */
import { ss58Decode } from '../scale/index.js';
import { read, readMap } from '../substrate/index.js';
import { addressArg } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { IS_NETWORK_MEMBER, OWNED_HOTKEYS, OWNER, UIDS } from './addresses.js';
import { netuidArg } from './args.js';
import { resolveAt, type At } from './at.js';
import type { NeuronInfo } from './convert.js';

export async function getUidForHotkeyOnSubnet(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<number | null> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  return read(st.client, UIDS, [netuid, hotkey], await resolveAt(st, sel));
}

export async function getNeuronForPubkeyAndSubnet(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<NeuronInfo | null> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  const uid = await read(st.client, UIDS, [netuid, hotkey], at);
  return uid === null ? null : st.neuronForUid(uid, netuid, at);
}

export async function getNetuidsForHotkey(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<number[]> {
  addressArg(hotkey, 'hotkey');
  return netuidsOf(st, hotkey, await resolveAt(st, sel));
}

async function netuidsOf(st: Subtensor, hotkey: string, at: At): Promise<number[]> {
  const out: number[] = [];
  for await (const e of readMap(st.client, IS_NETWORK_MEMBER, [hotkey], { ...at, pageSize: 100 })) {
    if (e.value) out.push(e.keys[1]);
  }
  // Python lists them in storage-key (hash) order; ascending is the same set and stable to compare.
  return out.sort((a, b) => a - b);
}

export async function isHotkeyRegisteredAny(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<boolean> {
  return (await getNetuidsForHotkey(st, hotkey, sel)).length > 0;
}

export async function isHotkeyRegisteredOnSubnet(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<boolean> {
  return (await getUidForHotkeyOnSubnet(st, hotkey, netuid, sel)) !== null;
}

export async function isHotkeyRegistered(st: Subtensor, hotkey: string, netuid?: number | null, sel: BlockSelector = {}): Promise<boolean> {
  if (netuid === undefined || netuid === null) return isHotkeyRegisteredAny(st, hotkey, sel);
  return isHotkeyRegisteredOnSubnet(st, hotkey, netuid, sel);
}

/**
 * Owner is a ValueQuery: a hotkey nobody registered reads as the all-zero account (SS58
 * 5C4hrfjw…), which Python's does_hotkey_exist treats as "no such hotkey". Compared by public key
 * so a client with another SS58 prefix gets the same answer.
 */
const isZeroAccount = (address: string): boolean => ss58Decode(address).publicKey.every((b) => b === 0);

export async function getHotkeyOwner(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<string | null> {
  addressArg(hotkey, 'hotkey');
  const owner = await read(st.client, OWNER, [hotkey], await resolveAt(st, sel));
  return isZeroAccount(owner) ? null : owner;
}

export async function doesHotkeyExist(st: Subtensor, hotkey: string, sel: BlockSelector = {}): Promise<boolean> {
  return (await getHotkeyOwner(st, hotkey, sel)) !== null;
}

export async function getOwnedHotkeys(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<string[]> {
  addressArg(coldkey, 'coldkey');
  return read(st.client, OWNED_HOTKEYS, [coldkey], await resolveAt(st, sel));
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const registrationReads = {
  /** The hotkey's uid on subnet `netuid` (Uids), null when it is not registered there. */
  getUidForHotkeyOnSubnet,
  /** The hotkey's neuron on subnet `netuid` (Uids, then get_neuron at the same block); null when unregistered (Python: a null neuron). */
  getNeuronForPubkeyAndSubnet,
  /** The subnets the hotkey is registered on (IsNetworkMember entries that are true), ascending. */
  getNetuidsForHotkey,
  /** On subnet `netuid` when one is given (null/undefined = not given), else on at least one subnet. */
  isHotkeyRegistered,
  /** Whether the hotkey is registered on at least one subnet. */
  isHotkeyRegisteredAny,
  /** Whether the hotkey has a uid on subnet `netuid`. */
  isHotkeyRegisteredOnSubnet,
  /** The coldkey owning the hotkey (Owner), null when the hotkey does not exist. */
  getHotkeyOwner,
  /** Whether the hotkey has an owner (Owner is not the all-zero account). */
  doesHotkeyExist,
  /** The hotkeys the coldkey owns (OwnedHotkeys), in storage order. */
  getOwnedHotkeys,
};
