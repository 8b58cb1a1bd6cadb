/**
 * Decoding a storage value with its entry's modifier rules: an absent value is the metadata
 * default, or null for `Optional` items.
 * @module
 */
import { decode, DecodeError, type Registry, type StorageEntry } from '../scale/index.js';
import { objectArg, registryArg } from './validate.js';

/** Decode a storage value (hex or null) with the entry's modifier rules. */
export function decodeStorageValue(registry: Registry, entry: StorageEntry, hex: string | null, what: string): unknown {
  registryArg(registry, 'registry');
  objectArg(entry, 'entry', 'a StorageEntry');
  try {
    if (hex === null || hex === undefined) {
      return entry.modifier === 'Optional' ? null : decode(registry.codec(entry.valueType), entry.default);
    }
    return decode(registry.codec(entry.valueType), hex);
  } catch (e) {
    if (e instanceof DecodeError) e.within(what);
    throw e;
  }
}
