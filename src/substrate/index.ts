// Public surface of the substrate layer.
export * from './client.js';
export { auraSlot } from './aura.js';
export { decodeStorageValue } from './storage-value.js';
export * from './runtime.js';
export * from './metadata-store.js';
export * from './events.js';
export * from './extrinsic.js';
export * from './extrinsic-decode.js';
export * from './signer.js';
export * from './errors.js';
export { typed, typedExtrinsics } from './typed.js';
export type {
  ApiMethodDef, ChainDefinition, Input, KeyPrefix, MapItems, ModuleErrorOf, StorageDef, StorageRequestOf, TypedClient, TypedComposeCall,
  TypedDispatchError, TypedEvent, TypedExtrinsics, TypedReads, TypedReceipt,
} from './typed.js';
export { addressesOf, constant, read, readMap, readMulti, runtimeApi, storage } from './address.js';
export type { ChainAddresses, ConstantAddress, RuntimeApiAddress, StorageAddress } from './address.js';
// The typed JSON-RPC method table (issue 12, point 2) lives in src/rpc/methods.ts; src/rpc/index.ts
// does not list it yet (the rpc layer is being restructured), so this layer exports its types.
export type {
  HexString, RpcHeader, RpcMethod, RpcMethods, RpcParams, RpcResult, RpcRuntimeVersion, RpcStorageChangeSet, RpcSubscriptions,
  RpcTransactionStatus, TypedRequest,
} from '../rpc/methods.js';
