// Public surface of the scale layer: codecs, metadata, registry, hashers, SS58, storage keys.
export { Cursor, Writer, encode, decode, codec, ZERO_SIZE_BUDGET, type Codec } from './codec.js';
export * from './primitives.js';
export * from './compact.js';
export * from './combinators.js';
export * from './errors.js';
export * from './hex.js';
export * from './metadata.js';
export * from './registry.js';
export * from './hashers.js';
export * from './xxhash.js';
export * from './ss58.js';
export * from './storage.js';
