/**
 * Timelocked weight commits (commit-reveal v3/v4): the weights, normalised as Python does, are
 * SCALE-encoded as the runtime's reveal expects, encrypted to the drand quicknet round at which the
 * subnet reveals them, and committed with the newest commit call the runtime has. The runtime's
 * pallet_drand later decrypts and applies them — no reveal extrinsic.
 * @module
 */
import { Writer, encode, u16, u64, vec, bytes as bytesCodec, type Registry } from '../scale/index.js';
import { arrayArg, optionsArg, optUintArg, signerArg, uintArg } from '../substrate/validate.js';
import type { ExtrinsicReceipt, Signer } from '../substrate/index.js';
import { InvalidArgumentError } from '../substrate/index.js';
import { netuidArg } from './args.js';
import { UnsupportedRuntimeError } from './subnets.js';
import type { Subtensor } from './subtensor.js';
import { revealRound, BLOCK_TIME } from './timelock/reveal-round.js';
import { timelockEncrypt } from './timelock/tle.js';
import { convertWeightsAndUidsForEmit, mechanismStorageIndex } from './weights.js';
import { composeAtHead, submitCall, writeOptionsArg, type WriteOptions } from './write.js';

/** Options of commitTimelockedWeights (Python's keyword arguments, camelCased). */
export interface TimelockedCommitOptions extends WriteOptions {
  /** Mechanism (sub-subnet) id; default 0. */
  mechid?: number;
  /** The validator's version key (u64); default 0. */
  versionKey?: bigint | number;
  /** Seconds per block used to place the reveal round: 12 (default) or 0.25 on fast-block chains. */
  blockTime?: number;
  /** Commit-reveal version sent with the commit; default the runtime's CommitRevealWeightsVersion (else 4). */
  commitRevealVersion?: number;
}

/** A timelocked commit's receipt, with the round it opens at and the ciphertext committed. */
export interface TimelockedCommitReceipt extends ExtrinsicReceipt {
  revealRound: number;
  commit: Uint8Array;
}

/** The call variants, newest first, and the fields each takes besides the commit and round. */
const VARIANTS = ['commit_timelocked_mechanism_weights', 'commit_timelocked_weights', 'commit_crv3_weights'] as const;
type Variant = (typeof VARIANTS)[number];

function callVariant(registry: Registry, spec: number): Variant {
  const p = registry.pallet('SubtensorModule');
  const def = p.calls === null ? null : registry.metadata.types[p.calls].def;
  const names = new Set(def?.tag === 'variant' ? def.variants.map((v) => v.name) : []);
  const found = VARIANTS.find((v) => names.has(v));
  if (!found) throw new UnsupportedRuntimeError('SubtensorModule', 'commit_timelocked_mechanism_weights', spec, `none of ${VARIANTS.join(', ')} is in this runtime (timelocked weight commits are newer than it)`);
  return found;
}

/**
 * The plaintext the runtime decrypts: `{ hotkey: Vec<u8>, uids: Vec<u16>, values: Vec<u16>,
 * version_key: u64 }`; the legacy CR v3 call (commit_crv3_weights) predates the hotkey field.
 */
export function timelockedWeightsPayload(hotkey: Uint8Array | null, uids: number[], values: number[], versionKey: bigint): Uint8Array {
  const parts = [encode(vec(u16), uids), encode(vec(u16), values), encode(u64, versionKey)];
  if (hotkey) parts.unshift(encode(bytesCodec, hotkey));
  const w = new Writer(parts.reduce((n, p) => n + p.length, 0));
  for (const p of parts) w.bytes(p);
  return w.finish();
}

function versionKeyArg(v: unknown): bigint {
  if (v === undefined || v === null) return 0n;
  const b = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof b !== 'bigint' || b < 0n || b >= 2n ** 64n) throw new InvalidArgumentError(`opts.versionKey: expected a u64 (bigint or safe integer), got ${String(v)}`, 'opts.versionKey', v);
  return b;
}

function commitArgs(netuid: unknown, uids: unknown, weights: unknown, opts: unknown) {
  netuidArg(netuid);
  arrayArg(uids, 'uids');
  arrayArg(weights, 'weights');
  const o = optionsArg(opts, 'opts');
  const w = writeOptionsArg(o);
  const mechid = optUintArg(o.mechid, 'opts.mechid', 255) ?? 0;
  const versionKey = versionKeyArg(o.versionKey);
  const blockTime = o.blockTime === undefined ? BLOCK_TIME : o.blockTime;
  if (typeof blockTime !== 'number' || !(blockTime > 0) || !Number.isFinite(blockTime)) throw new InvalidArgumentError(`opts.blockTime: expected seconds per block (> 0), got ${String(blockTime)}`, 'opts.blockTime', blockTime);
  const version = o.commitRevealVersion === undefined ? undefined : uintArg(o.commitRevealVersion, 'opts.commitRevealVersion', 65535);
  return { w, mechid, versionKey, blockTime, version };
}

/**
 * Commit `weights` for `uids` on `netuid` timelocked to the subnet's reveal round: Python's
 * commit_timelocked_weights_extrinsic. Signed by the hotkey. Resolves with the receipt plus the
 * drand round the runtime will reveal at and the ciphertext.
 */
export async function commitTimelockedWeights(
  st: Subtensor, signer: Signer, netuid: number, uids: number[], weights: number[], opts: TimelockedCommitOptions = {},
): Promise<TimelockedCommitReceipt> {
  signerArg(signer, 'signer');
  const { w, mechid, versionKey, blockTime, version } = commitArgs(netuid, uids, weights, opts);
  const { uids: u, weights: v } = convertWeightsAndUidsForEmit(uids, weights);
  const rt = await st.client.runtime({ signal: w.signal });
  const variant = callVariant(rt.registry, rt.version.specVersion);
  if (mechid !== 0 && variant !== 'commit_timelocked_mechanism_weights') {
    throw new UnsupportedRuntimeError('SubtensorModule', 'commit_timelocked_mechanism_weights', rt.version.specVersion, `mechanism ${mechid} needs it; this runtime has only ${variant}`);
  }
  const head = await st.client.getBlockHeader({ signal: w.signal });
  const sel = { blockHash: head.hash, signal: w.signal };
  const [hp, stored] = await Promise.all([
    st.getSubnetHyperparameters(netuid, sel),
    version === undefined && rt.registry.metadata.pallets.some((p) => p.name === 'SubtensorModule' && p.storage?.items.some((i) => i.name === 'CommitRevealWeightsVersion'))
      ? st.client.query<number>('SubtensorModule', 'CommitRevealWeightsVersion', [], sel)
      : Promise.resolve(undefined),
  ]);
  if (!hp) throw new InvalidArgumentError(`netuid: subnet ${netuid} does not exist`, 'netuid', netuid);
  const period = Number((hp as { commitRevealPeriod?: number | bigint }).commitRevealPeriod ?? (hp as { commitRevealWeightsInterval?: number | bigint }).commitRevealWeightsInterval ?? 1);
  const round = revealRound({ tempo: Number(hp.tempo), currentBlock: head.number, netuid: mechanismStorageIndex(netuid, mechid), subnetRevealPeriodEpochs: period, blockTime });
  const hotkey = variant === 'commit_crv3_weights' ? null : signer.accountId ?? signer.publicKey;
  const commit = timelockEncrypt(timelockedWeightsPayload(hotkey, u, v, versionKey), round);
  const crv = version ?? stored ?? 4;
  const args: Record<string, unknown> =
    variant === 'commit_timelocked_mechanism_weights' ? { netuid, mecid: mechid, commit, reveal_round: round, commit_reveal_version: crv }
    : variant === 'commit_timelocked_weights' ? { netuid, commit, reveal_round: round, commit_reveal_version: crv }
    : { netuid, commit, reveal_round: round };
  const call = await composeAtHead(st, 'SubtensorModule', variant, args, w.signal);
  const r = await submitCall(st, signer, call, w);
  return { ...r, revealRound: round, commit };
}

/** The methods this module adds to Subtensor (./methods.ts). */
export const timelockWrites = {
  /**
   * Commit weights timelocked to the subnet's drand reveal round (commit-reveal v3/v4): normalised
   * as Python's convert_weights_and_uids_for_emit, encrypted with timelockEncrypt to the round
   * revealRound gives for the subnet's tempo and reveal period, committed with the newest of
   * commit_timelocked_mechanism_weights / commit_timelocked_weights / commit_crv3_weights the
   * runtime has (UnsupportedRuntimeError when none). Signed by the hotkey; resolves with the
   * receipt, `revealRound` and the ciphertext `commit`.
   */
  commitTimelockedWeights,
};

