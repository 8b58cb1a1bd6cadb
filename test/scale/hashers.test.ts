import { describe, expect, it } from 'vitest';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';
import { twox, xxhash64 } from '../../src/scale/xxhash.js';
import {
  STORAGE_HASHERS,
  blake2_128,
  blake2_256,
  hashKey,
  hasherPrefixLength,
  isConcatHasher,
  isReversible,
  storagePrefix,
  twox128,
  type StorageHasher,
} from '../../src/scale/hashers.js';
import { EncodeError } from '../../src/scale/errors.js';
import { toHex } from '../../src/scale/hex.js';
import { randomBytes, rng } from '../helpers/random.js';

const utf8 = (s: string) => new TextEncoder().encode(s);


// Straight BigInt transcription of the xxh64 spec, as an independent oracle for arbitrary seeds.
const M = (1n << 64n) - 1n;
const Q1 = 0x9e3779b185ebca87n, Q2 = 0xc2b2ae3d27d4eb4fn, Q3 = 0x165667b19e3779f9n;
const Q4 = 0x85ebca77c2b2ae63n, Q5 = 0x27d4eb2f165667c5n;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M;
const round = (acc: bigint, v: bigint) => (rotl((acc + v * Q2) & M, 31n) * Q1) & M;
function refXxh64(d: Uint8Array, seed: bigint): bigint {
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const len = d.length;
  let p = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + Q1 + Q2) & M, v2 = (seed + Q2) & M, v3 = seed, v4 = (seed - Q1) & M;
    for (; p + 32 <= len; p += 32) {
      v1 = round(v1, dv.getBigUint64(p, true));
      v2 = round(v2, dv.getBigUint64(p + 8, true));
      v3 = round(v3, dv.getBigUint64(p + 16, true));
      v4 = round(v4, dv.getBigUint64(p + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    for (const v of [v1, v2, v3, v4]) h = (((h ^ round(0n, v)) * Q1) + Q4) & M;
  } else h = (seed + Q5) & M;
  h = (h + BigInt(len)) & M;
  for (; p + 8 <= len; p += 8) h = ((rotl(h ^ round(0n, dv.getBigUint64(p, true)), 27n) * Q1) + Q4) & M;
  if (p + 4 <= len) {
    h = ((rotl(h ^ ((BigInt(dv.getUint32(p, true)) * Q1) & M), 23n) * Q2) + Q3) & M;
    p += 4;
  }
  for (; p < len; p++) h = (rotl(h ^ ((BigInt(d[p]) * Q5) & M), 11n) * Q1) & M;
  h ^= h >> 33n;
  h = (h * Q2) & M;
  h ^= h >> 29n;
  h = (h * Q3) & M;
  h ^= h >> 32n;
  return h;
}

describe('xxhash64', () => {
  it('matches published vectors', () => {
    expect(xxhash64(utf8(''))).toBe(0xef46db3751d8e999n);
    expect(xxhash64(utf8('a'))).toBe(0xd24ec4f1a98c6e5bn);
    expect(xxhash64(utf8('abc'))).toBe(0x44bc2cf5ad770999n);
    expect(xxhash64(utf8('Nobody inspects the spammish repetition'))).toBe(0xfbcea83c8a378bf1n);
  });

  it('accepts number and bigint seeds alike', () => {
    const d = utf8('seeded');
    expect(xxhash64(d, 1)).toBe(xxhash64(d, 1n));
    expect(xxhash64(d, 2 ** 40 + 7)).toBe(xxhash64(d, 2n ** 40n + 7n));
    expect(xxhash64(d, 0)).toBe(xxhash64(d));
  });

  it('rejects bad seeds and data', () => {
    expect(() => xxhash64(utf8('x'), -1)).toThrow(EncodeError);
    expect(() => xxhash64(utf8('x'), 1.5)).toThrow(EncodeError);
    expect(() => xxhash64(utf8('x'), 1n << 64n)).toThrow(EncodeError);
    expect(() => xxhash64('x' as unknown as Uint8Array)).toThrow(EncodeError);
    expect(() => twox(utf8('x'), 32 as 64)).toThrow(EncodeError);
  });

  it('matches a BigInt reference on random inputs and random 64-bit seeds', () => {
    const next = rng(1);
    for (let i = 0; i < 500; i++) {
      const data = randomBytes(next, Math.floor(next() * 101));
      const seed = (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
      expect(xxhash64(data, seed)).toBe(refXxh64(data, seed));
    }
  });

  it('hashes subarrays by their view, not the underlying buffer', () => {
    const big = randomBytes(rng(9), 80);
    const view = big.subarray(3, 70);
    expect(xxhash64(view)).toBe(xxhash64(view.slice()));
  });
});

describe('twox', () => {
  it('matches known Substrate prefixes', () => {
    expect(toHex(twox(utf8('System'), 128))).toBe('0x26aa394eea5630e07c48ae0c9558cef7');
    expect(toHex(twox(utf8('Account'), 128))).toBe('0xb99d880ec681799c0cf30e8886371da9');
    expect(toHex(twox(utf8('Sudo'), 128))).toBe('0x5c0d1176a568c1f92944340dbfed9e9c');
    expect(toHex(twox(utf8('Key'), 128))).toBe('0x530ebca703c85910e7164cb7d1c9e47b');
  });

  it('is xxhash64 with seeds 0..3 little-endian', () => {
    const d = utf8('abc');
    const out = twox(d, 256);
    const dv = new DataView(out.buffer);
    for (let s = 0; s < 4; s++) expect(dv.getBigUint64(s * 8, true)).toBe(xxhash64(d, s));
  });

  it('matches @polkadot/util-crypto xxhashAsU8a on 500 random inputs', () => {
    const next = rng(2);
    for (let i = 0; i < 500; i++) {
      const data = randomBytes(next, Math.floor(next() * 101));
      for (const bits of [64, 128, 256] as const) {
        expect(toHex(twox(data, bits))).toBe(toHex(xxhashAsU8a(data, bits)));
      }
    }
  });
});

describe('hashers', () => {
  it('storagePrefix(System, Account)', () => {
    expect(toHex(storagePrefix('System', 'Account'))).toBe(
      '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9',
    );
  });

  it('storagePrefix encodes names as UTF-8', () => {
    const p = storagePrefix('Pallet', 'Ĳtem');
    expect(toHex(p.subarray(16))).toBe(toHex(xxhashAsU8a(utf8('Ĳtem'), 128)));
  });

  it('blake2_128 / blake2_256 match polkadot', () => {
    const next = rng(3);
    for (let i = 0; i < 100; i++) {
      const d = randomBytes(next, Math.floor(next() * 200));
      expect(toHex(blake2_128(d))).toBe(toHex(blake2AsU8a(d, 128)));
      expect(toHex(blake2_256(d))).toBe(toHex(blake2AsU8a(d, 256)));
    }
  });

  it('every hasher matches polkadot on random keys', () => {
    const concat = (a: Uint8Array, b: Uint8Array) => toHex(a) + toHex(b).slice(2);
    const expected: Record<StorageHasher, (d: Uint8Array) => string> = {
      Blake2_128: (d) => toHex(blake2AsU8a(d, 128)),
      Blake2_256: (d) => toHex(blake2AsU8a(d, 256)),
      Blake2_128Concat: (d) => concat(blake2AsU8a(d, 128), d),
      Twox128: (d) => toHex(xxhashAsU8a(d, 128)),
      Twox256: (d) => toHex(xxhashAsU8a(d, 256)),
      Twox64Concat: (d) => concat(xxhashAsU8a(d, 64), d),
      Identity: (d) => toHex(d),
    };
    const next = rng(4);
    for (let i = 0; i < 200; i++) {
      const d = randomBytes(next, Math.floor(next() * 80));
      for (const h of STORAGE_HASHERS) expect(toHex(hashKey(h, d)), h).toBe(expected[h](d));
    }
  });

  it('concat hashers put the raw key after hasherPrefixLength bytes', () => {
    const key = utf8('some-key');
    for (const h of STORAGE_HASHERS) {
      const out = hashKey(h, key);
      if (isConcatHasher(h)) {
        expect(out.length).toBe(hasherPrefixLength(h) + key.length);
        expect(toHex(out.subarray(hasherPrefixLength(h)))).toBe(toHex(key));
      } else {
        expect(out.length).toBe(hasherPrefixLength(h));
      }
      expect(isReversible(h)).toBe(isConcatHasher(h));
    }
    expect(hasherPrefixLength('Blake2_128Concat')).toBe(16);
    expect(hasherPrefixLength('Twox64Concat')).toBe(8);
    expect(hasherPrefixLength('Identity')).toBe(0);
    expect(isConcatHasher('Twox128')).toBe(false);
    expect(isConcatHasher('Blake2_256')).toBe(false);
  });

  it('Identity returns a copy', () => {
    const key = utf8('k');
    const out = hashKey('Identity', key);
    out[0] = 0;
    expect(key[0]).toBe(0x6b);
  });

  it('twox128 helper equals twox(…, 128)', () => {
    expect(toHex(twox128(utf8('System')))).toBe('0x26aa394eea5630e07c48ae0c9558cef7');
  });

  it('rejects unknown hashers and non-bytes', () => {
    expect(() => hashKey('Sha256' as StorageHasher, utf8('x'))).toThrow(/unknown storage hasher "Sha256"/);
    expect(() => hasherPrefixLength('nope' as StorageHasher)).toThrow(EncodeError);
    expect(() => hashKey('Identity', '0x00' as unknown as Uint8Array)).toThrow(EncodeError);
    expect(() => storagePrefix('System', 1 as unknown as string)).toThrow(EncodeError);
  });
});
