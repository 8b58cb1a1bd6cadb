// Public surface of the substrate layer.
export * from './client.js';
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
export * from './events.js';
export * from './extrinsic.js';
export * from './extrinsic-decode.js';
export * from './signer.js';
export * from './errors.js';
