// Public surface of the scale layer: codecs, metadata, registry, hashers, SS58, storage keys.
// Listed by name (STYLE "Layout"): the metadata index, type classes and codec builder behind
// createRegistry stay internal.
export { Cursor, Writer, encode, decode, codec, ZERO_SIZE_BUDGET, type Codec } from './codec.js';
export {
  u8, i8, u16, i16, u32, i32, u64, i64, u128, u256, i128, i256, bool, bytes, str, char, unit, fixedBytes, asBytes, describe,
} from './primitives.js';
export {
  compact, compactBig, compactNumber, compactU8, compactU16, compactU32, compactU64, compactU128, compactU256,
  compactLength, compactBigint, encodeCompact, encodeCompactNumber,
} from './compact.js';
export {
  vec, array, option, optionBool, result, tuple, struct, variant, bitSequence, lazy, recursive, MAX_RECURSION_LEVELS,
  type ResultValue, type VariantDef, type EnumValue,
} from './combinators.js';
export { DecodeError, EncodeError, MetadataError, InvalidAddressError, InvalidHexError } from './errors.js';
export { toHex, fromHex, isHex, toBytes, concatBytes } from './hex.js';
export {
  decodeMetadata,
  type Primitive, type Field, type Variant, type TypeDef, type PortableType, type Deprecation, type StorageEntry,
  type Constant, type Pallet, type RuntimeApiMethod, type RuntimeApi, type TransactionExtension, type ExtrinsicInfo,
  type Metadata,
} from './metadata.js';
export { createRegistry, type Registry, type RegistryOptions } from './registry.js';
export {
  blake2_128, blake2_256, twox64, twox128, twox256, hashKey, isConcatHasher, isReversible, hasherPrefixLength,
  storagePrefix, STORAGE_HASHERS, type StorageHasher,
} from './hashers.js';
export { xxhash64, twox } from './xxhash.js';
export { ss58Encode, ss58Decode, isValidSs58, ss58Problem, toPublicKey, SS58_DEFAULT_PREFIX } from './ss58.js';
export { storageKeyTypes, storageKey, decodeStorageKey } from './storage.js';
