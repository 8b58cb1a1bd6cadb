// xxHash64 and Substrate's "twox" hashers, written by hand so that every storage key
// can be hashed without BigInt: the 64-bit state is held as two uint32 halves (hi, lo).
// Multiplication splits the low halves into 16-bit limbs so that no intermediate product
// exceeds 2^53 (the exact-integer range of a JS number).
import { EncodeError } from './errors.js';

// The five xxh64 primes as [hi, lo] uint32 halves.
const P1H = 0x9e3779b1, P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f;
const P3H = 0x165667b1, P3L = 0x9e3779f9;
const P4H = 0x85ebca77, P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f, P5L = 0x165667c5;
// 2^64 - P1, so that `seed - P1` becomes an addition.
const NEG_P1H = 0x61c8864e, NEG_P1L = 0x7a143579;

// Result registers: the 64-bit helpers below write here instead of allocating a pair per call.
let rh = 0;
let rl = 0;

/** (ah,al) * (bh,bl) mod 2^64 -> (rh, rl). */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16;
  const b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  // Every term is < 2^32, so these sums stay exact.
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const hi = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  rl = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  // The cross terms only matter mod 2^32, which is exactly what Math.imul gives.
  rh = (hi + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** (ah,al) + (bh,bl) mod 2^64 -> (rh, rl). */
function add(ah: number, al: number, bh: number, bl: number): void {
  const l = al + bl;
  rl = l >>> 0;
  rh = (ah + bh + (l > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotate left by 0 < r < 32 (the only amounts xxh64 uses) -> (rh, rl). */
function rotl(h: number, l: number, r: number): void {
  rh = ((h << r) | (l >>> (32 - r))) >>> 0;
  rl = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** xxh64 round: acc = rotl(acc + input * P2, 31) * P1 -> (rh, rl). */
function round(acch: number, accl: number, inh: number, inl: number): void {
  mul(inh, inl, P2H, P2L);
  add(acch, accl, rh, rl);
  rotl(rh, rl, 31);
  mul(rh, rl, P1H, P1L);
}

function readU32(d: Uint8Array, i: number): number {
  return (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) >>> 0;
}

/** Core: hash `data` with the seed given as halves, writing the 64-bit digest to (rh, rl). */
function xxh64Core(data: Uint8Array, seedH: number, seedL: number): void {
  const len = data.length;
  let p = 0;
  let hh: number, hl: number;

  if (len >= 32) {
    add(seedH, seedL, P1H, P1L);
    add(rh, rl, P2H, P2L);
    let v1h = rh, v1l = rl;
    add(seedH, seedL, P2H, P2L);
    let v2h = rh, v2l = rl;
    let v3h = seedH, v3l = seedL;
    add(seedH, seedL, NEG_P1H, NEG_P1L);
    let v4h = rh, v4l = rl;

    const limit = len - 32;
    while (p <= limit) {
      round(v1h, v1l, readU32(data, p + 4), readU32(data, p));
      v1h = rh; v1l = rl;
      round(v2h, v2l, readU32(data, p + 12), readU32(data, p + 8));
      v2h = rh; v2l = rl;
      round(v3h, v3l, readU32(data, p + 20), readU32(data, p + 16));
      v3h = rh; v3l = rl;
      round(v4h, v4l, readU32(data, p + 28), readU32(data, p + 24));
      v4h = rh; v4l = rl;
      p += 32;
    }

    rotl(v1h, v1l, 1);
    hh = rh; hl = rl;
    rotl(v2h, v2l, 7);
    add(hh, hl, rh, rl);
    hh = rh; hl = rl;
    rotl(v3h, v3l, 12);
    add(hh, hl, rh, rl);
    hh = rh; hl = rl;
    rotl(v4h, v4l, 18);
    add(hh, hl, rh, rl);
    hh = rh; hl = rl;

    // Merge rounds: h = (h ^ round(0, v)) * P1 + P4 for each lane.
    const lanes = [v1h, v1l, v2h, v2l, v3h, v3l, v4h, v4l];
    for (let i = 0; i < 8; i += 2) {
      round(0, 0, lanes[i], lanes[i + 1]);
      mul((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, P1H, P1L);
      add(rh, rl, P4H, P4L);
      hh = rh; hl = rl;
    }
  } else {
    add(seedH, seedL, P5H, P5L);
    hh = rh; hl = rl;
  }

  // h += total length (a JS array length always fits the low half plus a small high part).
  add(hh, hl, Math.floor(len / 0x100000000), len >>> 0);
  hh = rh; hl = rl;

  while (p + 8 <= len) {
    round(0, 0, readU32(data, p + 4), readU32(data, p));
    rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 27);
    mul(rh, rl, P1H, P1L);
    add(rh, rl, P4H, P4L);
    hh = rh; hl = rl;
    p += 8;
  }
  if (p + 4 <= len) {
    mul(0, readU32(data, p), P1H, P1L);
    rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 23);
    mul(rh, rl, P2H, P2L);
    add(rh, rl, P3H, P3L);
    hh = rh; hl = rl;
    p += 4;
  }
  while (p < len) {
    mul(0, data[p], P5H, P5L);
    rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 11);
    mul(rh, rl, P1H, P1L);
    hh = rh; hl = rl;
    p++;
  }

  // Avalanche.
  hl = (hl ^ (hh >>> 1)) >>> 0; // h ^= h >> 33
  mul(hh, hl, P2H, P2L);
  hh = rh; hl = rl;
  hl = (hl ^ ((hl >>> 29) | (hh << 3))) >>> 0; // h ^= h >> 29
  hh = (hh ^ (hh >>> 29)) >>> 0;
  mul(hh, hl, P3H, P3L);
  hh = rh; hl = rl;
  rl = (hl ^ hh) >>> 0; // h ^= h >> 32
  rh = hh;
}

const U64_MAX = (1n << 64n) - 1n;

function checkData(data: Uint8Array, fn: string): void {
  if (!(data instanceof Uint8Array)) throw new EncodeError(`${fn}: data must be a Uint8Array`);
}

/** xxHash64 of `data` with a 64-bit `seed` (bigint or non-negative safe integer). */
export function xxhash64(data: Uint8Array, seed: bigint | number = 0): bigint {
  checkData(data, 'xxhash64');
  let sh: number, sl: number;
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed > U64_MAX) throw new EncodeError(`xxhash64: seed ${seed} is not a u64`);
    sh = Number(seed >> 32n);
    sl = Number(seed & 0xffffffffn);
  } else {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new EncodeError(`xxhash64: seed ${seed} is not a non-negative safe integer`);
    sh = Math.floor(seed / 0x100000000);
    sl = seed >>> 0;
  }
  xxh64Core(data, sh, sl);
  return (BigInt(rh) << 32n) | BigInt(rl);
}

/**
 * Substrate's twox_64/128/256: xxh64 with seeds 0, 1, 2, 3 (as many as `bits / 64`),
 * each digest written little-endian and concatenated.
 */
export function twox(data: Uint8Array, bits: 64 | 128 | 256): Uint8Array {
  checkData(data, 'twox');
  if (bits !== 64 && bits !== 128 && bits !== 256) throw new EncodeError(`twox: bits must be 64, 128 or 256, got ${bits}`);
  const n = bits / 64;
  const out = new Uint8Array(n * 8);
  for (let s = 0; s < n; s++) {
    xxh64Core(data, 0, s);
    const o = s * 8;
    out[o] = rl; out[o + 1] = rl >>> 8; out[o + 2] = rl >>> 16; out[o + 3] = rl >>> 24;
    out[o + 4] = rh; out[o + 5] = rh >>> 8; out[o + 6] = rh >>> 16; out[o + 7] = rh >>> 24;
  }
  return out;
}
