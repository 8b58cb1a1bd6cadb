// Property tests: random bytes into every codec kind (and every type of the real finney registry)
// either decode or throw DecodeError — never another exception, never a hang; and random values
// round-trip through encode → decode.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  u8, u16, u32, u64, u128, i32, i128, bool, str, bytes, compact, compactBig, vec, option, optionBool, result, tuple, struct,
  variant, bitSequence, fixedBytes, encode, decode, Cursor, DecodeError, createRegistry, decodeMetadata, decodeStorageKey,
  ss58Decode, ss58Encode, InvalidAddressError, MetadataError, type Codec, type Registry,
} from '../../src/scale/index.js';
import { readHexFixture } from '../../scripts/fixtures.js';

const SEED = 20261126;
const kinds: [string, Codec<any>][] = [
  ['u8', u8], ['u16', u16], ['u32', u32], ['u64', u64], ['u128', u128], ['i32', i32], ['i128', i128], ['bool', bool],
  ['str', str], ['bytes', bytes], ['compact', compact], ['vec<u32>', vec(u32, 4)], ['vec<vec<u8>>', vec(bytes, 1)],
  ['option<u64>', option(u64)], ['option<bool>', optionBool], ['result<u8,str>', result(u8, str)],
  ['tuple', tuple(u8, compact, str)], ['struct', struct([['a', u16], ['b', option(str)]])],
  ['enum', variant([{ name: 'A', index: 0, codec: null }, { name: 'B', index: 5, codec: vec(u8) }])],
  ['bitseq<u8,Lsb0>', bitSequence(1, false)], ['bitseq<u32,Msb0>', bitSequence(4, true)], ['[u8;32]', fixedBytes(32)],
];

function decodesOrDecodeError(c: Codec<unknown>, b: Uint8Array): void {
  try {
    c.dec(new Cursor(b));
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
}

describe('fuzz: random bytes', () => {
  for (const [name, c] of kinds) {
    it(`${name}: decodes or throws DecodeError`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => decodesOrDecodeError(c, b)), { seed: SEED, numRuns: 500 });
    });
  }

  let reg: Registry | null = null;
  beforeAll(async () => {
    const md = await readHexFixture('finney/metadata-v15-option.hex');
    if (md) reg = createRegistry(decodeMetadata(md));
  });

  it('every type id of the finney registry: decodes or throws DecodeError', (ctx) => {
    if (!reg) return ctx.skip('finney metadata unavailable');
    const rnd = fc.sample(fc.uint8Array({ maxLength: 96 }), { seed: SEED, numRuns: 20 });
    let n = 0;
    for (let id = 0; id < reg.metadata.types.length; id++) {
      const c = reg.codec(id);
      for (const b of rnd) decodesOrDecodeError(c, b);
      n++;
    }
    expect(n).toBe(reg.metadata.types.length);
  });

  it('storage keys, SS58 strings and metadata blobs: only typed errors', (ctx) => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          ss58Decode(s);
        } catch (e) {
          if (!(e instanceof InvalidAddressError)) throw e;
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        const blob = new Uint8Array([0x6d, 0x65, 0x74, 0x61, 14 + (b[0] ?? 0) % 3, ...b]);
        try {
          decodeMetadata(blob);
        } catch (e) {
          if (!(e instanceof DecodeError) && !(e instanceof MetadataError)) throw e;
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
    if (!reg) return ctx.skip();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 90 }), (b) => {
        try {
          decodeStorageKey(reg!, 'SubtensorModule', 'Uids', b);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('fuzz: round-trips', () => {
  it('integers, compact, strings, options, structs, bit sequences', () => {
    const rt = <T>(c: Codec<T>, v: T): void => {
      expect(decode(c, encode(c, v))).toEqual(v);
    };
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (v) => rt(u128, v)), { seed: SEED });
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n }), (v) => rt(i128, v)), { seed: SEED });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (v) => rt(compactBig, v)), { seed: SEED });
    fc.assert(fc.property(fc.string(), (v) => rt(str, v)), { seed: SEED });
    fc.assert(fc.property(fc.option(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), (v) => rt(option(u64), v)), { seed: SEED });
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 100 }), (v) => rt(bitSequence(2, true), v)), { seed: SEED });
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 0, max: 16383 }), (pk, prefix) => {
      expect(ss58Decode(ss58Encode(pk, prefix))).toEqual({ publicKey: pk, prefix });
    }), { seed: SEED, numRuns: 300 });
  });
});
