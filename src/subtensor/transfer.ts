/**
 * Balances transfers: the first Subtensor write. A function over a Subtensor, attached as a thin
 * method; arguments are checked before the runtime is even asked for.
 * @module
 */
import { RpcError } from '../rpc/index.js';
import {
  composeCall, createSignedExtrinsic, getPaymentInfo, submitExtrinsic, type ExtrinsicReceipt, type Signer,
} from '../substrate/index.js';
import { ss58Decode } from '../scale/index.js';
import { addressArg, optBoolArg, optOneOfArg, optionsArg, optSignalArg, signerArg } from '../substrate/validate.js';
import { balance, type Balance } from './balance.js';
import { raoArg } from './args.js';
import type { Subtensor } from './subtensor.js';

export interface TransferOptions {
  waitFor?: 'none' | 'inclusion' | 'finalization';
  /** false sends transfer_allow_death (may reap the sender); default transfer_keep_alive. */
  keepAlive?: boolean;
  signal?: AbortSignal;
}

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

/** Python's get_transfer_fn_params: no amount is transfer_all, else keep-alive or allow-death. */
function transferCall(registry: Parameters<typeof composeCall>[0], dest: string, rao: bigint | null, keepAlive: boolean) {
  if (rao === null) return composeCall(registry, 'Balances', 'transfer_all', { dest: { type: 'Id', value: dest }, keep_alive: keepAlive });
  return composeCall(registry, 'Balances', keepAlive ? 'transfer_keep_alive' : 'transfer_allow_death', { dest: { type: 'Id', value: dest }, value: rao });
}

export async function getTransferFee(
  st: Subtensor, coldkey: string, dest: string, amount: bigint | Balance | null, keepAlive = true, sel: { signal?: AbortSignal } = {},
): Promise<Balance> {
  addressArg(coldkey, 'coldkey');
  addressArg(dest, 'dest');
  const rao = amount === null ? null : raoArg(amount, 'amount');
  const keep = optBoolArg(keepAlive, 'keepAlive') ?? true;
  const signal = optSignalArg(optionsArg(sel, 'sel').signal, 'sel.signal');
  const fake: Signer = { publicKey: ss58Decode(coldkey).publicKey, type: 'Sr25519', sign: () => new Uint8Array(64) };
  try {
    const rt = await st.client.runtime({ signal });
    const ext = await createSignedExtrinsic(st.client, transferCall(rt.registry, dest, rao, keep), fake, { signal });
    return balance((await getPaymentInfo(st.client, ext, { signal })).partialFee);
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    return balance(20_000_000n);
  }
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const transferWrites = {
  /** Transfer `amount` (rao bigint or Balance) from `signer` to `dest`. */
  transfer,
  /**
   * The fee of a transfer of `amount` (null: transfer_all) from `coldkey` to `dest`: Python's
   * get_transfer_fee, the partial fee of TransactionPaymentApi.query_info on the signed
   * extrinsic. As Python signs with the public key only, the signature here is a fake (64 zero
   * bytes) under the real coldkey: the fee depends on the extrinsic's size and weight, not on the
   * signature's bytes. If the node refuses the query (an RpcError), Python's fallback applies: 0.02 TAO
   * (2e7 rao); other failures (timeouts, aborts, decoding) are thrown.
   */
  getTransferFee,
};
