/**
 * The rest of bittensor's one-value subnet accessors: weight limits and rate limits, the burn,
 * commit-reveal settings, activity and mechanism count, and the chain-wide values Python reads the
 * same way (TxRateLimit, StartCallDelay, AdminFreezeWindow, the last drand round, fast blocks).
 * Per-subnet items read with the subnet's existence in one state_queryStorageAt (null for a subnet
 * that does not exist, as Python's get_hyperparameter answers None). u64 items stay exact bigints,
 * as `difficulty` does; u16 fractions become Python's u16_normalized_float.
 * @module
 */
import { addressesOf, read, runtimeApi, type StorageAddress } from '../substrate/index.js';
import type { FinneyChain } from '../chains/index.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { u16Normalized } from './convert.js';
import { netuidArg, selectorArg } from './args.js';
import { resolveAt, type At } from './at.js';
import { subnetParam } from './subnet-params.js';
import { getNextEpochStartBlock } from './time.js';

const finney = addressesOf<FinneyChain>();
const MAX_WEIGHTS_LIMIT = finney.storage('SubtensorModule', 'MaxWeightsLimit');
const MIN_ALLOWED_WEIGHTS = finney.storage('SubtensorModule', 'MinAllowedWeights');
const WEIGHTS_SET_RATE_LIMIT = finney.storage('SubtensorModule', 'WeightsSetRateLimit');
const BURN = finney.storage('SubtensorModule', 'Burn');
const TX_RATE_LIMIT = finney.storage('SubtensorModule', 'TxRateLimit');
const COMMIT_REVEAL_ENABLED = finney.storage('SubtensorModule', 'CommitRevealWeightsEnabled');
const REVEAL_PERIOD_EPOCHS = finney.storage('SubtensorModule', 'RevealPeriodEpochs');
const BLOCKS_SINCE_LAST_STEP = finney.storage('SubtensorModule', 'BlocksSinceLastStep');
const FIRST_EMISSION_BLOCK = finney.storage('SubtensorModule', 'FirstEmissionBlockNumber');
const MECHANISM_COUNT = finney.storage('SubtensorModule', 'MechanismCountCurrent');
const START_CALL_DELAY = finney.storage('SubtensorModule', 'StartCallDelay');
const ADMIN_FREEZE_WINDOW = finney.storage('SubtensorModule', 'AdminFreezeWindow');
const LAST_STORED_ROUND = finney.storage('Drand', 'LastStoredRound');
const SLOT_DURATION = finney.constant('Aura', 'SlotDuration');
const REGISTRATION_COST = runtimeApi<[], bigint>('SubnetRegistrationRuntimeApi', 'get_network_registration_cost');

async function param<V>(st: Subtensor, item: StorageAddress<[number], V>, netuid: number, sel: BlockSelector): Promise<V | null> {
  netuidArg(netuid);
  return subnetParam(st, item, netuid, await resolveAt(st, sel));
}

/** Whether the runtime at `at` has the storage item (older runtimes lack the newer ones). */
async function hasItem(st: Subtensor, at: At, pallet: string, item: string): Promise<boolean> {
  const rt = await st.client.runtime(at);
  return rt.metadata.pallets.some((p) => p.name === pallet && p.storage?.items.some((e) => e.name === item));
}

export async function maxWeightLimit(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> {
  const v = await param(st, MAX_WEIGHTS_LIMIT, netuid, sel);
  return v === null ? null : u16Normalized(v);
}

export const minAllowedWeights = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number | null> =>
  param(st, MIN_ALLOWED_WEIGHTS, netuid, sel);

export const weightsRateLimit = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<bigint | null> =>
  param(st, WEIGHTS_SET_RATE_LIMIT, netuid, sel);

export async function recycle(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<Balance | null> {
  const v = await param(st, BURN, netuid, sel);
  return v === null ? null : balance(v);
}

export async function commitRevealEnabled(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<boolean> {
  return (await param(st, COMMIT_REVEAL_ENABLED, netuid, sel)) === true;
}

export const getSubnetRevealPeriodEpochs = (st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<bigint | null> =>
  param(st, REVEAL_PERIOD_EPOCHS, netuid, sel);

export async function blocksSinceLastStep(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<bigint> {
  netuidArg(netuid);
  return read(st.client, BLOCKS_SINCE_LAST_STEP, [netuid], await resolveAt(st, sel));
}

export async function isSubnetActive(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<boolean> {
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  if (!(await hasItem(st, at, 'SubtensorModule', 'FirstEmissionBlockNumber'))) return st.subnetExists(netuid, at);
  const first = await read(st.client, FIRST_EMISSION_BLOCK, [netuid], at);
  return first !== null && first > 0n;
}

export async function getMechanismCount(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<number> {
  netuidArg(netuid);
  const at = await resolveAt(st, sel, true);
  if (!(await hasItem(st, at, 'SubtensorModule', 'MechanismCountCurrent'))) return 1;
  return read(st.client, MECHANISM_COUNT, [netuid], at);
}

export async function txRateLimit(st: Subtensor, sel: BlockSelector = {}): Promise<bigint> {
  return read(st.client, TX_RATE_LIMIT, [], await resolveAt(st, sel));
}

export async function getStartCallDelay(st: Subtensor, sel: BlockSelector = {}): Promise<bigint> {
  return read(st.client, START_CALL_DELAY, [], await resolveAt(st, sel));
}

export async function getAdminFreezeWindow(st: Subtensor, sel: BlockSelector = {}): Promise<number> {
  return read(st.client, ADMIN_FREEZE_WINDOW, [], await resolveAt(st, sel));
}

export async function isInAdminFreezeWindow(st: Subtensor, netuid: number, sel: BlockSelector = {}): Promise<boolean> {
  netuidArg(netuid);
  selectorArg(sel); // checked even where the answer needs no block
  if (netuid === 0) return false;
  const at = await resolveAt(st, sel, true);
  const [next, window, block] = await Promise.all([
    getNextEpochStartBlock(st, netuid, at),
    getAdminFreezeWindow(st, at),
    st.client.getBlockNumber(at.blockHash!, { signal: at.signal }),
  ]);
  return next !== null && next - block < window;
}

export async function lastDrandRound(st: Subtensor, sel: BlockSelector = {}): Promise<bigint | null> {
  const at = await resolveAt(st, sel, true);
  if (!(await hasItem(st, at, 'Drand', 'LastStoredRound'))) return null;
  return read(st.client, LAST_STORED_ROUND, [], at);
}

export async function isFastBlocks(st: Subtensor, sel: BlockSelector = {}): Promise<boolean> {
  return (await read(st.client, SLOT_DURATION, await resolveAt(st, sel))) === 250n;
}

export async function getSubnetBurnCost(st: Subtensor, sel: BlockSelector = {}): Promise<Balance> {
  const at = await resolveAt(st, sel);
  return balance(await read(st.client, REGISTRATION_COST, [], at));
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const subnetLimitReads = {
  /** The largest weight one uid may get (MaxWeightsLimit), as a fraction: u16 / 65535. */
  maxWeightLimit,
  /** How many uids a weight vector must name at least (MinAllowedWeights). */
  minAllowedWeights,
  /** Blocks a hotkey must wait between two weight settings (WeightsSetRateLimit, u64). */
  weightsRateLimit,
  /** The burn a registration costs now (Burn), in TAO. */
  recycle,
  /** Whether the subnet takes weights by commit and reveal (CommitRevealWeightsEnabled); false for a missing subnet, as Python. */
  commitRevealEnabled,
  /** Epochs between a weight commit and its reveal (RevealPeriodEpochs, u64). */
  getSubnetRevealPeriodEpochs,
  /** Blocks since the subnet's last epoch step (BlocksSinceLastStep, a ValueQuery: 0 for a subnet that never stepped). */
  blocksSinceLastStep,
  /**
   * Whether the subnet's emission has started (FirstEmissionBlockNumber > 0, set by start_call).
   * Runtimes before start_call have no such item; there every subnet emits from registration, so an
   * existing subnet is active.
   */
  isSubnetActive,
  /** How many mechanisms (sub-subnets) the subnet runs (MechanismCountCurrent); 1 on runtimes without mechanisms, as Python's fallback. */
  getMechanismCount,
  /** The chain-wide transaction rate limit in blocks (TxRateLimit, u64). */
  txRateLimit,
  /** Blocks after registration before a subnet owner may call start_call (StartCallDelay, u64). */
  getStartCallDelay,
  /** Blocks before each epoch in which owners may not change hyperparameters (AdminFreezeWindow). */
  getAdminFreezeWindow,
  /**
   * Whether the selected block lies in the subnet's admin freeze window: fewer than
   * AdminFreezeWindow blocks before its next epoch. Subnet 0 has none. Python measures from the
   * head even when given a block; here the window and the epoch both come from the selected block.
   */
  isInAdminFreezeWindow,
  /** The last drand round the chain stored (Drand.LastStoredRound); null on runtimes without the Drand pallet. */
  lastDrandRound,
  /** Whether the chain runs 250 ms blocks (Aura SlotDuration = 250), as local fast-block nets do. */
  isFastBlocks,
  /** What registering a new subnet costs now (SubnetRegistrationRuntimeApi.get_network_registration_cost), in TAO. */
  getSubnetBurnCost,
};
