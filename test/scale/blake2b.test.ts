import { describe, expect, it } from 'vitest';
import { blake2b as nobleBlake2b } from '@noble/hashes/blake2.js';
import { blake2b } from '../../src/scale/blake2b.js';
import { toHex } from '../../src/scale/hex.js';
import { randomBytes, rng } from '../helpers/random.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('blake2b', () => {
  it('matches the RFC 7693 appendix A vector (BLAKE2b-512 of "abc")', () => {
    expect(toHex(blake2b(utf8('abc'), 64))).toBe(
      '0xba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
        '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
  });

  it('hashes the empty input (one all-zero final block, counter 0)', () => {
    expect(toHex(blake2b(new Uint8Array(0), 64))).toBe(
      '0x786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419' +
        'd25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce',
    );
  });

  it('agrees with @noble/hashes around every block boundary and digest length', () => {
    const next = rng(0xb1a4e2);
    for (const len of [0, 1, 63, 64, 127, 128, 129, 255, 256, 257, 1000, 4096 + 3]) {
      const data = randomBytes(next, len);
      expect(data.length).toBe(len);
      for (const out of [1, 16, 20, 32, 48, 64]) {
        expect(toHex(blake2b(data, out)), `len ${len} out ${out}`).toBe(toHex(nobleBlake2b(data, { dkLen: out })));
      }
    }
  });

  it('reads a subarray at its own offset, not the whole buffer', () => {
    const whole = randomBytes(rng(7), 300);
    const part = whole.subarray(37, 37 + 200);
    expect(part.length).toBe(200);
    expect(toHex(blake2b(part, 32))).toBe(toHex(nobleBlake2b(part.slice(), { dkLen: 32 })));
  });
});
