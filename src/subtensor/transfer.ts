/**
 * Balances transfers: the first Subtensor write. A function over a Subtensor, attached as a thin
 * method; arguments are checked before the runtime is even asked for.
 * @module
 */
import { RpcError } from '../rpc/index.js';
import { InvalidArgumentError, composeCall, getPaymentInfo, type ExtrinsicReceipt, type Signer } from '../substrate/index.js';
import { ss58Encode } from '../scale/index.js';
import { addressArg, optBoolArg, optionsArg, optSignalArg, signerArg } from '../substrate/validate.js';
import { PreconditionError, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import { balance, type Balance } from './balance.js';
import { raoArg } from './args.js';
import type { Subtensor } from './subtensor.js';

export interface TransferOptions extends WriteOptions {
  /** false sends transfer_allow_death (may reap the sender); default transfer_keep_alive. */
  keepAlive?: boolean;
  /** Send everything (Balances.transfer_all); `amount` must then be null. */
  transferAll?: boolean;
}

/**
 * Python's transfer_extrinsic: refuses (PreconditionError 'balance') when the balance does not
 * cover amount + fee (+ the existential deposit when keeping the account alive), before signing.
 */
export async function transfer(st: Subtensor, signer: Signer, dest: string, amount: bigint | Balance | null, opts: TransferOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(dest, 'dest');
  const o = optionsArg(opts, 'opts');
  const w = writeOptionsArg(o);
  const keepAlive = optBoolArg(o.keepAlive, 'opts.keepAlive') ?? true;
  const all = optBoolArg(o.transferAll, 'opts.transferAll') ?? false;
  if (all && amount !== null) throw new InvalidArgumentError('amount: must be null with opts.transferAll (everything is sent)', 'amount', amount);
  if (!all && amount === null) throw new InvalidArgumentError('amount: null only with opts.transferAll: true', 'amount', amount);
  const rao = amount === null ? null : raoArg(amount, 'amount');
  const from = ss58Encode(signer.accountId ?? signer.publicKey);
  const head = await st.client.getChainHead({ signal: w.signal });
  const [rt, free, ed, fee] = await Promise.all([
    st.client.runtime({ signal: w.signal }),
    st.getBalance(from, { blockHash: head, signal: w.signal }),
    st.getExistentialDeposit({ blockHash: head, signal: w.signal }),
    getTransferFee(st, from, dest, rao, keepAlive, { signal: w.signal }),
  ]);
  const floor = keepAlive ? ed.rao : 0n;
  if (rao === null ? free.rao - fee.rao < floor : free.rao < rao + fee.rao + floor) {
    throw new PreconditionError('balance', `${from} has ${free.rao} rao: not enough to transfer ${rao ?? 'everything'} with the fee of ${fee.rao} rao${floor ? ` and keep the existential deposit of ${floor} rao` : ''}`);
  }
  return submitCall(st, signer, transferCall(rt.registry, dest, rao, keepAlive), w);
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
  try {
    const rt = await st.client.runtime({ signal });
    return balance((await getPaymentInfo(st.client, transferCall(rt.registry, dest, rao, keep), coldkey, { signal })).partialFee);
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    return balance(20_000_000n);
  }
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const transferWrites = {
  /**
   * Transfer `amount` (rao bigint or Balance; null with `transferAll`) from `signer` to `dest`:
   * Python's transfer. Keep-alive by default; the balance is checked against amount, fee and
   * existential deposit before signing (PreconditionError 'balance').
   */
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
