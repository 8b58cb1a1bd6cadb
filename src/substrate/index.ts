// Public surface of the substrate layer.
export * from './client.js';
export { auraSlot } from './aura.js';
export { decodeStorageValue } from './storage-value.js';
export * from './runtime.js';
export { memoryMetadataStore, sealedStore, metadataKey } from './metadata-store.js';
export type { MetadataStore, ByteStore, SealedStoreOptions } from './metadata-store.js';
export { fileMetadataStore, defaultCacheDir } from './metadata-cache-node.js';
export type { FileMetadataStoreOptions } from './metadata-cache-node.js';
export { kvMetadataStore, cacheApiMetadataStore, indexedDbMetadataStore } from './metadata-cache-web.js';
export type { KeyValueLike } from './metadata-cache-web.js';
export { defaultMetadataStore } from './metadata-cache.js';
export { sealMetadata, openMetadata, crc32 } from './metadata-envelope.js';
export type { EnvelopeProblem } from './metadata-envelope.js';
export {
  headerHash, toHeader, resolveBlockHash, createUnsignedExtrinsic, retrievePendingExtrinsics, retrieveExtrinsicByIdentifier, retrieveExtrinsicByHash,
} from './blocks.js';
export type { RawHeader, BlockQuery, BlockOptions, Block, UndecodedExtrinsic, ExtrinsicInBlock } from './blocks.js';
export { chainProperties, chainName, nodeName, nodeVersion, rpcMethods, supportsRpcMethod } from './chain-info.js';
export type { ChainProperties } from './chain-info.js';
export { listMetadata, getMetadataError, listPallets, listVariants, listConstants, listStorage, metadataError } from './metadata-info.js';
export type { PalletInfo, VariantInfo, ConstantInfo, StorageInfo, VariantKind } from './metadata-info.js';
export { subscribeBlockHeaders, waitForBlock } from './subscriptions.js';
export type { HeadsOptions, HeadWithAuthor } from './subscriptions.js';
export * from './events.js';
export * from './extrinsic.js';
export { tx, type Tx } from './tx.js';
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
