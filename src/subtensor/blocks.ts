/**
 * Block reads of the Subtensor layer (bittensor's get_block_info, wait_for_block,
 * filter_netuids_by_registered_hotkeys): a block with its timestamp and explorer link, waiting for
 * a block without hanging (an AbortSignal and an optional timeout end the wait), and the subnets a
 * set of hotkeys is registered on, filtered as Python filters them.
 * @module
 */
import { BlockNotFoundError, waitForBlock as waitForHeader, type DecodedExtrinsic, type Header, type UndecodedExtrinsic } from '../substrate/index.js';
import { addressesArg, arrayArg, optionsArg, optSignalArg, optUintArg, U32_MAX } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { netuidArg, selectorArg } from './args.js';
import { resolveAt } from './at.js';
import { getNetuidsForHotkey } from './registration.js';

/** Python's TAO_APP_BLOCK_EXPLORER (bittensor/core/settings.py). */
export const TAO_APP_BLOCK_EXPLORER = 'https://www.tao.app/block/';

/** A block as Python's BlockInfo gives it. */
export interface BlockInfo {
  number: number;
  hash: string;
  /** Timestamp.set's `now` of the block (ms since the epoch), null if the block has none. */
  timestamp: number | null;
  header: Header;
  /** Extrinsics decoded with the block's runtime; undecodable ones raw with their error (Python ignores decoding errors too). */
  extrinsics: (DecodedExtrinsic | UndecodedExtrinsic)[];
  /** The block's page on tao.app. */
  explorer: string;
}

/** The first Timestamp call's first argument, as Python reads it. */
function timestampOf(extrinsics: (DecodedExtrinsic | UndecodedExtrinsic)[]): number | null {
  for (const x of extrinsics) {
    if (!('pallet' in x) || x.pallet !== 'Timestamp') continue;
    const args = x.args as Record<string, unknown> | unknown[] | null;
    const first = Array.isArray(args) ? args[0] : args && typeof args === 'object' ? Object.values(args)[0] : undefined;
    return typeof first === 'bigint' || typeof first === 'number' ? Number(first) : null;
  }
  return null;
}

export async function getBlockInfo(st: Subtensor, sel: BlockSelector = {}): Promise<BlockInfo | null> {
  const checked = selectorArg(sel);
  try {
    const at = await resolveAt(st, sel, true);
    const b = await st.client.getBlock({ blockHash: at.blockHash, signal: at.signal, ignoreDecodingErrors: true });
    const number = checked.block ?? b.header.number;
    return { number, hash: b.hash, timestamp: timestampOf(b.extrinsics), header: b.header, extrinsics: b.extrinsics, explorer: `${TAO_APP_BLOCK_EXPLORER}${number}` };
  } catch (e) {
    if (e instanceof BlockNotFoundError) return null;
    throw e;
  }
}

/** Options of waitForBlock: an abort signal and a timeout in ms, either ends the wait with an error. */
export interface WaitForBlockOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A signal that aborts when `a` (if given) or `b` does, with that one's reason. */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  if (!a) return b;
  const ctl = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) ctl.abort(s.reason);
    else s.addEventListener('abort', () => ctl.abort(s.reason), { once: true });
  }
  return ctl.signal;
}

export async function waitForBlock(st: Subtensor, block: number | null = null, opts: WaitForBlockOptions = {}): Promise<boolean> {
  const target = optUintArg(block, 'block', U32_MAX);
  const o = optionsArg(opts, 'opts');
  const given = optSignalArg(o.signal, 'opts.signal');
  const timeoutMs = optUintArg(o.timeoutMs, 'opts.timeoutMs', U32_MAX);
  const signal = timeoutMs === undefined ? given : eitherSignal(given, AbortSignal.timeout(timeoutMs));
  const head = (await st.client.getBlockHeader({ signal })).number;
  const n = target ?? head + 1;
  if (head >= n) return true;
  await waitForHeader(st.client, n, { signal });
  return true;
}

export async function filterNetuidsByRegisteredHotkeys(
  st: Subtensor, allNetuids: number[], filterForNetuids: number[], hotkeys: string[], sel: BlockSelector = {},
): Promise<number[]> {
  const all = arrayArg(allNetuids, 'allNetuids').map((n, i) => netuidArg(n, `allNetuids[${i}]`));
  const only = arrayArg(filterForNetuids, 'filterForNetuids').map((n, i) => netuidArg(n, `filterForNetuids[${i}]`));
  const keys = addressesArg(hotkeys, 'hotkeys');
  const at = await resolveAt(st, sel, true);
  const registered = (await Promise.all(keys.map((k) => getNetuidsForHotkey(st, k, { blockHash: at.blockHash, signal: at.signal })))).flat();
  const chosen = only.length === 0 ? registered : [...all, ...registered].filter((n) => only.includes(n));
  return [...new Set(chosen)].sort((a, b) => a - b);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const blockReads = {
  /**
   * The block of `sel` (the head by default) with its header, extrinsics, timestamp and explorer
   * URL: Python's get_block_info. Null when the node does not know the block.
   */
  getBlockInfo,
  /**
   * Resolve true once the chain's head reaches `block` (the next block when omitted): Python's
   * wait_for_block, on the substrate layer's head subscription. Unlike Python it cannot hang
   * forever: `signal` aborts it and `timeoutMs` bounds it (the error is the signal's reason).
   */
  waitForBlock,
  /**
   * The subnets among `allNetuids` / the hotkeys' registrations that pass Python's
   * filter_netuids_by_registered_hotkeys: with an empty `filterForNetuids`, every subnet a hotkey is
   * registered on; otherwise the members of `allNetuids` and of the hotkeys' subnets that are in
   * `filterForNetuids`. Hotkeys are SS58 addresses here (Python takes wallets). Python returns a set
   * as a list (no order); this returns the subnets ascending, each once.
   */
  filterNetuidsByRegisteredHotkeys,
};
