/**
 * Balances transfers: the first Subtensor write. A function over a Subtensor, attached as a thin
 * method; arguments are checked before the runtime is even asked for.
 * @module
 */
import { composeCall, createSignedExtrinsic, submitExtrinsic, type ExtrinsicReceipt, type Signer } from '../substrate/index.js';
import { addressArg, optBoolArg, optOneOfArg, optionsArg, optSignalArg, signerArg } from '../substrate/validate.js';
import type { Balance } from './balance.js';
import { raoArg } from './args.js';
import type { Subtensor } from './subtensor.js';

export interface TransferOptions {
  waitFor?: 'none' | 'inclusion' | 'finalization';
  /** false sends transfer_allow_death (may reap the sender); default transfer_keep_alive. */
  keepAlive?: boolean;
  signal?: AbortSignal;
}

/** Transfer `amount` (rao bigint or Balance) from `signer` to `dest`. */
export async function transfer(st: Subtensor, signer: Signer, dest: string, amount: bigint | Balance, opts: TransferOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(dest, 'dest');
  const rao = raoArg(amount, 'amount');
  const o = optionsArg(opts, 'opts');
  const waitFor = optOneOfArg(o.waitFor, 'opts.waitFor', ['none', 'inclusion', 'finalization'] as const) ?? 'inclusion';
  const keepAlive = optBoolArg(o.keepAlive, 'opts.keepAlive');
  const signal = optSignalArg(o.signal, 'opts.signal');
  const rt = await st.client.runtime({ signal });
  const call = composeCall(rt.registry, 'Balances', keepAlive === false ? 'transfer_allow_death' : 'transfer_keep_alive', {
    dest: { type: 'Id', value: dest },
    value: rao,
  });
  const ext = await createSignedExtrinsic(st.client, call, signer, { signal });
  return submitExtrinsic(st.client, ext, { waitFor, signal });
}

/** Attached to Subtensor (./methods.ts). */
export const transferWrites = { transfer };
