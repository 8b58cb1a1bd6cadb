/**
 * Block and time reads: the block's timestamp (Timestamp.Now), how long ago a neuron last set
 * weights (the subnet's LastUpdate) and where the subnet's next epoch starts (Tempo), as
 * bittensor's AsyncSubtensor answers them, each at one pinned block.
 * @module
 */
import { read } from '../substrate/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { LAST_UPDATE, TEMPO, TIMESTAMP_NOW } from './addresses.js';
import { netuidArg, selectorArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { subnetParam } from './subnet-params.js';

export async function getTimestamp(st: Subtensor, sel: BlockSelector = {}): Promise<Date> {
  const ms = await read(st.client, TIMESTAMP_NOW, [], await resolveAt(st, sel));
  return new Date(Number(ms));
}

/** The selector pinned to one block (the head's hash when none is given) and that block's number. */
export async function pinnedBlock(st: Subtensor, sel: BlockSelector = {}): Promise<{ at: At; block: number }> {
  const given = selectorArg(sel).block;
  const at = await resolveAt(st, sel, true);
  return { at, block: given ?? (await st.client.getBlockNumber(at.blockHash!, { signal: at.signal })) };
}

export async function blocksSinceLastUpdate(st: Subtensor, netuid: number, uid: number, sel: BlockSelector = {}): Promise<number | null> {
  netuidArg(netuid);
  netuidArg(uid, 'uid');
  const { at, block } = await pinnedBlock(st, sel);
  const updated = (await subnetParam(st, LAST_UPDATE, netuid, at))?.[uid];
  return updated === undefined ? null : block - Number(updated);
}

export async function blocksUntilNextEpoch(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> {
  netuidArg(netuid);
  const { at, block } = await pinnedBlock(st, sel);
  return untilNext(block, netuid, await subnetParam(st, TEMPO, netuid, at));
}

const untilNext = (block: number, netuid: number, tempo: number | null): number | null =>
  tempo ? tempo - ((block + netuid + 1) % (tempo + 1)) : null;

export async function getNextEpochStartBlock(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> {
  netuidArg(netuid);
  const { at, block } = await pinnedBlock(st, sel);
  const until = untilNext(block, netuid, await subnetParam(st, TEMPO, netuid, at));
  return until === null ? null : block + until + 1;
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const timeReads = {
  /** The block's timestamp: Timestamp.Now is milliseconds since the Unix epoch (UTC). */
  getTimestamp,
  /**
   * Block number minus LastUpdate[uid] of the subnet, at the selected block (the head is pinned
   * first, so the number and the storage are of the same block). Null when the subnet does not
   * exist, or, where Python would raise IndexError, when `uid` is past the end of LastUpdate.
   */
  blocksSinceLastUpdate,
  /**
   * Blocks left until the subnet's next epoch, the runtime's own rule
   * (SubtensorModule::blocks_until_next_epoch): tempo − (block + netuid + 1) mod (tempo + 1).
   * Null when the subnet does not exist or its tempo is 0 (no epochs), as in Python.
   */
  blocksUntilNextEpoch,
  /**
   * The first block of the subnet's next epoch: block + blocksUntilNextEpoch + 1. Python adds to the
   * head's number even when given a block hash; here both come from the selected block.
   */
  getNextEpochStartBlock,
};
