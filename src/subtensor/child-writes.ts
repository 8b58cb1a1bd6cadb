/**
 * Children, takes and commitments: Python's set_children, set_delegate_take and set_commitment /
 * set_reveal_commitment, and set_childkey_take (the runtime call bittensor 10.2 only reaches
 * through proxies). Children and takes are signed by the coldkey, commitments by the hotkey.
 * Attached through `weightWrites` (./weight-writes.ts).
 * @module
 */
import type { ExtrinsicReceipt, Signer } from '../substrate/index.js';
import { addressArg, optionsArg, signerArg, uintArg } from '../substrate/validate.js';
import type { Subtensor } from './subtensor.js';
import { netuidArg } from './args.js';
import { UnsupportedRuntimeError } from './subnets.js';
import { composeAtHead, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import { revealRoundAfterBlocks, timelockEncrypt } from './timelock/index.js';
import {
  blockTimeArg, childrenArg, hasTimelockCommitments, rawCommitmentField, scaleString, stringArg, takeToU16,
} from './weight-calls.js';

export async function setChildren(st: Subtensor, signer: Signer, hotkey: string, netuid: number, children: [number, string][], opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const kids = childrenArg(children);
  const o = writeOptionsArg(opts);
  const call = await composeAtHead(st, 'SubtensorModule', 'set_children', { hotkey, netuid, children: kids }, o.signal);
  return submitCall(st, signer, call, o);
}

export async function setChildkeyTake(st: Subtensor, signer: Signer, hotkey: string, netuid: number, take: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  netuidArg(netuid);
  const u16 = takeToU16(take);
  const o = writeOptionsArg(opts);
  const call = await composeAtHead(st, 'SubtensorModule', 'set_childkey_take', { hotkey, netuid, take: u16 }, o.signal);
  return submitCall(st, signer, call, o);
}

export async function setDelegateTake(st: Subtensor, signer: Signer, hotkey: string, take: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt | null> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  const u16 = takeToU16(take);
  const o = writeOptionsArg(opts);
  const current = Math.trunc((await st.getDelegateTake(hotkey, { signal: o.signal })) * 0xffff);
  if (current === u16) return null;
  const name = current < u16 ? 'increase_take' : 'decrease_take';
  const call = await composeAtHead(st, 'SubtensorModule', name, { hotkey, take: u16 }, o.signal);
  return submitCall(st, signer, call, o);
}

export async function setCommitment(st: Subtensor, signer: Signer, netuid: number, data: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const bytes = new TextEncoder().encode(stringArg(data, 'data'));
  const o = writeOptionsArg(opts);
  const { registry } = await st.client.runtime({ signal: o.signal });
  const info = { fields: [rawCommitmentField(registry, bytes)] };
  return submitCall(st, signer, await composeAtHead(st, 'Commitments', 'set_commitment', { netuid, info }, o.signal), o);
}

/** setRevealCommitment's receipt, with what Python returns as `data`. */
export interface RevealCommitmentReceipt extends ExtrinsicReceipt {
  /** The timelock ciphertext stored on chain (serialized TLECiphertext). */
  encrypted: Uint8Array;
  /** The drand quicknet round it opens at. */
  revealRound: number;
}

/** setRevealCommitment options: Python's keywords, camelCased, and the write options. */
export interface RevealCommitmentOptions extends WriteOptions {
  /** Blocks from now until the commitment may be decrypted (default 360). */
  blocksUntilReveal?: number;
  /** Seconds per block (default 12). */
  blockTime?: number;
}

export async function setRevealCommitment(
  st: Subtensor, signer: Signer, netuid: number, data: string, opts: RevealCommitmentOptions = {},
): Promise<RevealCommitmentReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const text = stringArg(data, 'data');
  const raw = optionsArg(opts, 'opts');
  const blocks = uintArg(raw.blocksUntilReveal ?? 360, 'opts.blocksUntilReveal');
  const seconds = blockTimeArg(raw.blockTime ?? 12, 'opts.blockTime');
  const o = writeOptionsArg(raw);
  const rt = await st.client.runtime({ signal: o.signal });
  if (!hasTimelockCommitments(rt.registry)) {
    throw new UnsupportedRuntimeError('Commitments', 'set_commitment', rt.version.specVersion, 'the commitment Data type has no TimelockEncrypted field');
  }
  const revealRound = revealRoundAfterBlocks({ blocksUntilReveal: blocks, blockTime: seconds });
  const encrypted = timelockEncrypt(scaleString(text), revealRound);
  const info = { fields: [{ type: 'TimelockEncrypted', value: { encrypted, reveal_round: BigInt(revealRound) } }] };
  const r = await submitCall(st, signer, await composeAtHead(st, 'Commitments', 'set_commitment', { netuid, info }, o.signal), o);
  return { ...r, encrypted, revealRound };
}

/** Attached to Subtensor through `weightWrites`. */
export const childWrites = {
  /**
   * Set `hotkey`'s children on `netuid` (signed by its coldkey): Python's set_children. Each child
   * is `[proportion, childHotkey]` with proportion in 0..1, sent as Python's float_to_u64
   * (`int(Decimal(str(p)) * (2^64 - 1))`); the runtime keeps them pending for the childkey cooldown
   * (read back with getChildrenPending). An empty list revokes the children.
   */
  setChildren,
  /**
   * Set the take `hotkey` keeps as a child on `netuid` (0..1, sent as `int(take * 65535)`; signed by
   * the coldkey): SubtensorModule.set_childkey_take.
   */
  setChildkeyTake,
  /**
   * Set the delegate take of `hotkey` (0..1; signed by its coldkey): Python's set_delegate_take.
   * The u16 `int(take * 65535)` is compared with the current take's: equal sends nothing and
   * resolves to null (Python's "already set"), higher sends increase_take, lower decrease_take.
   */
  setDelegateTake,
  /**
   * Publish `data` as the hotkey's commitment on `netuid`: Python's set_commitment, one `Raw` field
   * of the UTF-8 bytes (`Raw<n>` on runtimes with fixed Raw0..Raw128 variants, where more than 128
   * bytes is refused with InvalidArgumentError 'data'; the older `Raw(Vec<u8>)` elsewhere). Python
   * names the variant by `len(data)` in characters; we use the byte length, which is the same for
   * ASCII and the only one that encodes for other text. Read back with getCommitment.
   */
  setCommitment,
  /**
   * Publish `data` timelock-encrypted to the drand round `blocksUntilReveal` blocks of `blockTime`
   * seconds from now: Python's set_reveal_commitment (bittensor-drand's get_encrypted_commitment:
   * the SCALE string encrypted with timelockEncrypt, round from revealRoundAfterBlocks). The
   * receipt carries `encrypted` and `revealRound`. Runtimes whose commitment Data has no
   * TimelockEncrypted variant (spec 218) give UnsupportedRuntimeError before anything is signed.
   */
  setRevealCommitment,
};
