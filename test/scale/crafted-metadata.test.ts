// Crafted metadata (issue 10 point 3). Metadata comes from the network, so a hostile or broken node
// can describe any type graph. Each case below hung, threw a raw RangeError/TypeError or allocated
// hundreds of MB before; each must now end in MetadataError or DecodeError within TIME_BOUND_MS
// (generous: each takes well under 50 ms here) and, where memory was the problem, within a heap bound.
import { describe, expect, it } from 'vitest';
import { readHexFixture } from '../../scripts/fixtures.js';
import {
  createRegistry, decode, decodeMetadata, encode, decodeStorageKey, storageKey, DecodeError, MetadataError, MAX_RECURSION_LEVELS, ZERO_SIZE_BUDGET,
  type Metadata, type PortableType, type TypeDef,
} from '../../src/scale/index.js';

const TIME_BOUND_MS = 1000;
const HEAP_BOUND_MB = 64;

type T = { def: TypeDef; path?: string[] };
const composite = (...fields: [string | null, number][]): TypeDef => ({
  tag: 'composite', fields: fields.map(([name, type]) => ({ name, type, typeName: null, docs: [] })),
});
const unit: T = { def: { tag: 'tuple', types: [] } };
const u8: T = { def: { tag: 'primitive', primitive: 'u8' } };

function metadata(types: T[], storage: Metadata['pallets'][number]['storage'] = null): Metadata {
  const portable: PortableType[] = types.map((t, id) => ({ id, path: t.path ?? [], params: [], def: t.def, docs: [] }));
  return {
    version: 15,
    types: portable,
    pallets: [{ name: 'Crafted', index: 0, storage, calls: null, events: null, errors: null, constants: [], docs: [] }],
    extrinsic: { versions: [4], type: null, addressType: null, callType: null, signatureType: null, extraType: null, extensions: [] },
    runtimeType: 0,
    apis: [],
    outerEnums: null,
    custom: [],
  };
}

/** Runs `fn`, which must throw `type`; returns the error. Asserts the time (and heap) bound. */
function endsTyped<E extends Error>(type: new (...a: any[]) => E, fn: () => unknown): E {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t = performance.now();
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t;
  expect(err).toBeInstanceOf(type);
  expect(ms).toBeLessThan(TIME_BOUND_MS);
  expect((process.memoryUsage().heapUsed - heap0) / 2 ** 20).toBeLessThan(HEAP_BOUND_MB);
  return err as E;
}

const bytes = (n: number, fill = 0) => new Uint8Array(n).fill(fill);

describe('crafted metadata ends in MetadataError/DecodeError, in bounded time and memory', () => {
  it(`a struct that contains itself: DecodeError after ${MAX_RECURSION_LEVELS} levels (< ${TIME_BOUND_MS} ms)`, () => {
    const reg = createRegistry(metadata([{ def: composite(['next', 0]), path: ['Loop'] }]));
    const e = endsTyped(DecodeError, () => decode(reg.codec(0), bytes(16)));
    expect(e.reason).toBe(`Loop nests deeper than ${MAX_RECURSION_LEVELS} type levels`);
    expect(e.typePath).toMatch(/^next\.next\.next/);
  });

  it('a struct that contains itself through a second struct, with a byte per level: DecodeError either way', () => {
    const reg = createRegistry(metadata([{ def: composite(['x', 2], ['b', 1]), path: ['A'] }, { def: composite(['a', 0]), path: ['B'] }, u8]));
    endsTyped(DecodeError, () => decode(reg.codec(0), bytes(100))); // input runs out
    endsTyped(DecodeError, () => decode(reg.codec(0), bytes(100_000))); // depth runs out first
  });

  it(`a tuple that contains itself: DecodeError, not RangeError (< ${TIME_BOUND_MS} ms)`, () => {
    const reg = createRegistry(metadata([{ def: { tag: 'tuple', types: [1, 0] } }, u8]));
    const e = endsTyped(DecodeError, () => decode(reg.codec(0), bytes(100_000)));
    expect(e.reason).toMatch(/nests deeper than/);
    expect(reg.typeName(0)).toBe('(u8, #0)');
    expect(reg.minSize(0)).toBe(1);
  });

  it('a storage key type id out of range: MetadataError, not TypeError', () => {
    const entry = (hashers: ('Blake2_128Concat' | 'Twox64Concat')[]) => ({
      name: 'Map', modifier: 'Default' as const, hashers, keyType: 999, valueType: 0, default: new Uint8Array([0]), docs: [],
    });
    for (const hashers of [['Blake2_128Concat'], ['Blake2_128Concat', 'Twox64Concat']] as const) {
      const reg = createRegistry(metadata([u8], { prefix: 'Crafted', items: [entry([...hashers])] }));
      const e = endsTyped(MetadataError, () => storageKey(reg, 'Crafted', 'Map', [1]));
      expect(e.message).toBe('type id 999 is not in the metadata (1 types)');
      endsTyped(MetadataError, () => decodeStorageKey(reg, 'Crafted', 'Map', bytes(64)));
    }
    endsTyped(MetadataError, () => createRegistry(metadata([u8])).codec(999));
    endsTyped(MetadataError, () => createRegistry(metadata([{ def: composite(['a', 7]) }])).codec(0));
  });

  it(`[(); 2^32 − 1]: DecodeError from the zero-size budget (${ZERO_SIZE_BUDGET} elements), no 4-billion-slot array`, () => {
    const reg = createRegistry(metadata([unit, { def: { tag: 'array', len: 2 ** 32 - 1, type: 0 } }]));
    const e = endsTyped(DecodeError, () => decode(reg.codec(1), new Uint8Array(0)));
    expect(e.reason).toMatch(/4294967295 zero-size element\(s\) exceeds the budget/);
    // sized elements: N * minSize is checked against the input before allocating
    const sized = createRegistry(metadata([{ def: { tag: 'primitive', primitive: 'u64' } }, { def: { tag: 'array', len: 2 ** 32 - 1, type: 0 } }]));
    endsTyped(DecodeError, () => decode(sized.codec(1), bytes(64)));
  });

  it(`Vec<Vec<()>> from 258 bytes: DecodeError within ${HEAP_BOUND_MB} MB (was 496 MB, 2.3 s)`, () => {
    const reg = createRegistry(metadata([unit, { def: { tag: 'sequence', type: 0 } }, { def: { tag: 'sequence', type: 1 } }]));
    // outer length 64 (2-byte mode), then 64 inner lengths of 2^30 − 1 (4-byte mode): 258 bytes
    const input = new Uint8Array(258);
    input.set([0x01, 0x01]);
    for (let i = 0; i < 64; i++) input.set([0xfe, 0xff, 0xff, 0xff], 2 + i * 4);
    const e = endsTyped(DecodeError, () => decode(reg.codec(2), input));
    expect(e.typePath).toBe('[0]');
    // the budget is per decode, not per Vec: 128 inner Vecs of 16,383 (2 M in all) fail as well
    const many = new Uint8Array(2 + 128 * 2);
    many.set([0x01, 0x02]);
    for (let i = 0; i < 128; i++) many.set([0xfd, 0xff], 2 + i * 2);
    const e2 = endsTyped(DecodeError, () => decode(reg.codec(2), many));
    expect(e2.typePath).toBe(`[${Math.floor(ZERO_SIZE_BUDGET / 16383)}]`);
  });

  it('a chain of 100,000 nested composites: MetadataError while building, not a stack overflow', () => {
    const types: T[] = Array.from({ length: 100_000 }, (_, i) => ({ def: composite([null, i + 1]) }));
    types.push(u8);
    const reg = createRegistry(metadata(types));
    endsTyped(MetadataError, () => reg.codec(0));
    endsTyped(MetadataError, () => reg.typeName(0) && reg.minSize(0));
  });

  it('a 200-type cycle through an Option: recursion is charged per type level, DecodeError before the stack ends', () => {
    // 0 = Option<1>, 1..199 = struct { next: i+1 }, 200 = struct { b: u8, next: 0 }; every level is
    // one byte, so 100 KB of 0x01 would recurse ~100,000 type levels deep without the bound
    const types: T[] = [{ def: { tag: 'variant', variants: [
      { name: 'None', fields: [], index: 0, docs: [] },
      { name: 'Some', fields: [{ name: null, type: 1, typeName: null, docs: [] }], index: 1, docs: [] },
    ] }, path: ['Option'] }];
    for (let i = 1; i < 200; i++) types.push({ def: composite(['next', i + 1]) });
    types.push({ def: composite(['b', 201], ['next', 0]) }, u8);
    const reg = createRegistry(metadata(types));
    const e = endsTyped(DecodeError, () => decode(reg.codec(0), bytes(100_000, 1)));
    expect(e.reason).toMatch(/nests deeper than/);
  });

  it('real finney metadata: Utility.batch nested 300 deep decodes; 2,000 deep (a hostile block) is DecodeError, not a stack overflow', async (ctx) => {
    const hex = await readHexFixture('finney/metadata-v15-option.hex');
    if (!hex) return ctx.skip('finney metadata unavailable');
    const md = decodeMetadata(hex);
    const call = createRegistry(md).codec(md.outerEnums!.call);
    const nested = (depth: number) => {
      // built as bytes, not values: encoding a 2,000-deep value would itself recurse that deep
      const leaf = encode(call, { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([7]) } } });
      const head = encode(call, { type: 'Utility', value: { type: 'batch', value: { calls: [] } } });
      const wrap = Uint8Array.from([...head.subarray(0, head.length - 1), 0x04]); // calls: Vec of length 1
      const out = new Uint8Array(wrap.length * depth + leaf.length);
      for (let i = 0; i < depth; i++) out.set(wrap, i * wrap.length);
      out.set(leaf, wrap.length * depth);
      return out;
    };
    let v = decode(call, nested(300)) as any;
    for (let i = 0; i < 300; i++) v = v.value.value.calls[0];
    expect(v).toEqual({ type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([7]) } } });
    const e = endsTyped(DecodeError, () => decode(call, nested(2000)));
    expect(e.reason).toMatch(/RuntimeCall nests deeper than 2048 type levels/);
  });
});
