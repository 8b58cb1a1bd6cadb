// Step one of the generator (STYLE §2): each portable type is classified into the shape the
// decoder gives it. The rules mirror `createRegistry` in src/scale/registry.ts case by case
// (AccountId32 → SS58 string, U256 → bigint, Option<T> → T | null, single unnamed field unwrapped,
// Compact by the width of the primitive inside), so the types say what the decoder returns.
import type { Field, Metadata, Primitive, Variant } from '../scale/index.js';

export type TsScalar = 'number' | 'bigint' | 'string' | 'boolean' | 'number | bigint';

export type Shape =
  | { kind: 'scalar'; ts: TsScalar }
  | { kind: 'bytes' }
  | { kind: 'null' }
  | { kind: 'bits' }
  | { kind: 'alias'; of: number }
  | { kind: 'struct'; fields: Field[] }
  | { kind: 'tuple'; items: number[] }
  | { kind: 'option'; of: number }
  | { kind: 'result'; ok: number; err: number }
  | { kind: 'enum'; variants: Variant[] }
  | { kind: 'seq'; of: number };

const PRIM: Record<Primitive, TsScalar> = {
  bool: 'boolean', char: 'string', str: 'string',
  u8: 'number', u16: 'number', u32: 'number', i8: 'number', i16: 'number', i32: 'number',
  u64: 'bigint', u128: 'bigint', u256: 'bigint', i64: 'bigint', i128: 'bigint', i256: 'bigint',
};

function isU8(md: Metadata, id: number): boolean {
  const d = md.types[id].def;
  return d.tag === 'primitive' && d.primitive === 'u8';
}

// Same walk as the registry's innerPrimitive: through single-field wrappers, at most 8 deep.
function innerPrimitive(md: Metadata, id: number, depth = 0): Primitive | null {
  const d = md.types[id].def;
  if (d.tag === 'primitive') return d.primitive;
  if (depth < 8 && d.tag === 'composite' && d.fields.length === 1) return innerPrimitive(md, d.fields[0].type, depth + 1);
  if (depth < 8 && d.tag === 'tuple' && d.types.length === 1) return innerPrimitive(md, d.types[0], depth + 1);
  return null;
}

/** The shape a list of fields decodes to (struct fields, enum variant payloads, event data). */
export function fieldsShape(fields: Field[]): Shape {
  if (fields.length === 0) return { kind: 'null' };
  if (fields.every((f) => f.name !== null)) return { kind: 'struct', fields };
  if (fields.length === 1) return { kind: 'alias', of: fields[0].type };
  return { kind: 'tuple', items: fields.map((f) => f.type) };
}

function variantShape(md: Metadata, id: number, variants: Variant[]): Shape {
  const path = md.types[id].path;
  if (path.length === 1 && path[0] === 'Option' && variants.length === 2) {
    const some = variants.find((v) => v.name === 'Some');
    if (some && some.fields.length === 1) return { kind: 'option', of: some.fields[0].type };
  }
  if (path.length === 1 && path[0] === 'Result' && variants.length === 2) {
    const ok = variants.find((v) => v.name === 'Ok' && v.index === 0);
    const err = variants.find((v) => v.name === 'Err' && v.index === 1);
    if (ok && err && ok.fields.length === 1 && err.fields.length === 1) return { kind: 'result', ok: ok.fields[0].type, err: err.fields[0].type };
  }
  return { kind: 'enum', variants };
}

export function classify(md: Metadata, id: number): Shape {
  const t = md.types[id];
  const d = t.def;
  switch (d.tag) {
    case 'primitive':
      return { kind: 'scalar', ts: PRIM[d.primitive] };
    case 'composite': {
      const p = t.path;
      if (p.length === 3 && p[0] === 'sp_core' && p[2] === 'AccountId32') return { kind: 'scalar', ts: 'string' };
      if (p.length === 2 && p[0] === 'primitive_types' && (p[1] === 'U256' || p[1] === 'U128')) return { kind: 'scalar', ts: 'bigint' };
      return fieldsShape(d.fields);
    }
    case 'variant':
      return variantShape(md, id, d.variants);
    case 'sequence':
      return isU8(md, d.type) ? { kind: 'bytes' } : { kind: 'seq', of: d.type };
    case 'array':
      return isU8(md, d.type) ? { kind: 'bytes' } : { kind: 'seq', of: d.type };
    case 'tuple':
      return d.types.length === 0 ? { kind: 'null' } : { kind: 'tuple', items: d.types };
    case 'compact': {
      const p = innerPrimitive(md, d.type);
      if (p === 'u8' || p === 'u16' || p === 'u32') return { kind: 'scalar', ts: 'number' };
      if (p === 'u64' || p === 'u128' || p === 'u256') return { kind: 'scalar', ts: 'bigint' };
      if (md.types[d.type].def.tag === 'tuple') return { kind: 'null' };
      return { kind: 'scalar', ts: 'number | bigint' };
    }
    case 'bitSequence':
      return { kind: 'bits' };
  }
}

/** Type ids a shape refers to (edges of the type graph). */
export function shapeChildren(s: Shape): number[] {
  switch (s.kind) {
    case 'alias':
    case 'option':
    case 'seq':
      return [s.of];
    case 'struct':
      return s.fields.map((f) => f.type);
    case 'tuple':
      return s.items;
    case 'result':
      return [s.ok, s.err];
    case 'enum':
      return s.variants.flatMap((v) => v.fields.map((f) => f.type));
    default:
      return [];
  }
}
