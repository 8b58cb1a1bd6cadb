/**
 * Where a read of the Subtensor layer happens: the block selector resolved once (through the
 * Subtensor's own rules, so `at()` views and `reuseBlock` behave as in every other method) into
 * a snapshot that the functions of ./registration.ts and ./subnet-params.ts pass down.
 * @module
 */
import type { BlockSelector, Subtensor } from './subtensor.js';
import { selectorArg } from './args.js';

/** A resolved block hash (undefined = the head) and an abort signal. */
export interface At {
  blockHash?: string;
  signal?: AbortSignal;
}

/** Checks `sel` and resolves it; `pinHead` turns "latest" into the head's hash, for multi-read answers. */
export async function resolveAt(st: Subtensor, sel: BlockSelector, pinHead = false): Promise<At> {
  const checked = selectorArg(sel);
  const blockHash = await st.resolveBlock(checked, pinHead);
  return { blockHash, signal: checked.signal };
}
