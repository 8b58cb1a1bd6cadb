// What the Subtensor layer reads, named once with its shape (STYLE §2): storage items and
// constants from the generated finney types, items newer runtimes removed by hand, and the output
// type of each runtime API method — the finney type, or the legacy layout's on old runtimes.
import { addressesOf, storage } from '../substrate/index.js';
import type { FinneyChain } from '../chains/index.js';
import type { LegacyOutputs } from './legacy.js';

const finney = addressesOf<FinneyChain>();
export const ACCOUNT = finney.storage('System', 'Account');
export const TOTAL_NETWORKS = finney.storage('SubtensorModule', 'TotalNetworks');
export const NETWORKS_ADDED = finney.storage('SubtensorModule', 'NetworksAdded');
export const TOTAL_HOTKEY_ALPHA = finney.storage('SubtensorModule', 'TotalHotkeyAlpha');
export const TOTAL_HOTKEY_STAKE = storage<[hotkey: string], bigint>('SubtensorModule', 'TotalHotkeyStake');
export const STAKE = storage<[hotkey: string, coldkey: string], bigint>('SubtensorModule', 'Stake');
export const TIMESTAMP_NOW = finney.storage('Timestamp', 'Now');
export const UIDS = finney.storage('SubtensorModule', 'Uids');
export const IS_NETWORK_MEMBER = finney.storage('SubtensorModule', 'IsNetworkMember');
export const OWNER = finney.storage('SubtensorModule', 'Owner');
export const OWNED_HOTKEYS = finney.storage('SubtensorModule', 'OwnedHotkeys');
export const TEMPO = finney.storage('SubtensorModule', 'Tempo');
export const DIFFICULTY = finney.storage('SubtensorModule', 'Difficulty');
export const IMMUNITY_PERIOD = finney.storage('SubtensorModule', 'ImmunityPeriod');
export const SUBNETWORK_N = finney.storage('SubtensorModule', 'SubnetworkN');
export const LAST_UPDATE = finney.storage('SubtensorModule', 'LastUpdate');
export const CHILD_KEYS = finney.storage('SubtensorModule', 'ChildKeys');
export const PARENT_KEYS = finney.storage('SubtensorModule', 'ParentKeys');
export const SUBNET_OWNER_HOTKEY = finney.storage('SubtensorModule', 'SubnetOwnerHotkey');
export const DELEGATES = finney.storage('SubtensorModule', 'Delegates');
export const KEYS = finney.storage('SubtensorModule', 'Keys');
export const COMMITMENT_OF = finney.storage('Commitments', 'CommitmentOf');
export const EXISTENTIAL_DEPOSIT = finney.constant('Balances', 'ExistentialDeposit');

export type Apis = FinneyChain['apis'];
export type ApiName = keyof Apis & string;
export type ApiMethod<Api extends ApiName> = keyof Apis[Api] & string;
/**
 * What a runtime API method returns: the finney type, or on runtimes that answer with the legacy
 * `Vec<u8>` layout, that layout's type.
 */
export type ApiOutput<Api extends ApiName, M extends ApiMethod<Api>> =
  | (Apis[Api][M] extends { output: infer O } ? O : never)
  | (`${Api}_${M}` extends keyof LegacyOutputs ? LegacyOutputs[`${Api}_${M}`] : never);
