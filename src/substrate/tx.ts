// One short path for any call, as polkadot-api and dedot users know it:
// `tx(client, 'Balances', 'transfer_keep_alive', args).signAndSubmit(signer, { waitFor })` (on a
// Subtensor: `st.tx(...)`), plus
// `.paymentInfo(address)` and `.sign(signer)` for offline signing. The builder only holds the
// names and arguments; each method composes the call with the runtime it runs against, so a
// runtime upgrade between building and sending is no trap. The free functions stay the pieces.
// A function, not a SubstrateClient method, so read-only programs do not bundle the signing code.
import type { AtOptions, SubstrateClient } from './client.js';
import { composeCall, createSignedExtrinsic, getPaymentInfo, type Call, type PaymentInfo, type SignOptions } from './extrinsic.js';
import type { ExtrinsicReceipt } from './receipt.js';
import type { Signer } from './signer.js';
import { submitExtrinsic, type SubmitOptions } from './submit.js';
import { atArg, callArgsArg, clientArg, nameArg, optionsArg } from './validate.js';

/** A call not yet composed: compose, price, sign, or sign and submit it. */
export interface Tx {
  readonly pallet: string;
  readonly name: string;
  readonly args: Record<string, unknown> | unknown[];
  /** The call encoded with the runtime at `opts.blockHash` (default: the head). */
  call(opts?: AtOptions): Promise<Call>;
  /** Fee and weight if `address` sent it (placeholder signature, no nonce reserved). */
  paymentInfo(address: string, opts?: AtOptions): Promise<PaymentInfo>;
  /** The signed extrinsic (hex) for offline use or a later submitExtrinsic. */
  sign(signer: Signer, opts?: SignOptions): Promise<string>;
  /** Sign with a reserved nonce and submit; resolves with the receipt (waitFor 'inclusion' by default). */
  signAndSubmit(signer: Signer, opts?: SignOptions & SubmitOptions): Promise<ExtrinsicReceipt>;
}

/**
 * `pallet.name(args)` as a builder: `.signAndSubmit(signer, { waitFor })`, `.paymentInfo(address)`,
 * `.sign(signer)` (offline), `.call()`. Args by field name or position, as composeCall takes them;
 * names and the args' shape are checked here, values when composed.
 */
export function tx(client: SubstrateClient, pallet: string, name: string, args: Record<string, unknown> | unknown[] = {}): Tx {
  clientArg(client, 'client');
  nameArg(pallet, 'pallet');
  nameArg(name, 'name');
  const a = args === undefined || args === null ? {} : callArgsArg(args, 'args');
  const call = async (opts: AtOptions = {}) => composeCall((await client.runtime(atArg(opts))).registry, pallet, name, a);
  return {
    pallet,
    name,
    args: a,
    call,
    paymentInfo: async (address, opts = {}) => getPaymentInfo(client, await call(opts), address, opts),
    sign: async (signer, opts = {}) => createSignedExtrinsic(client, await call(opts), signer, opts),
    signAndSubmit: async (signer, opts = {}) => {
      const o = optionsArg(opts, 'opts') as SignOptions & SubmitOptions;
      const hex = await createSignedExtrinsic(client, await call({ signal: o.signal }), signer, o);
      return submitExtrinsic(client, hex, { waitFor: o.waitFor, signal: o.signal, timeoutMs: o.timeoutMs });
    },
  };
}
