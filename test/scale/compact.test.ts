// Compact<T> range and canonical-form checks. The byte vectors are the boundary cases of the SCALE
// spec as parity-scale-codec tests them (`compact.rs`: compact_*_encoding_works and
// should_avoid_overlapping_definition); canonical values are cross-checked against polkadot.js.
import { compactFromU8a } from '@polkadot/util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compact, compactBig, compactLength, compactNumber, compactU8, compactU16, compactU32, compactU64, compactU128, compactU256,
  bytes, vec, u8, decode, encode, fromHex, Cursor, DecodeError, EncodeError, type Codec,
} from '../../src/scale/index.js';

function rejects(c: Codec<unknown>, hex: string, reason: RegExp): void {
  let err: unknown;
  try {
    decode(c, hex);
  } catch (e) {
    err = e;
  }
  expect(err, hex).toBeInstanceOf(DecodeError);
  expect((err as DecodeError).reason, hex).toMatch(reason);
  expect((err as DecodeError).offset, hex).toBe(0);
}

const ff = (n: number) => 'ff'.repeat(n);

describe('Compact<T>: the value must fit T', () => {
  it('accepts each maximum and rejects max + 1', () => {
    expect(decode(compactU8, '0xfd03')).toBe(255);
    rejects(compactU8, '0x0104', /Compact<u8> value 256 is out of range \(max 255\)/);
    expect(decode(compactU16, '0xfeff0300')).toBe(65535);
    rejects(compactU16, '0x02000400', /Compact<u16> value 65536 is out of range/);
    expect(decode(compactU32, '0x03ffffffff')).toBe(2 ** 32 - 1);
    rejects(compactU32, '0x070000000001', /exceeds the type's 4/);
    expect(decode(compactU64, '0x13' + ff(8))).toBe(2n ** 64n - 1n);
    rejects(compactU64, '0x17' + '00'.repeat(8) + '01', /9 value bytes exceeds the type's 8/);
    expect(decode(compactU128, '0x33' + ff(16))).toBe(2n ** 128n - 1n);
    rejects(compactU128, '0x37' + '00'.repeat(16) + '01', /17 value bytes exceeds the type's 16/);
    expect(decode(compactU256, '0x73' + ff(32))).toBe(2n ** 256n - 1n);
  });

  it('the cases of issue 10: Compact<u8> of 2^32, Compact<u128> of 2^536 − 1, compactNumber of 2^32', () => {
    rejects(compactU8, '0x070000000001', /Compact<u8>/);
    rejects(compactU128, '0xff' + ff(67), /Compact<u128> big-integer mode with 67 value bytes/);
    rejects(compactNumber, '0x070000000001', /Compact<u32>/);
    // the unbounded codecs still take the whole SCALE range
    expect(decode(compactBig, '0xff' + ff(67))).toBe(2n ** 536n - 1n);
  });

  it('encoders refuse values their type cannot hold', () => {
    expect(() => encode(compactU8, 256)).toThrow(EncodeError);
    expect(() => encode(compactU16, 65536)).toThrow(/Compact<u16> value 65536 is out of range/);
    expect(() => encode(compactU64, 2n ** 64n)).toThrow(EncodeError);
    expect(encode(compactU8, 255)).toEqual(fromHex('0xfd03'));
  });
});

describe('Compact<T>: only the shortest (canonical) mode is accepted', () => {
  const nonCanonical: [string, string][] = [
    ['0x0100', '0 in 2-byte mode'],
    ['0xfd00', '63 in 2-byte mode'],
    ['0x02000000', '0 in 4-byte mode'],
    ['0xfeff0000', '16383 in 4-byte mode'],
    ['0x03ffffff3f', '2^30 - 1 in big-integer mode'],
    ['0x07ffffffff00', '2^32 - 1 with a zero top byte'],
    ['0x13' + ff(7) + '00', '2^56 - 1 in 8 value bytes'],
  ];
  for (const [hex, what] of nonCanonical) {
    it(`rejects ${what} (${hex})`, () => {
      for (const c of [compactU64, compactU128, compactBig, compact] as Codec<unknown>[]) rejects(c, hex, /not canonical/);
      if (hex.length <= 12) rejects(compactU32, hex, /not canonical|exceeds/);
    });
  }

  it('length prefixes are Compact<u32> and canonical too', () => {
    rejects(bytes, '0x0100', /Vec<u8> length is not canonical/);
    rejects(vec(u8), '0x0100', /Vec length is not canonical/);
    expect(() => compactLength(new Cursor(fromHex('0x070000000001')))).toThrow(DecodeError);
  });

  it('canonical encodings decode to the value polkadot.js reads', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (v) => {
        const b = encode(compactU128, v);
        const [len, bn] = compactFromU8a(b);
        expect(len).toBe(b.length);
        expect(decode(compactU128, b)).toBe(BigInt(bn.toString()));
        if (v < 2n ** 32n) expect(decode(compactU32, b)).toBe(Number(v));
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });
});
