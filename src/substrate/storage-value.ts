/**
 * Storage entries of requests and their values: a map read needs every key, and an absent value
 * is the metadata default, or null for `Optional` items.
 * @module
 */
import { decode, DecodeError, type Registry, type StorageEntry } from '../scale/index.js';
import type { Runtime } from './runtime.js';
import { checkKeyCount, objectArg, registryArg } from './validate.js';

/** The metadata entries of storage requests; a map read needs every key (partial keys are queryMap's). */
export function storageEntries(rt: Runtime, reqs: [string, string, unknown[]][]): StorageEntry[] {
  return reqs.map(([p, i, k], n) => {
    const { entry } = rt.registry.storageEntry(p, i);
    checkKeyCount(`${p}.${i}`, entry.hashers.length, k, `requests[${n}][2]`);
    return entry;
  });
}

/**
 * A `state_queryStorageAt` reply as one value (or null) per key, in `keys` order: the node's
 * change sets may come in every order and hex case.
 */
export function valuesOfKeys(res: { changes: [string, string | null][] }[] | null, keys: string[]): (string | null)[] {
  const byKey = new Map<string, string | null>();
  for (const set of res ?? []) for (const [k, v] of set.changes) byKey.set(k.toLowerCase(), v);
  return keys.map((k) => byKey.get(k.toLowerCase()) ?? null);
}

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
