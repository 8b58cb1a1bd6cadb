// Runtime metadata V14, V15 and V16 decoded by hand on the Cursor into one normalised shape, so the
// registry and the client never branch on the version. Layouts follow frame-metadata 16.x
// (`RuntimeMetadataV14/V15/V16`); V14 lacks runtime APIs and outer enums, which are derived here
// where the type registry allows (the extrinsic type's generic params name Address/Call/Signature/Extra).
import { Cursor } from './codec.js';
import { compactLength } from './compact.js';
import { DecodeError, MetadataError } from './errors.js';
import { toBytes } from './hex.js';
import { bytes, str, u8, u32 } from './primitives.js';

export type Primitive =
  | 'bool' | 'char' | 'str'
  | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256'
  | 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'i256';

const PRIMITIVES: Primitive[] = ['bool', 'char', 'str', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'i8', 'i16', 'i32', 'i64', 'i128', 'i256'];

export interface Field {
  name: string | null;
  type: number;
  typeName: string | null;
  docs: string[];
}

export interface Variant {
  name: string;
  fields: Field[];
  index: number;
  docs: string[];
}

export type TypeDef =
  | { tag: 'composite'; fields: Field[] }
  | { tag: 'variant'; variants: Variant[] }
  | { tag: 'sequence'; type: number }
  | { tag: 'array'; len: number; type: number }
  | { tag: 'tuple'; types: number[] }
  | { tag: 'primitive'; primitive: Primitive }
  | { tag: 'compact'; type: number }
  | { tag: 'bitSequence'; storeType: number; orderType: number };

export interface PortableType {
  id: number;
  path: string[];
  params: { name: string; type: number | null }[];
  def: TypeDef;
  docs: string[];
}

import { STORAGE_HASHERS as HASHERS, type StorageHasher } from './hashers.js';
export type { StorageHasher };

export type Deprecation = null | { note: string | null; since: string | null };

export interface StorageEntry {
  name: string;
  modifier: 'Optional' | 'Default';
  /** Empty for a plain value; one hasher per key for maps. */
  hashers: StorageHasher[];
  /** Key type id (a tuple for multi-key maps), null for plain values. */
  keyType: number | null;
  valueType: number;
  /** SCALE bytes of the default value (`Option::None` for Optional entries). */
  default: Uint8Array;
  docs: string[];
  deprecation?: Deprecation;
}

export interface Constant {
  name: string;
  type: number;
  value: Uint8Array;
  docs: string[];
  deprecation?: Deprecation;
}

export interface Pallet {
  name: string;
  index: number;
  storage: { prefix: string; items: StorageEntry[] } | null;
  calls: number | null;
  events: number | null;
  errors: number | null;
  constants: Constant[];
  docs: string[];
  associatedTypes?: { name: string; type: number; docs: string[] }[];
  viewFunctions?: { id: Uint8Array; name: string; inputs: { name: string; type: number }[]; output: number; docs: string[] }[];
  deprecation?: Deprecation;
}

export interface RuntimeApiMethod {
  name: string;
  inputs: { name: string; type: number }[];
  output: number;
  docs: string[];
  deprecation?: Deprecation;
}

export interface RuntimeApi {
  name: string;
  methods: RuntimeApiMethod[];
  docs: string[];
  version?: number;
}

export interface TransactionExtension {
  identifier: string;
  /** Explicit part, carried in the extrinsic. */
  type: number;
  /** Implicit part, only in the signed payload (V14/V15 `additional_signed`). */
  implicit: number;
}

export interface ExtrinsicInfo {
  versions: number[];
  /** The UncheckedExtrinsic type (V14 only; null when metadata does not name it). */
  type: number | null;
  addressType: number | null;
  callType: number | null;
  signatureType: number | null;
  extraType: number | null;
  extensions: TransactionExtension[];
}

export interface Metadata {
  version: 14 | 15 | 16;
  types: PortableType[];
  pallets: Pallet[];
  extrinsic: ExtrinsicInfo;
  /** The runtime's own type id (V14/V15; -1 in V16, which no longer records it). */
  runtimeType: number;
  apis: RuntimeApi[];
  outerEnums: { call: number; event: number; error: number } | null;
  custom: { name: string; type: number; value: Uint8Array }[];
}

const MAGIC = 0x6174656d; // "meta" little-endian

/**
 * Decode metadata bytes (or 0x-hex). Accepts the raw `meta`-prefixed blob (`state_getMetadata`),
 * the `Option<Vec<u8>>` returned by `Metadata_metadata_at_version`, or a bare `Vec<u8>`.
 */
export function decodeMetadata(input: Uint8Array | string): Metadata {
  const raw = unwrapMetadata(toBytes(input));
  const c = new Cursor(raw, 4);
  const version = raw[c.offset++];
  if (version !== 14 && version !== 15 && version !== 16) {
    throw new MetadataError(`unsupported metadata version ${version} (supported: 14, 15, 16)`);
  }
  try {
    const md = version === 14 ? v14(c) : version === 15 ? v15(c) : v16(c);
    if (c.offset !== raw.length) throw new DecodeError(`${raw.length - c.offset} trailing byte(s) after metadata`, c.offset);
    return md;
  } catch (e) {
    if (e instanceof DecodeError) e.within(`MetadataV${version}`);
    throw e;
  }
}

function readMagic(b: Uint8Array, at: number): boolean {
  return b.length >= at + 5 && (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) === MAGIC;
}

function unwrapMetadata(b: Uint8Array): Uint8Array {
  if (readMagic(b, 0)) return b;
  if (b.length === 1 && b[0] === 0) throw new MetadataError('the runtime returned None for this metadata version');
  for (const start of [1, 0]) {
    if (start === 1 && b[0] !== 1) continue;
    const c = new Cursor(b, start);
    try {
      const len = compactLength(c);
      if (readMagic(b, c.offset) && c.offset + len === b.length) return b.subarray(c.offset);
    } catch {
      /* not this wrapping */
    }
  }
  const head = Array.from(b.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join('');
  throw new MetadataError(`not metadata: expected the magic 0x6d657461 ("meta"), got 0x${head}`);
}

// ---- little readers -------------------------------------------------------------------------

const cpt = (c: Cursor) => compactLength(c);
function vecOf<T>(c: Cursor, item: (c: Cursor) => T): T[] {
  const at = c.offset;
  const n = compactLength(c, 'Vec length');
  if (n > c.remaining()) throw new DecodeError(`Vec length ${n} cannot fit in ${c.remaining()} remaining byte(s)`, at);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = item(c);
  return out;
}
function opt<T>(c: Cursor, item: (c: Cursor) => T): T | null {
  const at = c.offset;
  const tag = u8.dec(c);
  if (tag === 0) return null;
  if (tag !== 1) throw new DecodeError(`Option tag must be 0 or 1, got ${tag}`, at);
  return item(c);
}
const strs = (c: Cursor) => vecOf(c, str.dec);
const optStr = (c: Cursor) => opt(c, str.dec);
// Metadata docs are large and rarely read; keep them (users list them) but they are plain strings.

function portableType(c: Cursor): PortableType {
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

function deprecation(c: Cursor): Deprecation {
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

function pallet14(c: Cursor, withDocs: boolean): Pallet {
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

function pallet16(c: Cursor): Pallet {
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

function apiMethod(c: Cursor, v16: boolean): RuntimeApiMethod {
  const m: RuntimeApiMethod = { name: str.dec(c), inputs: vecOf(c, param), output: cpt(c), docs: strs(c) };
  if (v16) m.deprecation = deprecation(c);
  return m;
}

function outerEnums(c: Cursor) {
  return { call: cpt(c), event: cpt(c), error: cpt(c) };
}

function custom(c: Cursor) {
  return vecOf(c, (c) => ({ name: str.dec(c), type: cpt(c), value: bytes.dec(c) }));
}

function v14(c: Cursor): Metadata {
  const types = vecOf(c, portableType);
  const pallets = vecOf(c, (c) => pallet14(c, false));
  const extType = cpt(c);
  const version = u8.dec(c);
  const extensions = vecOf(c, (c) => ({ identifier: str.dec(c), type: cpt(c), implicit: cpt(c) }));
  const runtimeType = cpt(c);
  const p = types[extType]?.params ?? [];
  const param = (n: string) => p.find((x) => x.name === n)?.type ?? null;
  return {
    version: 14,
    types: checkIds(types),
    pallets,
    extrinsic: {
      versions: [version],
      type: extType,
      addressType: param('Address'),
      callType: param('Call'),
      signatureType: param('Signature'),
      extraType: param('Extra'),
      extensions,
    },
    runtimeType,
    apis: [],
    outerEnums: deriveOuterEnums(types, param('Call')),
    custom: [],
  };
}

function v15(c: Cursor): Metadata {
  const types = vecOf(c, portableType);
  const pallets = vecOf(c, (c) => pallet14(c, true));
  const version = u8.dec(c);
  const addressType = cpt(c);
  const callType = cpt(c);
  const signatureType = cpt(c);
  const extraType = cpt(c);
  const extensions = vecOf(c, (c) => ({ identifier: str.dec(c), type: cpt(c), implicit: cpt(c) }));
  const runtimeType = cpt(c);
  const apis = vecOf(c, (c) => ({ name: str.dec(c), methods: vecOf(c, (c) => apiMethod(c, false)), docs: strs(c) }));
  const oe = outerEnums(c);
  const cu = custom(c);
  return {
    version: 15,
    types: checkIds(types),
    pallets,
    extrinsic: { versions: [version], type: null, addressType, callType, signatureType, extraType, extensions },
    runtimeType,
    apis,
    outerEnums: oe,
    custom: cu,
  };
}

function v16(c: Cursor): Metadata {
  const types = vecOf(c, portableType);
  const pallets = vecOf(c, pallet16);
  const versions = vecOf(c, u8.dec);
  const addressType = cpt(c);
  const callType = cpt(c);
  const signatureType = cpt(c);
  const byVersion = vecOf(c, (c) => [u8.dec(c), vecOf(c, cpt)] as const);
  const all = vecOf(c, (c) => ({ identifier: str.dec(c), type: cpt(c), implicit: cpt(c) }));
  // Signing uses the extensions of the newest extrinsic version that lists them (v4 "signed" here).
  const chosen = byVersion.find(([v]) => v === 4) ?? byVersion[0];
  const extensions = chosen ? chosen[1].map((i) => all[i]).filter(Boolean) : all;
  const runtimeType = -1; // V16 dropped the runtime type id
  const apis = vecOf(c, (c) => {
    const name = str.dec(c);
    const methods = vecOf(c, (c) => apiMethod(c, true));
    const docs = strs(c);
    const version = cpt(c);
    deprecation(c);
    return { name, methods, docs, version };
  });
  const oe = outerEnums(c);
  const cu = custom(c);
  return {
    version: 16,
    types: checkIds(types),
    pallets,
    extrinsic: { versions, type: null, addressType, callType, signatureType, extraType: null, extensions },
    runtimeType,
    apis,
    outerEnums: oe,
    custom: cu,
  };
}

// The registry indexes `types` by id; scale-info emits ids 0..n-1 in order, so check once instead
// of building a Map.
function checkIds(types: PortableType[]): PortableType[] {
  for (let i = 0; i < types.length; i++) {
    if (types[i].id !== i) throw new MetadataError(`type ids are not dense: position ${i} holds id ${types[i].id}`);
  }
  return types;
}

// V14 does not record the outer enums; find RuntimeEvent/RuntimeError by path next to RuntimeCall.
function deriveOuterEnums(types: PortableType[], call: number | null): Metadata['outerEnums'] {
  if (call === null) return null;
  const ns = types[call]?.path.slice(0, -1).join('::');
  const find = (names: string[]) =>
    types.find((t) => t.path.slice(0, -1).join('::') === ns && names.includes(t.path[t.path.length - 1]))?.id;
  const event = find(['RuntimeEvent', 'Event']);
  const error = find(['RuntimeError', 'Error']);
  return event === undefined ? null : { call, event, error: error ?? -1 };
}
