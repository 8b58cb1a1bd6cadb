// Substrate storage hashers and storage-key prefixes.
import { blake2b } from './blake2b.js';
import { EncodeError } from './errors.js';
import { twox } from './xxhash.js';

/** The hashers FRAME metadata can name for a storage map key. */
export type StorageHasher =
  | 'Blake2_128'
  | 'Blake2_256'
  | 'Blake2_128Concat'
  | 'Twox128'
  | 'Twox256'
  | 'Twox64Concat'
  | 'Identity';

export const STORAGE_HASHERS: readonly StorageHasher[] = [
  'Blake2_128',
  'Blake2_256',
  'Blake2_128Concat',
  'Twox128',
  'Twox256',
  'Twox64Concat',
  'Identity',
];

const utf8 = new TextEncoder();

function checkBytes(data: Uint8Array, fn: string): void {
  if (!(data instanceof Uint8Array)) throw new EncodeError(`${fn}: data must be a Uint8Array`);
}

/** blake2b with a 16-byte digest. */
export function blake2_128(data: Uint8Array): Uint8Array {
  checkBytes(data, 'blake2_128');
  return blake2b(data, 16);
}

/** blake2b with a 32-byte digest. */
export function blake2_256(data: Uint8Array): Uint8Array {
  checkBytes(data, 'blake2_256');
  return blake2b(data, 32);
}

export function twox64(data: Uint8Array): Uint8Array {
  return twox(data, 64);
}

export function twox128(data: Uint8Array): Uint8Array {
  return twox(data, 128);
}

export function twox256(data: Uint8Array): Uint8Array {
  return twox(data, 256);
}

function concat2(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function assertHasher(hasher: unknown): asserts hasher is StorageHasher {
  if (!(STORAGE_HASHERS as readonly unknown[]).includes(hasher)) {
    throw new EncodeError(`unknown storage hasher ${JSON.stringify(hasher)}`);
  }
}

/** Hash an already SCALE-encoded key the way `hasher` does in a storage key. */
export function hashKey(hasher: StorageHasher, encodedKey: Uint8Array): Uint8Array {
  assertHasher(hasher);
  checkBytes(encodedKey, 'hashKey');
  switch (hasher) {
    case 'Blake2_128':
      return blake2b(encodedKey, 16);
    case 'Blake2_256':
      return blake2b(encodedKey, 32);
    case 'Blake2_128Concat':
      return concat2(blake2b(encodedKey, 16), encodedKey);
    case 'Twox128':
      return twox(encodedKey, 128);
    case 'Twox256':
      return twox(encodedKey, 256);
    case 'Twox64Concat':
      return concat2(twox(encodedKey, 64), encodedKey);
    case 'Identity':
      // A copy, so callers can mutate the key they build without touching their input.
      return encodedKey.slice();
  }
}

/**
 * True when the raw key follows its hash in the storage key, so a key can be read back
 * from storage keys (e.g. when iterating a map).
 */
export function isConcatHasher(hasher: StorageHasher): boolean {
  assertHasher(hasher);
  return hasher === 'Blake2_128Concat' || hasher === 'Twox64Concat' || hasher === 'Identity';
}

/** Alias of isConcatHasher: whether the original key can be recovered from the hashed key. */
export function isReversible(hasher: StorageHasher): boolean {
  return isConcatHasher(hasher);
}

/**
 * Bytes of hash in front of the key for reversible hashers (Blake2_128Concat 16,
 * Twox64Concat 8, Identity 0), i.e. how many bytes to skip to reach the raw key.
 * For opaque hashers it is the full digest length, since nothing follows it.
 */
export function hasherPrefixLength(hasher: StorageHasher): number {
  assertHasher(hasher);
  switch (hasher) {
    case 'Blake2_128Concat':
    case 'Blake2_128':
    case 'Twox128':
      return 16;
    case 'Blake2_256':
    case 'Twox256':
      return 32;
    case 'Twox64Concat':
      return 8;
    case 'Identity':
      return 0;
  }
}

/** twox128(pallet) ++ twox128(item): the first 32 bytes of every key of a storage item. */
export function storagePrefix(pallet: string, item: string): Uint8Array {
  if (typeof pallet !== 'string' || typeof item !== 'string') {
    throw new EncodeError('storagePrefix: pallet and item must be strings');
  }
  const out = new Uint8Array(32);
  out.set(twox(utf8.encode(pallet), 128), 0);
  out.set(twox(utf8.encode(item), 128), 16);
  return out;
}
