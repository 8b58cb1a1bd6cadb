// Classify a metadata type into what its codec will be (polkadot-api's `lookups.ts` step): the
// special shapes — Option, Option<bool>, Result, AccountId32, U256, Vec<u8>, [u8; N], Compact of a
// known width — are recognised here once, so building codecs and sizes is a plain switch.
import { MetadataError } from './errors.js';
import type { MetadataIndex } from './metadata-index.js';
import type { Field, Primitive } from './metadata.js';

/** What the fields of a composite or of an enum variant decode to. */
export type FieldsShape =
  | { tag: 'none' }
  | { tag: 'struct'; fields: { name: string; type: number }[] }
  /** One unnamed field: the value itself (`Perbill(u32)` → number). */
  | { tag: 'single'; type: number }
  | { tag: 'tuple'; types: number[] };

export type CompactWidth = 8 | 16 | 32 | 64 | 128 | 256;

export type TypeClass =
  | { tag: 'primitive'; primitive: Primitive }
  | { tag: 'accountId32' }
  /** `primitive_types::U128/U256`: [u64; N] words, one little-endian integer. */
  | { tag: 'bigUint'; bits: 128 | 256 }
  | { tag: 'unit' }
  | { tag: 'fields'; shape: Exclude<FieldsShape, { tag: 'none' }> }
  | { tag: 'tuple'; types: number[] }
  | { tag: 'option'; inner: number }
  | { tag: 'result'; ok: number; err: number }
  | { tag: 'enum'; name: string; variants: { name: string; index: number; shape: FieldsShape }[] }
  | { tag: 'bytes' }
  | { tag: 'fixedBytes'; len: number }
  | { tag: 'sequence'; inner: number }
  | { tag: 'array'; inner: number; len: number }
  /** `width` null: the inner type is not a known unsigned integer (generic compact). */
  | { tag: 'compact'; width: CompactWidth | null }
  | { tag: 'bitSequence'; storeBytes: 1 | 2 | 4 | 8; msb0: boolean };

const WIDTH: Partial<Record<Primitive, CompactWidth>> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, u256: 256 };
const STORE_BYTES: Partial<Record<Primitive, 1 | 2 | 4 | 8>> = { u8: 1, u16: 2, u32: 4, u64: 8 };

export function fieldsShape(fields: Field[]): FieldsShape {
  if (fields.length === 0) return { tag: 'none' };
  if (fields.every((f) => f.name !== null)) return { tag: 'struct', fields: fields.map((f) => ({ name: f.name!, type: f.type })) };
  if (fields.length === 1) return { tag: 'single', type: fields[0].type };
  return { tag: 'tuple', types: fields.map((f) => f.type) };
}

function isU8(index: MetadataIndex, id: number): boolean {
  const d = index.type(id).def;
  return d.tag === 'primitive' && d.primitive === 'u8';
}

// Follow single-field wrappers (Perbill(u32), Compact<Balance>) to the primitive inside a Compact.
function innerPrimitive(index: MetadataIndex, id: number): Primitive | 'unit' | null {
  for (let depth = 0; depth < 8; depth++) {
    const d = index.type(id).def;
    if (d.tag === 'primitive') return d.primitive;
    if (d.tag === 'tuple' && d.types.length === 0) return 'unit';
    if (d.tag === 'composite' && d.fields.length === 1) id = d.fields[0].type;
    else if (d.tag === 'tuple' && d.types.length === 1) id = d.types[0];
    else return null;
  }
  return null;
}

function classifyVariant(index: MetadataIndex, id: number): TypeClass {
  const t = index.type(id);
  if (t.def.tag !== 'variant') throw new MetadataError(`type ${id} is not an enum`);
  const vs = t.def.variants;
  const only1 = (name: string, i: number) => {
    const v = vs.find((x) => x.name === name && (i < 0 || x.index === i));
    return v && v.fields.length === 1 ? v.fields[0].type : null;
  };
  if (t.path.length === 1 && vs.length === 2 && t.path[0] === 'Option') {
    const some = only1('Some', -1);
    // Option<bool> too: the runtime's generic Option encoding (tag byte + value), two bytes.
    // parity-scale-codec packs into one byte only its separate `OptionBool` type (our `optionBool`).
    if (some !== null) return { tag: 'option', inner: some };
  }
  if (t.path.length === 1 && vs.length === 2 && t.path[0] === 'Result') {
    const ok = only1('Ok', 0);
    const err = only1('Err', 1);
    if (ok !== null && err !== null) return { tag: 'result', ok, err };
  }
  const variants = vs.map((v) => ({ name: v.name, index: v.index, shape: fieldsShape(v.fields) }));
  return { tag: 'enum', name: t.path.join('::') || `enum#${id}`, variants };
}

function classifyComposite(index: MetadataIndex, id: number, fields: Field[]): TypeClass {
  const path = index.type(id).path;
  if (path.length === 3 && path[2] === 'AccountId32' && path[0] === 'sp_core') return { tag: 'accountId32' };
  if (path.length === 2 && path[0] === 'primitive_types' && (path[1] === 'U256' || path[1] === 'U128')) {
    return { tag: 'bigUint', bits: path[1] === 'U256' ? 256 : 128 };
  }
  const shape = fieldsShape(fields);
  return shape.tag === 'none' ? { tag: 'unit' } : { tag: 'fields', shape };
}

function classifyBitSequence(index: MetadataIndex, storeType: number, orderType: number): TypeClass {
  const store = index.type(storeType).def;
  const storeBytes = store.tag === 'primitive' ? STORE_BYTES[store.primitive] : undefined;
  if (storeBytes === undefined) throw new MetadataError(`BitSequence store type #${storeType} is not u8/u16/u32/u64`);
  const order = index.type(orderType).path;
  return { tag: 'bitSequence', storeBytes, msb0: order[order.length - 1] === 'Msb0' };
}

export function classify(index: MetadataIndex, id: number): TypeClass {
  const d = index.type(id).def;
  switch (d.tag) {
    case 'primitive':
      return { tag: 'primitive', primitive: d.primitive };
    case 'composite':
      return classifyComposite(index, id, d.fields);
    case 'variant':
      return classifyVariant(index, id);
    case 'sequence':
      return isU8(index, d.type) ? { tag: 'bytes' } : { tag: 'sequence', inner: d.type };
    case 'array':
      return isU8(index, d.type) ? { tag: 'fixedBytes', len: d.len } : { tag: 'array', inner: d.type, len: d.len };
    case 'tuple':
      return d.types.length === 0 ? { tag: 'unit' } : { tag: 'tuple', types: d.types };
    case 'compact': {
      const p = innerPrimitive(index, d.type);
      if (p === 'unit') return { tag: 'unit' }; // Compact<()>
      return { tag: 'compact', width: (p && WIDTH[p]) ?? null };
    }
    case 'bitSequence':
      return classifyBitSequence(index, d.storeType, d.orderType);
  }
}
