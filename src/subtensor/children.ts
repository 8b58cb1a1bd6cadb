/**
 * Child and parent hotkeys (bittensor's get_children, get_parents): the ChildKeys and ParentKeys
 * items, each `(u64 proportion, hotkey)` pair turned into Python's
 * `(u64_normalized_float(proportion), ss58)`. Python's get_children also returns a success flag
 * and an error string; here a failed request throws its typed error instead. get_children_pending
 * reads PendingChildKeys (newer than spec 218): the children a hotkey has asked for and the block
 * their cooldown ends.
 * @module
 */
import { addressesOf, read } from '../substrate/index.js';
import type { FinneyChain } from '../chains/index.js';
import { addressArg } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { CHILD_KEYS, PARENT_KEYS } from './addresses.js';
import { netuidArg } from './args.js';
import { resolveAt } from './at.js';

/** One child (or parent) hotkey and the share of stake weight it carries. */
export interface ChildKey {
  /** The share as Python gives it: proportion / (2^64 - 1), a float in 0..1. */
  proportion: number;
  /** The share exactly as stored (u64). */
  proportionU64: bigint;
  /** The child's (or parent's) hotkey, SS58. */
  hotkey: string;
}

// Python: float(x) / float(U64_MAX); both sides are doubles there too, so the results are equal.
const U64_MAX = 2n ** 64n - 1n;
const childKey = ([p, hotkey]: [bigint, string]): ChildKey => ({ proportion: Number(p) / Number(U64_MAX), proportionU64: p, hotkey });

export async function getChildren(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<ChildKey[]> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  return (await read(st.client, CHILD_KEYS, [hotkey, netuid], await resolveAt(st, sel))).map(childKey);
}

export async function getParents(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<ChildKey[]> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  return (await read(st.client, PARENT_KEYS, [hotkey, netuid], await resolveAt(st, sel))).map(childKey);
}

const PENDING_CHILD_KEYS = addressesOf<FinneyChain>().storage('SubtensorModule', 'PendingChildKeys');

/** Children a hotkey has set that are not applied yet, and the block their cooldown ends. */
export interface PendingChildren {
  children: ChildKey[];
  /** Block number after which the pending children take effect (0 when none are pending). */
  cooldown: bigint;
}

export async function getChildrenPending(st: Subtensor, hotkey: string, netuid: number, sel: BlockSelector = {}): Promise<PendingChildren> {
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const [children, cooldown] = await read(st.client, PENDING_CHILD_KEYS, [netuid, hotkey], await resolveAt(st, sel));
  return { children: children.map(childKey), cooldown };
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const childrenReads = {
  /** The hotkey's children on subnet `netuid` (ChildKeys), [] when it has none. */
  getChildren,
  /** The hotkey's parents on subnet `netuid` (ParentKeys), [] when it has none. */
  getParents,
  /** The hotkey's pending children on subnet `netuid` (PendingChildKeys), Python's get_children_pending. */
  getChildrenPending,
};
