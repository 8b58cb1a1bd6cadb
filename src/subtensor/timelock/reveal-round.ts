/**
 * @module Which drand quicknet round a commit-reveal commit is encrypted to, as bittensor-drand
 * (1.2.0, `src/drand.rs`) computes it. Two formulas:
 *
 * - `revealSchedule` / `revealRound` (weights, `get_encrypted_commit`): follow Subtensor's epoch
 *   schedule. A subnet's epoch index at block b is ⌊(b + netuid + 1) / (tempo + 1)⌋; the commit
 *   is revealed in the epoch `subnetRevealPeriodEpochs` after the current one, and the round is
 *   the last one emitted by the time block (first block of that epoch + 3) is produced.
 * - `revealRoundAfterBlocks` (commitments, `get_encrypted_commitment`): a fixed number of blocks
 *   from now.
 *
 * Both read the wall clock (`now`); pass it to get a reproducible answer.
 */
import { objectArg, uintArg } from '../../substrate/validate.js';
import { InvalidArgumentError } from '../../substrate/errors.js';
import { QUICKNET } from './tle.js';

/** Seconds per block on finney and testnet. */
export const BLOCK_TIME = 12;
/** Seconds per block on a localnet built with fast blocks. */
export const FAST_BLOCK_TIME = 0.25;
/** Blocks past the first block of the reveal epoch at which the pulse must have been ingested. */
export const SECURITY_BLOCK_OFFSET = 3;

/** Parameters shared by both formulas. */
export interface RevealClock {
  /** Seconds per block (Python `block_time`): BLOCK_TIME = 12, FAST_BLOCK_TIME = 0.25. Default 12. */
  blockTime?: number;
  /** Unix time in seconds, fractional allowed (default: the current time). */
  now?: number;
  /** The beacon's genesis time in Unix seconds (default quicknet's, 1692803367). */
  genesisTime?: number;
  /** Seconds between beacon rounds (default quicknet's, 3). */
  period?: number;
}

/** Parameters of `get_encrypted_commit` that decide the round (Python names, camelCased). */
export interface RevealRoundParams extends RevealClock {
  /** Blocks per epoch of the subnet (hyperparameter `tempo`). */
  tempo: number;
  /** The chain's current block number. */
  currentBlock: number;
  /**
   * The subnet id, u16. For a mechanism pass its storage index, `mechid * 4096 + netuid`, as the
   * Python SDK does (`get_mechid_storage_index`).
   */
  netuid: number;
  /** Epochs until the reveal (hyperparameter `commit_reveal_period`). */
  subnetRevealPeriodEpochs: number;
}

/** The steps of the epoch-schedule formula, for callers that want to show when a reveal happens. */
export interface RevealSchedule {
  /** Epoch index of `currentBlock`. */
  currentEpoch: number;
  /** Epoch in which the commit is revealed. */
  revealEpoch: number;
  /** First block of the reveal epoch. */
  firstRevealBlock: number;
  /** firstRevealBlock + SECURITY_BLOCK_OFFSET. */
  targetIngestBlock: number;
  /** Seconds from `now` until targetIngestBlock (blocks × blockTime, never negative). */
  secondsUntilIngest: number;
  /** The drand round to encrypt to (at least 1). */
  revealRound: number;
}

interface Clock {
  blockTime: number;
  now: number;
  genesisTime: number;
  period: number;
}

function positive(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new InvalidArgumentError(`${name}: expected a positive finite number, got ${String(v)}`, name, v);
  }
  return v;
}

function clockArg(p: RevealClock): Clock {
  const now = p.now ?? Date.now() / 1000;
  return {
    blockTime: positive(p.blockTime ?? BLOCK_TIME, 'params.blockTime'),
    now: positive(now, 'params.now'),
    genesisTime: uintArg(p.genesisTime ?? QUICKNET.genesisTime, 'params.genesisTime'),
    period: positive(p.period ?? QUICKNET.period, 'params.period'),
  };
}

/** Rust's `f64 as u64`: truncate toward zero, negative and NaN become 0. */
const asU64 = (x: number): number => (x > 0 ? Math.floor(x) : 0);

/** The epoch-schedule formula of `get_encrypted_commit`, step by step. */
export function revealSchedule(params: RevealRoundParams): RevealSchedule {
  objectArg(params, 'params');
  const tempo = uintArg(params.tempo, 'params.tempo');
  const currentBlock = uintArg(params.currentBlock, 'params.currentBlock');
  const netuid = uintArg(params.netuid, 'params.netuid', 0xffff);
  const periods = uintArg(params.subnetRevealPeriodEpochs, 'params.subnetRevealPeriodEpochs');
  const clock = clockArg(params);
  const tempoPlusOne = tempo + 1;
  const netuidPlusOne = netuid + 1;
  const currentEpoch = Math.floor((currentBlock + netuidPlusOne) / tempoPlusOne);
  const revealEpoch = currentEpoch + periods;
  const firstRevealBlock = Math.max(0, revealEpoch * tempoPlusOne - netuidPlusOne);
  const targetIngestBlock = firstRevealBlock + SECURITY_BLOCK_OFFSET;
  const secondsUntilIngest = Math.max(0, targetIngestBlock - currentBlock) * clock.blockTime;
  // Rounded down so the round is never one the chain has not ingested yet.
  const round = asU64((clock.now + secondsUntilIngest - clock.genesisTime) / clock.period);
  return { currentEpoch, revealEpoch, firstRevealBlock, targetIngestBlock, secondsUntilIngest, revealRound: Math.max(1, round) };
}

/** The drand round `get_encrypted_commit` encrypts weights to (see `revealSchedule`). */
export function revealRound(params: RevealRoundParams): number {
  return revealSchedule(params).revealRound;
}

/** Parameters of `get_encrypted_commitment`. */
export interface RevealAfterBlocksParams extends RevealClock {
  /** Blocks from now until the data may be decrypted (Python `blocks_until_reveal`). */
  blocksUntilReveal: number;
}

/**
 * The round `get_encrypted_commitment` uses: (⌊now⌋ − genesis + round(blocks × blockTime)) / period,
 * in integers (Rust takes whole seconds of the clock and rounds the block delay half away from zero).
 */
export function revealRoundAfterBlocks(params: RevealAfterBlocksParams): number {
  objectArg(params, 'params');
  const blocks = uintArg(params.blocksUntilReveal, 'params.blocksUntilReveal');
  const clock = clockArg(params);
  const elapsed = Math.max(0, Math.floor(clock.now) - clock.genesisTime);
  return Math.floor((elapsed + Math.round(blocks * clock.blockTime)) / clock.period);
}
