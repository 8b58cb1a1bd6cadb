import { describe, expect, it } from 'vitest';
import {
  u8, u16, u32, u64, u128, u256, i8, i16, i32, i64, i128, bool, str, bytes, char,
  compact, compactBig, compactNumber, vec, option, optionBool, result, tuple, struct, variant, bitSequence,
  fixedBytes, encode, decode, toHex, fromHex, DecodeError, EncodeError, InvalidHexError, type Codec,
} from '../../src/scale/index.js';

const hex = <T>(c: Codec<T>, v: T) => toHex(encode(c, v));

describe('primitives', () => {
  it('encode little-endian and decode back, number ≤ 32 bits, bigint above', () => {
    expect(hex(u16, 0x1234)).toBe('0x3412');
    expect(hex(u32, 0xdeadbeef)).toBe('0xefbeadde');
    expect(hex(i8, -1)).toBe('0xff');
    expect(hex(i16, -2)).toBe('0xfeff');
    expect(hex(i32, -2147483648)).toBe('0x00000080');
    expect(hex(u64, 2n ** 64n - 1n)).toBe('0xffffffffffffffff');
    expect(decode(u64, '0x0100000001000000')).toBe(2n ** 32n + 1n);
    expect(decode(i64, '0xfeffffffffffffff')).toBe(-2n);
    expect(decode(u128, '0x' + 'ff'.repeat(16))).toBe(2n ** 128n - 1n);
    expect(decode(u128, '0x00e40b54020000000000000000000000')).toBe(10_000_000_000n);
    expect(decode(u128, '0x00000000000020000000000000000000')).toBeTypeOf('bigint');
    expect(decode(i128, hex(i128, -(2n ** 127n)))).toBe(-(2n ** 127n));
    expect(decode(u256, hex(u256, 2n ** 255n + 7n))).toBe(2n ** 255n + 7n);
    expect(decode(str, hex(str, 'τ bittensor'))).toBe('τ bittensor');
    expect(decode(char, hex(char, '🦀'))).toBe('🦀');
    expect(decode(bool, '0x01')).toBe(true);
  });

  it('compact: all four modes at their boundaries', () => {
    const cases: [number | bigint, string][] = [
      [0, '0x00'], [1, '0x04'], [63, '0xfc'], [64, '0x0101'], [16383, '0xfdff'], [16384, '0x02000100'],
      [2 ** 30 - 1, '0xfeffffff'], [2 ** 30, '0x0300000040'], [2n ** 64n - 1n, '0x13ffffffffffffffff'],
      [2n ** 128n - 1n, '0x33' + 'ff'.repeat(16)],
    ];
    for (const [v, h] of cases) {
      expect(hex(compact, v), String(v)).toBe(h);
      expect(BigInt(decode(compact, h))).toBe(BigInt(v));
      expect(decode(compactBig, h)).toBe(BigInt(v));
    }
    expect(decode(compactNumber, '0xfeffffff')).toBe(2 ** 30 - 1);
    expect(() => encode(compact, -1)).toThrow(EncodeError);
  });

  it('Option<bool>, Result, tuple, struct, enum, BitSequence', () => {
    expect([null, true, false].map((v) => hex(optionBool, v))).toEqual(['0x00', '0x01', '0x02']);
    expect(decode(option(u32), '0x0105000000')).toBe(5);
    expect(decode(option(u32), '0x00')).toBeNull();
    const r = result(u8, str);
    expect(decode(r, '0x0007')).toEqual({ ok: 7 });
    expect(decode(r, hex(r, { err: 'no' }))).toEqual({ err: 'no' });
    expect(decode(tuple(u8, u16), '0x010200')).toEqual([1, 2]);
    const s = struct([['nonce', u32], ['free', u128]]);
    expect(decode(s, hex(s, { nonce: 3, free: 5n }))).toEqual({ nonce: 3, free: 5n });
    const e = variant([{ name: 'A', index: 0, codec: null }, { name: 'B', index: 3, codec: u8 }]);
    expect(decode(e, '0x0309')).toEqual({ type: 'B', value: 9 });
    expect(decode(e, '0x00')).toEqual({ type: 'A' });
    const plain = variant([{ name: 'X', index: 0, codec: null }, { name: 'Y', index: 1, codec: null }]);
    expect(decode(plain, '0x01')).toBe('Y');
    expect(hex(plain, 'Y')).toBe('0x01');
    // BitVec<u8, Lsb0> [1,0,1] = len 3 (0x0c) then 0b101; Msb0 puts bit 0 in the top bit
    expect(hex(bitSequence(1, false), [true, false, true])).toBe('0x0c05');
    expect(hex(bitSequence(1, true), [true, false, true])).toBe('0x0ca0');
    expect(decode(bitSequence(2, false), hex(bitSequence(2, false), [false, true, ...Array(14).fill(false), true]))).toEqual([false, true, ...Array(14).fill(false), true]);
    expect(hex(bitSequence(4, false), [true])).toBe('0x0401000000');
  });

  it('structs decode alike on the generated fast path and the loop path (non-identifier names)', () => {
    const fast = struct([['a', u8], ['b', u16], ['c', option(str)]]);
    const slow = struct([['a-x', u8], ['b', u16], ['c', option(str)]]);
    expect(decode(fast, '0x07020001' + '0c616263')).toEqual({ a: 7, b: 2, c: 'abc' });
    expect(decode(slow, '0x07020001' + '0c616263')).toEqual({ 'a-x': 7, b: 2, c: 'abc' });
    // a field literally named like an injection attempt is not code-generated and still decodes
    const odd = struct([['x"]; throw 1; //', u8]]);
    expect(decode(odd, '0x05')).toEqual({ 'x"]; throw 1; //': 5 });
    for (const s of [fast, slow]) {
      const err = (() => {
        try {
          decode(s, '0x070200020c');
        } catch (e) {
          return e as DecodeError;
        }
      })()!;
      expect(err).toBeInstanceOf(DecodeError);
      expect(err.typePath).toBe('c');
    }
  });

  it('bytes and fixed arrays decode as views without copying', () => {
    const input = fromHex('0x0c010203');
    const out = decode(bytes, input);
    expect(out).toEqual(new Uint8Array([1, 2, 3]));
    expect(out.buffer).toBe(input.buffer);
    expect(decode(fixedBytes(2), '0xabcd')).toEqual(new Uint8Array([0xab, 0xcd]));
  });
});

describe('bad input gets typed errors with offset and type path', () => {
  it('truncated bytes', () => {
    const s = struct([['a', u8], ['b', u64]]);
    try {
      decode(s, '0x01020304');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).offset).toBe(1);
      expect((e as DecodeError).typePath).toBe('b');
      expect((e as Error).message).toMatch(/u64 needs 8 byte\(s\) but only 3 remain at offset 1 \(type path b\)/);
    }
  });

  it('a compact length beyond the buffer fails before allocating (2^30-element Vec in 5 bytes)', () => {
    const before = process.memoryUsage().heapUsed;
    expect(() => decode(vec(u64, 8), '0x0300000040')).toThrow(/Vec length 1073741824 cannot fit in the 0 remaining/);
    expect(() => decode(bytes, '0xfeffffff')).toThrow(DecodeError);
    expect(() => decode(str, '0x0300000040')).toThrow(DecodeError);
    expect(() => decode(bitSequence(1, false), '0xfeffffff')).toThrow(DecodeError);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('unknown enum index, bad Option tag, bad bool, bad UTF-8, trailing bytes', () => {
    const e = variant([{ name: 'A', index: 0, codec: null }], 'pallet::Thing');
    expect(() => decode(e, '0x07')).toThrow(/unknown variant index 7 for pallet::Thing at offset 0/);
    expect(() => decode(option(u8), '0x02')).toThrow(/Option tag must be 0 or 1/);
    expect(() => decode(bool, '0x02')).toThrow(DecodeError);
    expect(() => decode(str, '0x04ff')).toThrow(/UTF-8/);
    expect(() => decode(u8, '0x0102')).toThrow(/1 trailing byte/);
    expect(() => decode(vec(struct([['x', e]])), '0x080007')).toThrow(/type path \[1\]\.x/);
  });

  it('bad hex and out-of-range values', () => {
    expect(() => fromHex('0xabc')).toThrow(InvalidHexError);
    expect(() => fromHex('0xzz')).toThrow(InvalidHexError);
    expect(() => encode(u8, 256)).toThrow(/u8 expects an integer in \[0, 255\], got 256/);
    expect(() => encode(u64, -1n)).toThrow(EncodeError);
    expect(() => encode(struct([['free', u128]]), { free: 'lots' })).toThrow(/type path free/);
  });
});
