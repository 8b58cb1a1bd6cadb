// SCALE compact integers: the two low bits of the first byte pick 1-, 2-, 4-byte or big-integer mode.
// Decoders follow parity-scale-codec (`Compact<T>::decode`): the value must fit T, and it must use
// the shortest mode (a value below 2^6 in 2-byte mode, or a big-integer mode whose top byte is zero,
// is rejected), so every value has exactly one encoding and a node cannot smuggle in 2^536 − 1 as a
// `Compact<u8>`. Lengths are `Compact<u32>` on the wire, so `compactLength` is too.
import { codec, type Codec, type Cursor, type Writer } from './codec.js';
import { DecodeError, EncodeError } from './errors.js';

const U32_MAX = 0xffffffff;

function outOfRange(what: string, v: number | bigint, max: number | bigint, at: number): DecodeError {
  return new DecodeError(`${what} value ${v} is out of range (max ${max})`, at);
}

function nonCanonical(what: string, v: number | bigint, bytes: number, at: number): DecodeError {
  return new DecodeError(`${what} is not canonical: ${v} encoded in ${bytes} byte(s), a shorter mode exists`, at);
}

/**
 * Read a compact whose value must be ≤ `max` (at most 2^53 − 1) as a JS number. The big-integer
 * mode is accepted with at most `maxBytes` value bytes.
 */
function readNumber(c: Cursor, what: string, max: number, maxBytes: number): number {
  const at = c.need(1, what);
  const b0 = c.bytes[at];
  let v: number;
  switch (b0 & 3) {
    case 0:
      c.offset = at + 1;
      v = b0 >>> 2;
      break;
    case 1:
      c.need(2, what);
      v = c.view.getUint16(at, true) >>> 2;
      if (v < 0x40) throw nonCanonical(what, v, 2, at);
      c.offset = at + 2;
      break;
    case 2:
      c.need(4, what);
      v = c.view.getUint32(at, true) >>> 2;
      if (v < 0x4000) throw nonCanonical(what, v, 4, at);
      c.offset = at + 4;
      break;
    default:
      v = Number(readBig(c, what, maxBytes));
  }
  if (v > max) throw outOfRange(what, v, max, at);
  return v;
}

/** Big-integer mode: `(b0 >> 2) + 4` little-endian value bytes follow; the top one must be non-zero. */
function readBig(c: Cursor, what: string, maxBytes: number): bigint {
  const at = c.offset;
  const n = (c.bytes[at] >>> 2) + 4;
  if (n > maxBytes) throw new DecodeError(`${what} big-integer mode with ${n} value bytes exceeds the type's ${maxBytes}`, at);
  c.need(1 + n, what);
  let v = 0n;
  for (let i = n; i >= 1; i--) v = (v << 8n) | BigInt(c.bytes[at + i]);
  if (c.bytes[at + n] === 0 || (n === 4 && v < 0x40000000n)) throw nonCanonical(what, v, 1 + n, at);
  c.offset = at + 1 + n;
  return v;
}

function readBigint(c: Cursor, what: string, maxBytes: number): bigint {
  const at = c.need(1, what);
  if ((c.bytes[at] & 3) === 3) return readBig(c, what, maxBytes);
  return BigInt(readNumber(c, what, U32_MAX, 4));
}

/** Read a length prefix (`Compact<u32>`) as a JS number. */
export function compactLength(c: Cursor, what = 'compact'): number {
  // Most lengths and type ids fit the 1-byte mode: a small inlinable path keeps metadata parsing
  // as fast as before the canonical checks (measured +5% without it).
  const at = c.offset;
  if (at < c.bytes.length) {
    const b0 = c.bytes[at];
    if ((b0 & 3) === 0) {
      c.offset = at + 1;
      return b0 >>> 2;
    }
  }
  return readNumber(c, what, U32_MAX, 4);
}

/** Decode a compact of every width (up to 2^536 − 1) as bigint. */
export function compactBigint(c: Cursor, what = 'compact'): bigint {
  return readBigint(c, what, 67);
}

export function encodeCompactNumber(w: Writer, n: number): void {
  if (n < 0x40) w.byte(n << 2);
  else if (n < 0x4000) w.at(2).setUint16(w.last, (n << 2) | 1, true);
  else if (n < 0x40000000) w.at(4).setUint32(w.last, (n * 4 + 2) >>> 0, true);
  else encodeCompactBig(w, BigInt(n));
}

function encodeCompactBig(w: Writer, v: bigint): void {
  if (v < 0x40000000n) return encodeCompactNumber(w, Number(v));
  const out: number[] = [];
  while (v > 0n) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  if (out.length > 67) throw new EncodeError(`compact value needs ${out.length} bytes (max 67)`);
  w.byte(((out.length - 4) << 2) | 3);
  for (const b of out) w.byte(b);
}

function toCompactValue(v: unknown): number | bigint {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) throw new EncodeError(`compact expects a non-negative integer, got ${v}`);
    return v;
  }
  if (typeof v === 'bigint') {
    if (v < 0n) throw new EncodeError(`compact expects a non-negative integer, got ${v}n`);
    return v;
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  throw new EncodeError(`compact expects a non-negative integer, got ${typeof v}`);
}

export function encodeCompact(w: Writer, v: unknown): void {
  const x = toCompactValue(v);
  if (typeof x === 'number') encodeCompactNumber(w, x);
  else encodeCompactBig(w, x);
}

/** An encoder that also checks the value fits `Compact<uN>`. */
function boundedEncoder(name: string, max: bigint): (w: Writer, v: unknown) => void {
  return (w, v) => {
    const x = toCompactValue(v);
    if (x > max) throw new EncodeError(`${name} value ${x} is out of range (max ${max})`);
    if (typeof x === 'number') encodeCompactNumber(w, x);
    else encodeCompactBig(w, x);
  };
}

function compactSmall(bits: 8 | 16 | 32): Codec<number> {
  const name = `Compact<u${bits}>`;
  const max = 2 ** bits - 1;
  return codec(boundedEncoder(name, BigInt(max)), (c) => readNumber(c, name, max, 4));
}

function compactWide(bits: 64 | 128 | 256): Codec<bigint> {
  const name = `Compact<u${bits}>`;
  return codec(boundedEncoder(name, (1n << BigInt(bits)) - 1n), (c) => readBigint(c, name, bits / 8));
}

export const compactU8: Codec<number> = compactSmall(8);
export const compactU16: Codec<number> = compactSmall(16);
export const compactU32: Codec<number> = compactSmall(32);
export const compactU64: Codec<bigint> = compactWide(64);
export const compactU128: Codec<bigint> = compactWide(128);
export const compactU256: Codec<bigint> = compactWide(256);

/** `Compact<u32>` (also right for u8/u16 values where the exact width does not matter): decodes to number. */
export const compactNumber: Codec<number> = compactU32;

/** Compact of every width up to 2^536 − 1: decodes to bigint. Prefer compactU64/compactU128 when the width is known. */
export const compactBig: Codec<bigint> = codec(encodeCompact, (c) => compactBigint(c));

/** Generic compact: number when it fits 2^53 - 1, else bigint. */
export const compact: Codec<number | bigint> = codec(encodeCompact, (c) => {
  const at = c.need(1, 'compact');
  if ((c.bytes[at] & 3) !== 3) return readNumber(c, 'compact', U32_MAX, 4);
  const v = readBig(c, 'compact', 67);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
});
