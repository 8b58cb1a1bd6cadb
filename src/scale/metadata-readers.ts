// Readers for the parts of runtime metadata (frame-metadata 16.x layouts): portable types, pallets,
// storage entries, constants, runtime APIs. decodeMetadata (metadata.ts) strings them together per version.
import type { Cursor } from './codec.js';
import { compactLength } from './compact.js';
import { DecodeError } from './errors.js';
import { STORAGE_HASHERS as HASHERS } from './hashers.js';
import type { Constant, Deprecation, Field, Pallet, PortableType, Primitive, RuntimeApiMethod, StorageEntry, StorageHasher, TypeDef } from './metadata-types.js';
import { bytes, str, u8, u32 } from './primitives.js';

const PRIMITIVES: Primitive[] = ['bool', 'char', 'str', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'i8', 'i16', 'i32', 'i64', 'i128', 'i256'];

export const cpt = (c: Cursor) => compactLength(c);
export function vecOf<T>(c: Cursor, item: (c: Cursor) => T): T[] {
  const at = c.offset;
  const n = compactLength(c, 'Vec length');
  if (n > c.remaining()) throw new DecodeError(`Vec length ${n} cannot fit in ${c.remaining()} remaining byte(s)`, at);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = item(c);
  return out;
}
export function opt<T>(c: Cursor, item: (c: Cursor) => T): T | null {
  const at = c.offset;
  const tag = u8.dec(c);
  if (tag === 0) return null;
  if (tag !== 1) throw new DecodeError(`Option tag must be 0 or 1, got ${tag}`, at);
  return item(c);
}
export const strs = (c: Cursor) => vecOf(c, str.dec);
const optStr = (c: Cursor) => opt(c, str.dec);
// Metadata docs are large and rarely read; keep them (users list them) but they are plain strings.

export function portableType(c: Cursor): PortableType {
  const id = cpt(c);
  const path = strs(c);
  const params = vecOf(c, (c) => ({ name: str.dec(c), type: opt(c, cpt) }));
  const def = typeDef(c);
  const docs = strs(c);
  return { id, path, params, def, docs };
}

function field(c: Cursor): Field {
  return { name: optStr(c), type: cpt(c), typeName: optStr(c), docs: strs(c) };
}

function typeDef(c: Cursor): TypeDef {
  const at = c.offset;
  const tag = u8.dec(c);
  switch (tag) {
    case 0:
      return { tag: 'composite', fields: vecOf(c, field) };
    case 1:
      return {
        tag: 'variant',
        variants: vecOf(c, (c) => ({ name: str.dec(c), fields: vecOf(c, field), index: u8.dec(c), docs: strs(c) })),
      };
    case 2:
      return { tag: 'sequence', type: cpt(c) };
    case 3:
      return { tag: 'array', len: u32.dec(c), type: cpt(c) };
    case 4:
      return { tag: 'tuple', types: vecOf(c, cpt) };
    case 5: {
      const p = u8.dec(c);
      if (p >= PRIMITIVES.length) throw new DecodeError(`unknown primitive index ${p}`, c.offset - 1);
      return { tag: 'primitive', primitive: PRIMITIVES[p] };
    }
    case 6:
      return { tag: 'compact', type: cpt(c) };
    case 7:
      return { tag: 'bitSequence', storeType: cpt(c), orderType: cpt(c) };
    default:
      throw new DecodeError(`unknown type definition index ${tag}`, at);
  }
}

function hasher(c: Cursor): StorageHasher {
  const at = c.offset;
  const h = u8.dec(c);
  if (h >= HASHERS.length) throw new DecodeError(`unknown storage hasher index ${h}`, at);
  return HASHERS[h];
}

export function deprecation(c: Cursor): Deprecation {
  const at = c.offset;
  const tag = u8.dec(c);
  if (tag === 0) return null;
  if (tag === 1) return { note: null, since: null };
  if (tag === 2) return { note: str.dec(c), since: optStr(c) };
  throw new DecodeError(`unknown deprecation status ${tag}`, at);
}

// V16 enum deprecation info: BTreeMap<u8, VariantDeprecation>; we only keep whether anything is deprecated.
function enumDeprecation(c: Cursor): void {
  vecOf(c, (c) => {
    u8.dec(c);
    const at = c.offset;
    const tag = u8.dec(c);
    if (tag === 1) return;
    if (tag === 2) {
      str.dec(c);
      optStr(c);
      return;
    }
    throw new DecodeError(`unknown variant deprecation ${tag}`, at);
  });
}

function storageEntry(c: Cursor, v16: boolean): StorageEntry {
  const name = str.dec(c);
  const at = c.offset;
  const m = u8.dec(c);
  if (m > 1) throw new DecodeError(`unknown storage modifier ${m}`, at);
  const kindAt = c.offset;
  const kind = u8.dec(c);
  let hashers: StorageHasher[] = [];
  let keyType: number | null = null;
  let valueType: number;
  if (kind === 0) valueType = cpt(c);
  else if (kind === 1) {
    hashers = vecOf(c, hasher);
    keyType = cpt(c);
    valueType = cpt(c);
  } else throw new DecodeError(`unknown storage entry type ${kind}`, kindAt);
  const def = bytes.dec(c);
  const docs = strs(c);
  const entry: StorageEntry = { name, modifier: m === 0 ? 'Optional' : 'Default', hashers, keyType, valueType, default: def, docs };
  if (v16) entry.deprecation = deprecation(c);
  return entry;
}

function storage(c: Cursor, v16: boolean) {
  return opt(c, (c) => ({ prefix: str.dec(c), items: vecOf(c, (c) => storageEntry(c, v16)) }));
}

function constant(c: Cursor, v16: boolean): Constant {
  const k: Constant = { name: str.dec(c), type: cpt(c), value: bytes.dec(c), docs: strs(c) };
  if (v16) k.deprecation = deprecation(c);
  return k;
}

export function pallet14(c: Cursor, withDocs: boolean): Pallet {
  const name = str.dec(c);
  const st = storage(c, false);
  const calls = opt(c, cpt);
  const events = opt(c, cpt);
  const constants = vecOf(c, (c) => constant(c, false));
  const errors = opt(c, cpt);
  const index = u8.dec(c);
  const docs = withDocs ? strs(c) : [];
  return { name, index, storage: st, calls, events, errors, constants, docs };
}

export function pallet16(c: Cursor): Pallet {
  const name = str.dec(c);
  const st = storage(c, true);
  const enumRef = (c: Cursor) => {
    const t = cpt(c);
    enumDeprecation(c);
    return t;
  };
  const calls = opt(c, enumRef);
  const events = opt(c, enumRef);
  const constants = vecOf(c, (c) => constant(c, true));
  const errors = opt(c, enumRef);
  const associatedTypes = vecOf(c, (c) => ({ name: str.dec(c), type: cpt(c), docs: strs(c) }));
  const viewFunctions = vecOf(c, (c) => {
    const at = c.need(32, 'view function id');
    c.offset = at + 32;
    const id = c.bytes.subarray(at, at + 32);
    const fn = { id, name: str.dec(c), inputs: vecOf(c, param), output: cpt(c), docs: strs(c) };
    deprecation(c);
    return fn;
  });
  const index = u8.dec(c);
  const docs = strs(c);
  const dep = deprecation(c);
  return { name, index, storage: st, calls, events, errors, constants, docs, associatedTypes, viewFunctions, deprecation: dep };
}

const param = (c: Cursor) => ({ name: str.dec(c), type: cpt(c) });

export function apiMethod(c: Cursor, v16: boolean): RuntimeApiMethod {
  const m: RuntimeApiMethod = { name: str.dec(c), inputs: vecOf(c, param), output: cpt(c), docs: strs(c) };
  if (v16) m.deprecation = deprecation(c);
  return m;
}

export function outerEnums(c: Cursor) {
  return { call: cpt(c), event: cpt(c), error: cpt(c) };
}

export function custom(c: Cursor) {
  return vecOf(c, (c) => ({ name: str.dec(c), type: cpt(c), value: bytes.dec(c) }));
}
