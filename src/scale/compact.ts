// SCALE compact integers: the two low bits of the first byte pick 1-, 2-, 4-byte or big-integer mode.
// Decoders that feed a length are `number` (a length beyond 2^53 cannot fit in memory anyway);
// value decoders return number or bigint by the inner type's width.
import { codec, type Codec, type Cursor, type Writer } from './codec.js';
import { DecodeError, EncodeError } from './errors.js';

/** Read a compact as a JS number; throws if it does not fit in 2^53 - 1. */
export function compactLength(c: Cursor, what = 'compact'): number {
  const at = c.need(1, what);
  const b0 = c.bytes[at];
  switch (b0 & 3) {
    case 0:
      c.offset = at + 1;
      return b0 >>> 2;
    case 1:
      c.need(2, what);
      c.offset = at + 2;
      return c.view.getUint16(at, true) >>> 2;
    case 2:
      c.need(4, what);
      c.offset = at + 4;
      return c.view.getUint32(at, true) >>> 2;
    default: {
      const v = readBigCompact(c, what);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new DecodeError(`${what} ${v} is too large`, at);
      return Number(v);
    }
  }
}

function readBigCompact(c: Cursor, what: string): bigint {
  const at = c.offset;
  const n = (c.bytes[at] >>> 2) + 4;
  c.need(1 + n, what);
  let v = 0n;
  for (let i = n; i >= 1; i--) v = (v << 8n) | BigInt(c.bytes[at + i]);
  c.offset = at + 1 + n;
  return v;
}

/** Decode a compact as bigint (any mode). */
export function compactBigint(c: Cursor, what = 'compact'): bigint {
  const at = c.need(1, what);
  if ((c.bytes[at] & 3) === 3) return readBigCompact(c, what);
  return BigInt(compactLength(c, what));
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

export function encodeCompact(w: Writer, v: unknown): void {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) throw new EncodeError(`compact expects a non-negative integer, got ${v}`);
    encodeCompactNumber(w, v);
  } else if (typeof v === 'bigint') {
    if (v < 0n) throw new EncodeError(`compact expects a non-negative integer, got ${v}n`);
    encodeCompactBig(w, v);
  } else if (typeof v === 'string' && /^\d+$/.test(v)) {
    encodeCompactBig(w, BigInt(v));
  } else {
    throw new EncodeError(`compact expects a non-negative integer, got ${typeof v}`);
  }
}

/** Compact of a ≤ 32-bit integer: decodes to number. */
export const compactNumber: Codec<number> = codec(encodeCompact, (c) => compactLength(c));

/** Compact of a ≥ 64-bit integer: decodes to bigint. */
export const compactBig: Codec<bigint> = codec(encodeCompact, (c) => compactBigint(c));

/** Generic compact: number when it fits 2^53 - 1, else bigint. */
export const compact: Codec<number | bigint> = codec(encodeCompact, (c) => {
  const at = c.need(1, 'compact');
  if ((c.bytes[at] & 3) !== 3) return compactLength(c);
  const v = readBigCompact(c, 'compact');
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
});
