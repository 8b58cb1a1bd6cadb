/**
 * Block and time reads: the block's timestamp (Timestamp.Now) and how long ago a neuron last set
 * weights (the subnet's LastUpdate), as bittensor's AsyncSubtensor answers them.
 * @module
 */
import { read } from '../substrate/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { LAST_UPDATE, TIMESTAMP_NOW } from './addresses.js';
import { netuidArg, selectorArg } from './args.js';
import { resolveAt } from './at.js';
import { subnetParam } from './subnet-params.js';

/** The block's timestamp: Timestamp.Now is milliseconds since the Unix epoch (UTC). */
export async function getTimestamp(st: Subtensor, sel: BlockSelector): Promise<Date> {
  const ms = await read(st.client, TIMESTAMP_NOW, [], await resolveAt(st, sel));
  return new Date(Number(ms));
}

/**
 * Block number minus LastUpdate[uid] of the subnet, at the selected block (the head is pinned
 * first, so the number and the storage are of the same block). Null when the subnet does not
 * exist, or, where Python would raise IndexError, when `uid` is past the end of LastUpdate.
 */
export async function blocksSinceLastUpdate(st: Subtensor, netuid: number, uid: number, sel: BlockSelector): Promise<number | null> {
  netuidArg(netuid);
  netuidArg(uid, 'uid');
  const given = selectorArg(sel).block;
  const at = await resolveAt(st, sel, true);
  const [block, last] = await Promise.all([
    given ?? st.client.getBlockNumber(at.blockHash!, { signal: at.signal }),
    subnetParam(st, LAST_UPDATE, netuid, at),
  ]);
  const updated = last?.[uid];
  return updated === undefined ? null : block - Number(updated);
}
