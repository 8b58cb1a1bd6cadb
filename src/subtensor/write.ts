/**
 * The one path every Subtensor write takes: options checked, call composed at the head runtime,
 * signed (nonce reserved, mortal for 128 blocks by default, as bittensor's DEFAULT_PERIOD), and
 * submitted — or, with `dryRun`, priced without sending anything. A dispatch that fails on chain
 * rejects with an `ExtrinsicError` naming the pallet error unless `raiseError: false`.
 * @module
 */
import {
  ExtrinsicError, composeCall, createSignedExtrinsic, getPaymentInfo, submitExtrinsic, tx,
  type Call, type ExtrinsicReceipt, type Signer, type Tx,
} from '../substrate/index.js';
import { ss58Encode, type Registry } from '../scale/index.js';
import {
  optBigintArg, optBoolArg, optOneOfArg, optSignalArg, optUintArg, optionsArg, signerArg, U32_MAX,
} from '../substrate/validate.js';
import { SubstrateLiteError } from '../errors.js';
import type { Subtensor } from './subtensor.js';

/**
 * A write refused before anything was signed, because a check Python also makes failed: too little
 * balance or stake, a hotkey not registered, a rate limit not yet passed, a subnet needing another
 * path. `check` names it (e.g. 'balance', 'registration', 'rate-limit', 'stake').
 */
export class PreconditionError extends SubstrateLiteError {
  override name = 'PreconditionError';
  readonly check: string;
  constructor(check: string, message: string) {
    super(message);
    this.check = check;
  }
}

/** Options every Subtensor write takes. */
export interface WriteOptions {
  /** 'inclusion' (default, Python's wait_for_inclusion), 'finalization', or 'none' (pool accepted). */
  waitFor?: 'none' | 'inclusion' | 'finalization';
  /** Mortality in blocks from a recent finalized block (default 128); 0 = immortal. */
  period?: number;
  /** Explicit nonce; by default one is reserved for the signer (concurrent writes get consecutive nonces). */
  nonce?: number;
  /** Tip in rao. */
  tip?: bigint;
  /** Make every check, compose and price the call, send nothing: resolves to a receipt with status 'dry-run' and `fee`. */
  dryRun?: boolean;
  /** true (default): a dispatch failure rejects with ExtrinsicError; false: resolves with `success: false`. */
  raiseError?: boolean;
  signal?: AbortSignal;
  /** Give up waiting for inclusion/finalization after this many ms (typed error, the subscription is closed). */
  timeoutMs?: number;
}

/** WriteOptions checked; each bad option is named (`opts.period`). */
export function writeOptionsArg(v: unknown, name = 'opts'): WriteOptions {
  const o = optionsArg(v, name);
  return {
    waitFor: optOneOfArg(o.waitFor, `${name}.waitFor`, ['none', 'inclusion', 'finalization'] as const),
    period: optUintArg(o.period, `${name}.period`, 65536),
    nonce: optUintArg(o.nonce, `${name}.nonce`, U32_MAX),
    tip: optBigintArg(o.tip, `${name}.tip`),
    dryRun: optBoolArg(o.dryRun, `${name}.dryRun`),
    raiseError: optBoolArg(o.raiseError, `${name}.raiseError`),
    signal: optSignalArg(o.signal, `${name}.signal`),
    timeoutMs: optUintArg(o.timeoutMs, `${name}.timeoutMs`),
  };
}

/** The head runtime's registry (to compose calls with). */
export async function headRegistry(st: Subtensor, signal?: AbortSignal): Promise<Registry> {
  return (await st.client.runtime({ signal })).registry;
}

/** Compose `pallet.name(args)` at the head runtime. */
export async function composeAtHead(st: Subtensor, pallet: string, name: string, args: Record<string, unknown> | unknown[], signal?: AbortSignal): Promise<Call> {
  return composeCall(await headRegistry(st, signal), pallet, name, args);
}

/**
 * Sign `call` with `signer` and submit it (or price it, with `dryRun`). `opts` must already be
 * checked with writeOptionsArg by the caller (so a bad option is refused before any other work).
 */
export async function submitCall(st: Subtensor, signer: Signer, call: Call, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const { signal, timeoutMs } = opts;
  const signOpts = { signal, nonce: opts.nonce, tip: opts.tip, era: opts.period ?? 128 };
  if (opts.dryRun) {
    const info = await getPaymentInfo(st.client, call, ss58Encode(signer.accountId ?? signer.publicKey), { signal });
    return {
      extrinsicHash: '', blockHash: null, blockNumber: null, extrinsicIndex: null, success: true, dispatchError: null,
      fee: info.partialFee, weight: info.weight, events: [], status: 'dry-run',
    };
  }
  const hex = await createSignedExtrinsic(st.client, call, signer, signOpts);
  const r = await submitExtrinsic(st.client, hex, { waitFor: opts.waitFor ?? 'inclusion', signal, timeoutMs });
  if (!r.success && opts.raiseError !== false && r.status !== 'none') {
    const d = r.dispatchError;
    const what = d ? [d.pallet, d.name].filter(Boolean).join('.') || d.type : 'unknown error';
    throw new ExtrinsicError(`${call.pallet}.${call.name} failed: ${what}${d?.docs?.length ? ` — ${d.docs.join(' ')}` : ''}`, 'failed', d ?? undefined);
  }
  return r;
}

/** The methods this module adds to Subtensor (./methods.ts). */
export const callWrites = {
  /**
   * Any call in one short path: `st.tx('SubtensorModule', 'set_weights', args).signAndSubmit(hotkey)`,
   * `.paymentInfo(address)`, `.sign(signer)` for offline signing, `.call()` — the substrate layer's
   * `tx(client, …)` on this Subtensor's client.
   */
  tx: (st: Subtensor, pallet: string, name: string, args: Record<string, unknown> | unknown[] = {}): Tx => tx(st.client, pallet, name, args),
};
