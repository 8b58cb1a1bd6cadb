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
