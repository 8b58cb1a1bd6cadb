/**
 * Weights (set/commit/reveal), children, takes and commitments: bittensor 10.2's set_weights,
 * commit_weights, reveal_weights, set_children, set_delegate_take, set_commitment and
 * set_reveal_commitment, plus set_childkey_take. Weights and commitments are signed by the
 * hotkey, children and takes by the coldkey. Children, takes and commitments are in
 * ./child-writes.ts; this file holds the weight paths and the group object.
 * @module
 */
import { InvalidArgumentError, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { U16_MAX, optionsArg, signerArg, uintArg } from '../substrate/validate.js';
import { commitTimelockedWeights } from './timelock-writes.js';
import { fromHex } from '../scale/index.js';
import type { Subtensor } from './subtensor.js';
import { netuidArg } from './args.js';
import { UnsupportedRuntimeError } from './subnets.js';
import { PreconditionError, composeAtHead, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import { generateWeightHash, mechanismStorageIndex, type EmitWeights } from './weights.js';
import {
  VERSION_AS_INT, addressOf, blockTimeArg, emitWeightsArg, hasCall, maxAttemptsArg, mechidArg, saltArg, u16ListArg, versionKeyArg,
} from './weight-calls.js';
import { childWrites } from './child-writes.js';

/** One weight write: which subnet/mechanism, what is sent, and how. */
interface WeightTarget {
  netuid: number;
  mechid: number;
  versionKey: bigint;
}

/** Python's commit/reveal default period: 16 blocks. */
const COMMIT_PERIOD = 16;

/** `name` if the runtime has it (Python 10.2 always sends the mechanism variant), else the plain call for mechanism 0. */
function pick(rt: Runtime, mechanismCall: string, plainCall: string, mechid: number): string {
  if (hasCall(rt.registry, 'SubtensorModule', mechanismCall)) return mechanismCall;
  if (mechid === 0 && hasCall(rt.registry, 'SubtensorModule', plainCall)) return plainCall;
  throw new UnsupportedRuntimeError('SubtensorModule', mechanismCall, rt.version.specVersion, mechid === 0 ? `neither ${mechanismCall} nor ${plainCall} exists` : `no mechanism calls, so mechanism ${mechid} cannot be addressed`);
}

function weightArgs(name: string, t: WeightTarget, rest: Record<string, unknown>): Record<string, unknown> {
  return name.includes('mechanism') ? { netuid: t.netuid, mecid: t.mechid, ...rest } : { netuid: t.netuid, ...rest };
}

async function sendSetWeights(st: Subtensor, signer: Signer, t: WeightTarget, w: EmitWeights, o: WriteOptions): Promise<ExtrinsicReceipt> {
  const name = pick(await st.client.runtime({ signal: o.signal }), 'set_mechanism_weights', 'set_weights', t.mechid);
  const call = await composeAtHead(st, 'SubtensorModule', name, weightArgs(name, t, { dests: w.uids, weights: w.weights, version_key: t.versionKey }), o.signal);
  return submitCall(st, signer, call, o);
}

async function sendCommit(st: Subtensor, signer: Signer, t: WeightTarget, hash: string, o: WriteOptions): Promise<ExtrinsicReceipt> {
  const name = pick(await st.client.runtime({ signal: o.signal }), 'commit_mechanism_weights', 'commit_weights', t.mechid);
  const call = await composeAtHead(st, 'SubtensorModule', name, weightArgs(name, t, { commit_hash: fromHex(hash) }), o.signal);
  return submitCall(st, signer, call, o);
}

async function sendReveal(st: Subtensor, signer: Signer, t: WeightTarget, w: EmitWeights, salt: number[], o: WriteOptions): Promise<ExtrinsicReceipt> {
  const name = pick(await st.client.runtime({ signal: o.signal }), 'reveal_mechanism_weights', 'reveal_weights', t.mechid);
  const call = await composeAtHead(st, 'SubtensorModule', name, weightArgs(name, t, { uids: w.uids, values: w.weights, salt, version_key: t.versionKey }), o.signal);
  return submitCall(st, signer, call, o);
}

/** Python's attempt loop: retry a failed (raiseError: false) attempt while `allowed` holds. */
async function attempts(max: number, attempt: () => Promise<ExtrinsicReceipt>, allowed: () => Promise<boolean> = async () => true): Promise<ExtrinsicReceipt> {
  let r = await attempt();
  for (let i = 1; i < max && !r.success && (await allowed()); i++) r = await attempt();
  return r;
}

/**
 * The first block at which a commit made in `commitBlock` may be revealed: the runtime's epoch index
 * ⌊(block + netuid + 1) / (tempo + 1)⌋ must be the commit's plus RevealPeriodEpochs.
 */
export async function firstRevealBlock(st: Subtensor, netuid: number, mechid: number, commitBlock: number, signal?: AbortSignal): Promise<number> {
  const [tempo, period] = await Promise.all([st.tempo(netuid, { signal }), st.getSubnetRevealPeriodEpochs(netuid, { signal })]);
  const span = (tempo ?? 0) + 1;
  const offset = mechanismStorageIndex(netuid, mechid) + 1;
  const epoch = Math.floor((commitBlock + offset) / span);
  return (epoch + Number(period ?? 1n)) * span - offset;
}

function randomSalt(): number[] {
  return [...crypto.getRandomValues(new Uint16Array(8))];
}

/** Commit-reveal v2 (runtimes with commit_weights / reveal_weights and no timelocked commits): commit, wait for the reveal epoch, reveal. */
async function commitThenReveal(st: Subtensor, signer: Signer, t: WeightTarget, w: EmitWeights, o: WriteOptions): Promise<ExtrinsicReceipt> {
  const salt = randomSalt();
  const hash = generateWeightHash({ address: addressOf(signer), netuid: t.netuid, mechid: t.mechid, uids: w.uids, values: w.weights, salt, versionKey: t.versionKey });
  // the reveal needs the commit's block, so the commit is always waited for
  const commit = await sendCommit(st, signer, t, hash, { ...o, waitFor: o.waitFor === 'finalization' ? 'finalization' : 'inclusion' });
  if (o.dryRun || !commit.success) return commit;
  const at = await firstRevealBlock(st, t.netuid, t.mechid, commit.blockNumber!, o.signal);
  await st.waitForBlock(at, { signal: o.signal, timeoutMs: o.timeoutMs });
  return sendReveal(st, signer, t, w, salt, { ...o, nonce: o.nonce === undefined ? undefined : o.nonce + 1 });
}

const TIMELOCKED = ['commit_timelocked_mechanism_weights', 'commit_timelocked_weights', 'commit_crv3_mechanism_weights', 'commit_crv3_weights'];

/**
 * The commit-reveal path Python would take: true for timelocked commits (CR v3/v4, the runtime has a
 * timelocked commit call), false for commit + reveal (CR v2); a runtime with neither is refused.
 */
async function commitRevealPath(st: Subtensor, signal?: AbortSignal): Promise<boolean> {
  const rt = await st.client.runtime({ signal });
  if (TIMELOCKED.some((c) => hasCall(rt.registry, 'SubtensorModule', c))) return true;
  if (!hasCall(rt.registry, 'SubtensorModule', 'commit_weights') || !hasCall(rt.registry, 'SubtensorModule', 'reveal_weights')) {
    throw new UnsupportedRuntimeError('SubtensorModule', 'commit_weights', rt.version.specVersion, 'commit-reveal is enabled but the runtime has no commit call');
  }
  return false;
}

/** setWeights options: Python's keywords, camelCased, and the write options. */
export interface SetWeightsOptions extends WriteOptions {
  /** Mechanism (sub-subnet) id; default 0. */
  mechid?: number;
  /** Seconds per block for the timelocked reveal round (12; 0.25 on fast-block chains). */
  blockTime?: number;
  /** Commit-reveal version for timelocked commits; default the runtime's CommitRevealWeightsVersion. */
  commitRevealVersion?: number;
  /** With raiseError: false, attempts while the rate limit allows (default 5). */
  maxAttempts?: number;
  /** Version key (u64); default bittensor 10.2's version as int. */
  versionKey?: number | bigint;
}

/** commitWeights / revealWeights options. */
export interface CommitWeightsOptions extends WriteOptions {
  mechid?: number;
  versionKey?: number | bigint;
  maxAttempts?: number;
}

function weightOpts(opts: unknown) {
  const raw = optionsArg(opts, 'opts');
  const o = writeOptionsArg(raw);
  const mechid = mechidArg(raw.mechid ?? 0, 'opts.mechid');
  const versionKey = versionKeyArg(raw.versionKey ?? VERSION_AS_INT, 'opts.versionKey');
  const max = maxAttemptsArg(raw.maxAttempts ?? 5, 'opts.maxAttempts');
  return { raw, o, mechid, versionKey, max };
}

export async function setWeights(
  st: Subtensor, signer: Signer, netuid: number, uids: ArrayLike<number>, weights: ArrayLike<number>, opts: SetWeightsOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const w = emitWeightsArg(uids, weights);
  const { raw, o, mechid, versionKey, max } = weightOpts(opts);
  const t: WeightTarget = { netuid, mechid, versionKey };
  const blockTime = blockTimeArg(raw.blockTime ?? 12, 'opts.blockTime');
  const commitRevealVersion = raw.commitRevealVersion === undefined ? undefined : uintArg(raw.commitRevealVersion, 'opts.commitRevealVersion', U16_MAX);
  const { signal } = o;
  const hotkey = addressOf(signer);
  const uid = await st.getUidForHotkeyOnSubnet(hotkey, netuid, { signal });
  if (uid === null) throw new PreconditionError('registration', `hotkey ${hotkey} is not registered on subnet ${netuid}`);
  const cr = await st.commitRevealEnabled(netuid, { signal });
  const timelocked = cr && (await commitRevealPath(st, signal));
  const allowed = async () => {
    const [since, limit] = await Promise.all([st.blocksSinceLastUpdate(netuid, uid, { signal }), st.weightsRateLimit(netuid, { signal })]);
    return since === null || limit === null || BigInt(since) > limit;
  };
  if (!(await allowed())) throw new PreconditionError('rate-limit', `hotkey ${hotkey} set weights on subnet ${netuid} too recently (weights rate limit not yet passed)`);
  // timelocked commits take the caller's floats: commitTimelockedWeights normalises them as Python does
  const send = timelocked
    ? () => commitTimelockedWeights(st, signer, netuid, Array.from(uids), Array.from(weights), { ...o, mechid, versionKey, blockTime, commitRevealVersion })
    : cr ? () => commitThenReveal(st, signer, t, w, o) : () => sendSetWeights(st, signer, t, w, o);
  return attempts(max, send, allowed);
}

function sameLength(a: unknown[], b: unknown[]): void {
  if (a.length !== b.length) throw new InvalidArgumentError(`uids/weights: must have the same length, got ${a.length} and ${b.length}`, 'uids/weights', [a.length, b.length]);
}

export async function commitWeights(
  st: Subtensor, signer: Signer, netuid: number, salt: ArrayLike<number>, uids: ArrayLike<number>, weights: ArrayLike<number>, opts: CommitWeightsOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const s = saltArg(salt);
  const u = u16ListArg(uids, 'uids');
  const v = u16ListArg(weights, 'weights');
  sameLength(u, v);
  const { o, mechid, versionKey, max } = weightOpts(opts);
  const t: WeightTarget = { netuid, mechid, versionKey };
  if (o.period === undefined) o.period = COMMIT_PERIOD;
  const hash = generateWeightHash({ address: addressOf(signer), netuid, mechid, uids: u, values: v, salt: s, versionKey });
  return attempts(max, () => sendCommit(st, signer, t, hash, o));
}

export async function revealWeights(
  st: Subtensor, signer: Signer, netuid: number, uids: ArrayLike<number>, weights: ArrayLike<number>, salt: ArrayLike<number>, opts: CommitWeightsOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const w = emitWeightsArg(uids, weights);
  const s = saltArg(salt);
  const { o, mechid, versionKey, max } = weightOpts(opts);
  const t: WeightTarget = { netuid, mechid, versionKey };
  if (o.period === undefined) o.period = COMMIT_PERIOD;
  return attempts(max, () => sendReveal(st, signer, t, w, s, o));
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const weightWrites = {
  /**
   * Set `signer`'s (the hotkey's) weights on `netuid`: Python's set_weights. `uids`/`weights` go
   * through convertAndNormalizeWeightsAndUids (float32, u16 max-upscaling, zeros dropped); all-zero,
   * negative, NaN or mismatched vectors are refused before anything is sent. Python's checks come
   * first: the hotkey must be registered (PreconditionError 'registration') and blocks since its last
   * update must exceed the weights rate limit ('rate-limit'). Sends set_mechanism_weights (mecid
   * `mechid`) where the runtime has it, as Python 10.2 does, else set_weights (mechanism 0 only).
   * On a subnet with commit-reveal enabled: runtimes with timelocked commits (CRv3/v4) get
   * commitTimelockedWeights (encrypted to the subnet's drand reveal round; the runtime reveals it);
   * runtimes with only commit_weights /
   * reveal_weights (CRv2) get a commit of generateWeightHash with a random 8-word salt, then, once the
   * head reaches the reveal epoch (tempo and RevealPeriodEpochs, see `firstRevealBlock`), the reveal;
   * the reveal's receipt is returned (`timeoutMs`/`signal` bound the wait). `opts.blockTime` and
   * `opts.commitRevealVersion` are Python's timelock parameters (used by the timelocked path).
   * With `raiseError: false` a failed attempt is retried up to `maxAttempts` while the rate limit allows.
   */
  setWeights,
  /**
   * Commit the hash of u16 `uids`/`weights` with `salt` (u16 words): Python's commit_weights.
   * As Python, the values are hashed as given (pass what convertWeightsAndUidsForEmit returns) with
   * generateWeightHash over the mechanism's storage index; sends commit_mechanism_weights where the
   * runtime has it, else commit_weights. Default mortality 16 blocks, as Python's.
   */
  commitWeights,
  /**
   * Reveal weights committed with commitWeights: Python's reveal_weights. The weights pass through
   * convertAndNormalizeWeightsAndUids first (as Python does: u16 values whose largest is 65535 come
   * out unchanged), then reveal_mechanism_weights / reveal_weights with the same salt and version key;
   * the runtime checks them against the committed hash.
   */
  revealWeights,
  ...childWrites,
};
