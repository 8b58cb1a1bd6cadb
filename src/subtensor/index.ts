// Public surface of the subtensor layer, by name. Internals (`camel`, the raw-layout builders'
// helpers, the storage/runtime-API address table) stay unexported.
export { Subtensor, type BlockSelector } from './subtensor.js';
export type { TransferOptions } from './transfer.js';
export { PreconditionError, type WriteOptions } from './write.js';
export type { SwapHotkeyOptions } from './serve-writes.js';
export type { PureProxyReceipt, ProxyCallReceipt } from './proxy-writes.js';
export { UnknownProxyTypeError, type PureProxyInfo } from './proxy-calls.js';
export {
  MIN_TICK, MAX_TICK, PRICE_STEP, priceToTick, tickToPrice, getFees, getFeesInRange, calculateFees, positionToTokenAmounts,
  type LiquidityPosition, type FixedBits, type TickFeesOut, type PositionFeesRaw, type GetFeesArgs, type GetFeesInRangeArgs, type CalculateFeesArgs,
} from './liquidity.js';
export type { SetWeightsOptions, CommitWeightsOptions } from './weight-writes.js';
export type { RevealCommitmentOptions, RevealCommitmentReceipt } from './child-writes.js';
export type { AddStakeOptions, UnstakeOptions, UnstakeAllOptions, MoveStakeOptions, SwapStakeOptions } from './stake-writes.js';
export type { AddStakeMultipleOptions, UnstakeMultipleOptions, MultipleStakeResult, StakeItemResult } from './stake-multiple.js';
export { BITTENSOR_VERSION_AS_INT, ipToInt, ipVersion, type AxonEndpoint, type PrometheusEndpoint, type SubnetIdentityInput, type ServeFields } from './serve-calls.js';
export type { TimelockedCommitOptions, TimelockedCommitReceipt } from './timelock-writes.js';
export { RAO_PER_TAO, balance, fromTao, formatBalance, sumBalances, unitFor, type Balance } from './balance.js';
export {
  U16_MAX,
  GLOBAL_MAX_SUBNET_COUNT,
  u16Normalized,
  fixedToNumber,
  ipToString,
  axonInfo,
  neuronLite,
  neuronFull,
  stakeInfo,
  delegateInfo,
  type AxonInfo,
  type NeuronInfoLite,
  type NeuronInfo,
  type Camelized,
  type SubnetHyperparameters,
  type LegacySubnetHyperparameters,
  type StakeInfo,
  type DelegateInfo,
  type DelegatedInfo,
} from './convert.js';
export type { ChildKey, PendingChildren } from './children.js';
export type { RevealedCommitment } from './commitments.js';
export type { TimelockedWeightCommit, Row as WeightRow } from './neurons.js';
export type { BlockInfo, WaitForBlockOptions } from './blocks.js';
export { UnsupportedRuntimeError, type DynamicInfo, type SubnetInfo, type SubnetIdentity } from './subnets.js';
export type { SimSwapResult, EmaTaoInflow } from './swaps.js';
export type { ProxyInfo, ProxyAnnouncementInfo, ProxyConstants } from './proxies.js';
export type { ChainIdentity } from './identities.js';
export type { RootClaimType } from './root-claims.js';
export type { CrowdloanInfo, CrowdloanCall, CrowdloanConstants } from './crowdloans.js';
export type { ColdkeySwapAnnouncementInfo, ColdkeySwapDisputeInfo } from './coldkey-swap.js';
export { Metagraph, type MetagraphOptions, type AllMetagraphsOptions, type MetagraphState, type MetagraphExtra } from './metagraph.js';
export type { SparseRow, NeuronColumns, StakeColumns } from './metagraph-columns.js';
export { SelectiveMetagraphIndex, ROOT_TAO_STAKE_WEIGHT, metagraphInfo, type MetagraphInfo, type MetagraphInfoOptions } from './metagraph-info.js';
export {
  convertWeightsAndUidsForEmit, convertAndNormalizeWeightsAndUids, normalizeMaxWeight, processWeights,
  convertWeightUidsAndValsToTensor, mechanismStorageIndex, generateWeightHash,
  type EmitWeights, type FloatDtype, type ProcessWeightsArgs, type WeightHashArgs,
} from './weights.js';
export * from './timelock/index.js';
export { NETWORKS, resolveEndpoints } from './networks.js';
export * as legacy from './legacy.js';
