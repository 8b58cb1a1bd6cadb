// The standard Substrate JSON-RPC methods this library calls, as a table of parameter and result
// types (types only, no runtime code). Shapes follow the node's JSON serialisation (substrate
// `sc-rpc-api`): hashes and SCALE blobs are 0x-hex strings, block numbers in headers are hex.
// `TypedRequest` lets a caller view `RpcClient.request` through the table:
//   const request: TypedRequest = (m, p, o) => rpc.request(m, p, o);

/** A hex string as the node sends it (`0x…`). */
export type HexString = `0x${string}`;

/** `chain_getHeader` result (numbers are hex on the wire). */
export interface RpcHeader {
  parentHash: HexString;
  number: HexString;
  stateRoot: HexString;
  extrinsicsRoot: HexString;
  digest: { logs: HexString[] };
}

/** `state_getRuntimeVersion` result. */
export interface RpcRuntimeVersion {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  /** [blake2_64 of the API name, version] pairs. */
  apis: [HexString, number][];
  transactionVersion: number;
  stateVersion?: number;
}

/** One `state_queryStorageAt` change set. */
export interface RpcStorageChangeSet {
  block: HexString;
  changes: [key: HexString, value: HexString | null][];
}

/** `author_submitAndWatchExtrinsic` notifications (`"ready"`, `{ inBlock: hash }`, ...). */
export type RpcTransactionStatus =
  | 'future' | 'ready' | 'dropped' | 'invalid'
  | { broadcast: string[] } | { inBlock: HexString } | { retracted: HexString } | { finalityTimeout: HexString }
  | { finalized: HexString } | { usurped: HexString };

type At = [at?: HexString | null];

/** Method name → `params` tuple and `result` type. */
export interface RpcMethods {
  chain_getBlockHash: { params: [blockNumber?: number | null]; result: HexString | null };
  chain_getHeader: { params: At; result: RpcHeader | null };
  chain_getBlock: { params: At; result: { block: { header: RpcHeader; extrinsics: HexString[] }; justifications: unknown } | null };
  chain_getFinalizedHead: { params: []; result: HexString };
  state_getStorage: { params: [key: HexString, ...At]; result: HexString | null };
  state_queryStorageAt: { params: [keys: HexString[], ...At]; result: RpcStorageChangeSet[] };
  state_getKeysPaged: { params: [prefix: HexString, count: number, startKey?: HexString | null, ...At]; result: HexString[] };
  state_call: { params: [method: string, data: HexString, ...At]; result: HexString };
  state_getMetadata: { params: At; result: HexString };
  state_getRuntimeVersion: { params: At; result: RpcRuntimeVersion };
  system_accountNextIndex: { params: [address: string]; result: number };
  system_health: { params: []; result: { peers: number; isSyncing: boolean; shouldHavePeers: boolean } };
  author_submitExtrinsic: { params: [extrinsic: HexString]; result: HexString };
}

/** Subscriptions: subscribe method → its params, notification type and unsubscribe method. */
export interface RpcSubscriptions {
  chain_subscribeNewHeads: { params: []; notification: RpcHeader; unsubscribe: 'chain_unsubscribeNewHeads' };
  chain_subscribeFinalizedHeads: { params: []; notification: RpcHeader; unsubscribe: 'chain_unsubscribeFinalizedHeads' };
  state_subscribeStorage: { params: [keys: HexString[]]; notification: RpcStorageChangeSet; unsubscribe: 'state_unsubscribeStorage' };
  author_submitAndWatchExtrinsic: { params: [extrinsic: HexString]; notification: RpcTransactionStatus; unsubscribe: 'author_unwatchExtrinsic' };
}

export type RpcMethod = keyof RpcMethods;
export type RpcParams<M extends RpcMethod> = RpcMethods[M]['params'];
export type RpcResult<M extends RpcMethod> = RpcMethods[M]['result'];

/** `request` restricted to the table: the method name picks the params and the result type. */
export type TypedRequest = <M extends RpcMethod>(method: M, params: RpcParams<M>, opts?: { signal?: AbortSignal; timeoutMs?: number }) => Promise<RpcResult<M>>;
