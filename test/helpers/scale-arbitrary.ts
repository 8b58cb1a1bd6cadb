// fast-check arbitraries of VALID values of any metadata type, built from the registry's own type
// classes (so they take the shapes our encoders accept), plus the corruptions the structured fuzz
// suite applies to their encodings. Recursive types (RuntimeCall inside Utility.batch, Sudo.sudo)
// stay finite: below `depth` an enum takes the variant with the shortest finite value, a Vec is
// empty and an Option is None.
import fc from 'fast-check';
import { indexMetadata } from '../../src/scale/metadata-index.js';
import { classify, type CompactWidth, type FieldsShape, type TypeClass } from '../../src/scale/type-class.js';
import type { Metadata, Primitive } from '../../src/scale/index.js';

type Arb = fc.Arbitrary<unknown>;

const INT: Partial<Record<Primitive, [number, number]>> = {
  u8: [0, 0xff], u16: [0, 0xffff], u32: [0, 0xffffffff], i8: [-128, 127], i16: [-32768, 32767], i32: [-(2 ** 31), 2 ** 31 - 1],
};
const BIG: Partial<Record<Primitive, [bigint, bigint]>> = {
  u64: [0n, 2n ** 64n - 1n], u128: [0n, 2n ** 128n - 1n], u256: [0n, 2n ** 256n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n], i128: [-(2n ** 127n), 2n ** 127n - 1n], i256: [-(2n ** 255n), 2n ** 255n - 1n],
};

function primitive(p: Primitive): Arb {
  if (p === 'bool') return fc.boolean();
  if (p === 'str') return fc.string({ maxLength: 12 });
  if (p === 'char') return fc.constantFrom('a', 'τ', '🦀');
  const i = INT[p];
  if (i) return fc.integer({ min: i[0], max: i[1] });
  const [min, max] = BIG[p]!;
  return fc.bigInt({ min, max });
}

function compactArb(width: CompactWidth | null): Arb {
  if (width !== null && width > 32) return fc.bigInt({ min: 0n, max: 2n ** BigInt(width) - 1n });
  return fc.integer({ min: 0, max: width === 8 ? 0xff : width === 16 ? 0xffff : 0xffffffff });
}

export interface TypeArbitraries {
  /** Valid values of type `id`, recursion below `depth` levels cut short. */
  of(id: number, depth: number): Arb;
  classOf(id: number): TypeClass;
  /** False for types with no finite value (an enum without variants, or only through one). */
  inhabited(id: number): boolean;
}

export function typeArbitraries(metadata: Metadata): TypeArbitraries {
  const index = indexMetadata(metadata);
  const classes = metadata.types.map((t) => classify(index, t.id));
  const height = finiteHeights(classes);
  const memo = new Map<string, Arb>();

  const shapeHeight = (s: FieldsShape): number =>
    s.tag === 'none' ? 0 : s.tag === 'single' ? height[s.type] : Math.max(...(s.tag === 'struct' ? s.fields.map((f) => height[f.type]) : s.types.map((t) => height[t])));

  function shape(s: FieldsShape, d: number): Arb | null {
    if (s.tag === 'none') return null;
    if (s.tag === 'single') return of(s.type, d);
    if (s.tag === 'tuple') return fc.tuple(...s.types.map((t) => of(t, d)));
    return fc.record(Object.fromEntries(s.fields.map((f) => [f.name, of(f.type, d)])));
  }

  function enumArb(cls: Extract<TypeClass, { tag: 'enum' }>, d: number): Arb {
    let vs = cls.variants.filter((v) => shapeHeight(v.shape) < Infinity); // a variant over Void has no value
    if (d <= 0) {
      const best = Math.min(...vs.map((v) => shapeHeight(v.shape)));
      vs = vs.filter((v) => shapeHeight(v.shape) === best).slice(0, 1);
    }
    return fc.oneof(...vs.map((v) => shape(v.shape, d - 1)?.map((value) => ({ type: v.name, value })) ?? fc.constant({ type: v.name })));
  }

  function build(cls: TypeClass, d: number): Arb {
    switch (cls.tag) {
      case 'primitive': return primitive(cls.primitive);
      case 'accountId32': return fc.uint8Array({ minLength: 32, maxLength: 32 });
      case 'bigUint': return fc.bigInt({ min: 0n, max: 2n ** BigInt(cls.bits) - 1n });
      case 'unit': return fc.constant(null);
      case 'fields': return shape(cls.shape, d)!;
      case 'tuple': return fc.tuple(...cls.types.map((t) => of(t, d)));
      case 'option': return d <= 0 || height[cls.inner] === Infinity ? fc.constant(null) : fc.option(of(cls.inner, d - 1), { nil: null });
      case 'result': return fc.oneof(...[[cls.ok, 'ok'], [cls.err, 'err']].filter(([id]) => height[id as number] < Infinity)
        .map(([id, arm]) => of(id as number, d - 1).map((v) => ({ [arm]: v }))));
      case 'enum': return enumArb(cls, d);
      case 'bytes': return fc.uint8Array({ maxLength: 16 });
      case 'fixedBytes': return fc.uint8Array({ minLength: cls.len, maxLength: cls.len });
      case 'sequence': return d <= 0 || height[cls.inner] === Infinity ? fc.constant([]) : fc.array(of(cls.inner, d - 1), { maxLength: 3 });
      case 'array': return fc.array(of(cls.inner, d - 1), { minLength: cls.len, maxLength: cls.len });
      case 'compact': return compactArb(cls.width);
      case 'bitSequence': return fc.array(fc.boolean(), { maxLength: 40 });
    }
  }

  function of(id: number, depth: number): Arb {
    const key = `${id}:${Math.max(depth, 0)}`;
    let a = memo.get(key);
    if (!a) memo.set(key, (a = build(classes[id], depth)));
    return a;
  }
  return { of, classOf: (id) => classes[id], inhabited: (id) => height[id] < Infinity };
}

/** Height of the smallest finite value of each type (Infinity: none), by fixed-point iteration. */
function finiteHeights(classes: TypeClass[]): number[] {
  const h = classes.map(() => Infinity);
  const max = (ids: number[]) => ids.reduce((m, i) => Math.max(m, h[i]), 0);
  const shape = (s: FieldsShape) => (s.tag === 'none' ? 0 : s.tag === 'single' ? h[s.type] : max(s.tag === 'struct' ? s.fields.map((f) => f.type) : s.types));
  for (let changed = true; changed; ) {
    changed = false;
    classes.forEach((c, id) => {
      let v: number;
      if (c.tag === 'fields') v = 1 + shape(c.shape);
      else if (c.tag === 'tuple') v = 1 + max(c.types);
      else if (c.tag === 'enum') v = 1 + Math.min(...c.variants.map((x) => shape(x.shape)));
      else if (c.tag === 'result') v = 1 + Math.min(h[c.ok], h[c.err]);
      else if (c.tag === 'array') v = c.len === 0 ? 0 : 1 + h[c.inner];
      else v = 0; // primitives, compact, bytes, and Vec/Option (empty/None)
      if (v < h[id]) {
        h[id] = v;
        changed = true;
      }
    });
  }
  return h;
}

export type Corruption = 'cut' | 'flip' | 'extend' | 'inflate';

/** One corruption of a valid encoding, driven by fast-check. */
export function corrupted(valid: Uint8Array): fc.Arbitrary<{ how: Corruption; bytes: Uint8Array }> {
  const n = valid.length;
  const at = fc.nat({ max: Math.max(0, n - 1) });
  return fc.oneof(
    fc.nat({ max: Math.max(0, n - 1) }).map((k) => ({ how: 'cut' as const, bytes: valid.slice(0, k) })),
    fc.tuple(at, fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const b = valid.slice();
      if (n) b[i] ^= x;
      return { how: 'flip' as const, bytes: b };
    }),
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((tail) => ({ how: 'extend' as const, bytes: concat(valid, tail) })),
    // A huge compact where a length prefix (or any byte) was: 2^30 - 1 in 4-byte mode, 2^32 - 1 in
    // big-integer mode, or a non-canonical 2-byte 0.
    fc.tuple(at, fc.constantFrom([0xfe, 0xff, 0xff, 0xff], [0x03, 0xff, 0xff, 0xff, 0xff], [0x01, 0x00])).map(([i, c]) => {
      const b = concat(valid.slice(0, i), Uint8Array.from(c), valid.slice(i + 1));
      return { how: 'inflate' as const, bytes: b };
    }),
  );
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
