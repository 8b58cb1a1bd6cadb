// Storage keys: twox128(pallet) ++ twox128(item) ++ hasher(encode(key_i)) for each key given, and
// the way back — the concat/identity hashers keep the encoded key after the hash, so a key returned
// by `state_getKeysPaged` can be decoded into the map's key values.
import { Cursor, encode } from './codec.js';
import { DecodeError, EncodeError, MetadataError } from './errors.js';
import { hasherPrefixLength, hashKey, isReversible, storagePrefix } from './hashers.js';
import { concatBytes, toBytes, toHex } from './hex.js';
import type { StorageEntry } from './metadata.js';
import type { Registry } from './registry.js';

/** Type ids of each key of a map entry (one per hasher). */
export function storageKeyTypes(registry: Registry, entry: StorageEntry): number[] {
  if (entry.keyType === null) return [];
  if (entry.hashers.length === 1) return [entry.keyType];
  const d = registry.type(entry.keyType).def;
  if (d.tag !== 'tuple' || d.types.length !== entry.hashers.length) {
    throw new MetadataError(`storage ${entry.name} has ${entry.hashers.length} hashers but key type ${registry.typeName(entry.keyType)} is not a tuple of that many`);
  }
  return d.types;
}

/**
 * The storage key for `pallet.item(keys...)`. Fewer keys than the map has give a prefix (used to
 * iterate a double map under its first key).
 */
export function storageKey(registry: Registry, pallet: string, item: string, keys: readonly unknown[] = []): string {
  const { pallet: p, entry } = registry.storageEntry(pallet, item);
  const types = storageKeyTypes(registry, entry);
  if (keys.length > types.length) {
    throw new EncodeError(`${pallet}.${item} takes ${types.length} key(s), got ${keys.length}`);
  }
  const parts: Uint8Array[] = [storagePrefix(p.storage!.prefix, entry.name)];
  for (let i = 0; i < keys.length; i++) {
    let enc: Uint8Array;
    try {
      enc = encode(registry.codec(types[i]), keys[i]);
    } catch (e) {
      if (e instanceof EncodeError) e.within(`${pallet}.${item} key ${i} (${registry.typeName(types[i])})`);
      throw e;
    }
    parts.push(hashKey(entry.hashers[i], enc));
  }
  return toHex(concatBytes(...parts));
}

/**
 * Decode the key values back out of a full storage key. Keys behind a non-reversible hasher
 * (Blake2_128/256, Twox128/256) come back as their raw hash bytes.
 */
export function decodeStorageKey(registry: Registry, pallet: string, item: string, key: Uint8Array | string): unknown[] {
  const { entry } = registry.storageEntry(pallet, item);
  const types = storageKeyTypes(registry, entry);
  const bytes = toBytes(key);
  const c = new Cursor(bytes, 32);
  if (bytes.length < 32) throw new DecodeError(`storage key of ${bytes.length} bytes is shorter than the 32-byte prefix`, 0, `${pallet}.${item}`);
  const out: unknown[] = [];
  for (let i = 0; i < types.length; i++) {
    const h = entry.hashers[i];
    const n = hasherPrefixLength(h);
    if (isReversible(h)) {
      c.need(n, `${h} hash`);
      c.offset += n;
      try {
        out.push(registry.codec(types[i]).dec(c));
      } catch (e) {
        if (e instanceof DecodeError) e.within(`${pallet}.${item} key ${i}`);
        throw e;
      }
    } else {
      // opaque hashers: the hash is all there is; hand back its bytes
      const at = c.need(n, `${h} hash`);
      c.offset = at + n;
      out.push(bytes.subarray(at, at + n));
    }
  }
  if (c.offset !== bytes.length) {
    throw new DecodeError(`${bytes.length - c.offset} trailing byte(s) after the keys`, c.offset, `${pallet}.${item}`);
  }
  return out;
}
