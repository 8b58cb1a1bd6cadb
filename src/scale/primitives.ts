// Fixed-width integers, bool, str and raw bytes. Widths ≤ 32 bits are `number`; 64 bits and wider
// are `bigint` by static type, so callers never guess which they get.
import { codec, type Codec, type Cursor, type Writer } from './codec.js';
import { DecodeError, EncodeError } from './errors.js';
import { compactLength, encodeCompactNumber } from './compact.js';
import { fromHex } from './hex.js';

function intRange(v: unknown, min: number, max: number, name: string): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new EncodeError(`${name} expects an integer in [${min}, ${max}], got ${describe(v)}`);
  }
  return n;
}

/**
 * A short, safe rendering of a bad value for an error message: the one used by every layer (the
 * substrate layer's argument checks re-export it as `show`).
 */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? 'a function' : String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  return `an object (${v.constructor?.name ?? 'null prototype'})`;
}

export const u8: Codec<number> = codec(
  (w, v) => w.byte(intRange(v, 0, 0xff, 'u8')),
  (c) => {
    const at = c.need(1, 'u8');
    c.offset = at + 1;
    return c.bytes[at];
  },
);

export const i8: Codec<number> = codec(
  (w, v) => w.byte(intRange(v, -0x80, 0x7f, 'i8') & 0xff),
  (c) => {
    const at = c.need(1, 'i8');
    c.offset = at + 1;
    return c.view.getInt8(at);
  },
);

export const u16: Codec<number> = codec(
  (w, v) => w.at(2).setUint16(w.last, intRange(v, 0, 0xffff, 'u16'), true),
  (c) => {
    const at = c.need(2, 'u16');
    c.offset = at + 2;
    return c.view.getUint16(at, true);
  },
);

export const i16: Codec<number> = codec(
  (w, v) => w.at(2).setInt16(w.last, intRange(v, -0x8000, 0x7fff, 'i16'), true),
  (c) => {
    const at = c.need(2, 'i16');
    c.offset = at + 2;
    return c.view.getInt16(at, true);
  },
);

export const u32: Codec<number> = codec(
  (w, v) => w.at(4).setUint32(w.last, intRange(v, 0, 0xffffffff, 'u32'), true),
  (c) => {
    const at = c.need(4, 'u32');
    c.offset = at + 4;
    return c.view.getUint32(at, true);
  },
);

export const i32: Codec<number> = codec(
  (w, v) => w.at(4).setInt32(w.last, intRange(v, -0x80000000, 0x7fffffff, 'i32'), true),
  (c) => {
    const at = c.need(4, 'i32');
    c.offset = at + 4;
    return c.view.getInt32(at, true);
  },
);

function toBigInt(v: unknown, name: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^(-?\d+|0x[0-9a-fA-F]+)$/.test(v)) return BigInt(v);
  throw new EncodeError(`${name} expects a bigint or safe integer, got ${describe(v)}`);
}

const U64_MAX = (1n << 64n) - 1n;

export const u64: Codec<bigint> = codec(
  (w, v) => {
    const b = toBigInt(v, 'u64');
    if (b < 0n || b > U64_MAX) throw new EncodeError(`u64 out of range: ${b}`);
    w.at(8).setBigUint64(w.last, b, true);
  },
  (c) => {
    const at = c.need(8, 'u64');
    c.offset = at + 8;
    // Two 32-bit reads are faster than getBigUint64 on V8 for the common small values.
    const lo = c.view.getUint32(at, true);
    const hi = c.view.getUint32(at + 4, true);
    return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
  },
);

export const i64: Codec<bigint> = codec(
  (w, v) => {
    const b = toBigInt(v, 'i64');
    if (b < -(1n << 63n) || b >= 1n << 63n) throw new EncodeError(`i64 out of range: ${b}`);
    w.at(8).setBigInt64(w.last, b, true);
  },
  (c) => {
    const at = c.need(8, 'i64');
    c.offset = at + 8;
    return c.view.getBigInt64(at, true);
  },
);

/** Little-endian unsigned integer of `bytes` width as bigint. */
function readUBig(c: Cursor, bytes: number, name: string): bigint {
  const at = c.need(bytes, name);
  c.offset = at + bytes;
  let r = 0n;
  for (let i = bytes - 8; i >= 0; i -= 8) r = (r << 64n) | c.view.getBigUint64(at + i, true);
  return r;
}

function writeUBig(w: Writer, v: bigint, bytes: number): void {
  const at = w.reserve(bytes);
  for (let i = 0; i < bytes; i += 8) {
    w.view.setBigUint64(at + i, v & U64_MAX, true);
    v >>= 64n;
  }
}

function uBig(bits: number): Codec<bigint> {
  const bytes = bits / 8;
  const max = (1n << BigInt(bits)) - 1n;
  const name = `u${bits}`;
  return codec(
    (w, v) => {
      const b = toBigInt(v, name);
      if (b < 0n || b > max) throw new EncodeError(`${name} out of range: ${b}`);
      writeUBig(w, b, bytes);
    },
    (c) => {
      if (bits === 128) {
        // Balances are u128 and hot: four 32-bit reads, bigint built only from the non-zero parts.
        const at = c.need(16, name);
        c.offset = at + 16;
        const v = c.view;
        const a = v.getUint32(at, true), b = v.getUint32(at + 4, true);
        const d = v.getUint32(at + 8, true), e = v.getUint32(at + 12, true);
        if ((d | e) === 0) {
          return b < 0x200000 ? BigInt(b * 0x100000000 + a) : (BigInt(b) << 32n) | BigInt(a);
        }
        return (BigInt(e) << 96n) | (BigInt(d) << 64n) | (BigInt(b) << 32n) | BigInt(a);
      }
      return readUBig(c, bytes, name);
    },
  );
}

function iBig(bits: number): Codec<bigint> {
  const bytes = bits / 8;
  const half = 1n << BigInt(bits - 1);
  const name = `i${bits}`;
  return codec(
    (w, v) => {
      const b = toBigInt(v, name);
      if (b < -half || b >= half) throw new EncodeError(`${name} out of range: ${b}`);
      writeUBig(w, BigInt.asUintN(bits, b), bytes);
    },
    (c) => BigInt.asIntN(bits, readUBig(c, bytes, name)),
  );
}

export const u128 = uBig(128);
export const u256 = uBig(256);
export const i128 = iBig(128);
export const i256 = iBig(256);

export const bool: Codec<boolean> = codec(
  (w, v) => {
    if (typeof v !== 'boolean') throw new EncodeError(`bool expects a boolean, got ${describe(v)}`);
    w.byte(v ? 1 : 0);
  },
  (c) => {
    const at = c.need(1, 'bool');
    const b = c.bytes[at];
    if (b > 1) throw new DecodeError(`bool byte must be 0 or 1, got ${b}`, at);
    c.offset = at + 1;
    return b === 1;
  },
);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8enc = new TextEncoder();

/** Length-prefixed byte string (`Vec<u8>`) as a view into the input — no copy. */
export const bytes: Codec<Uint8Array> = codec(
  (w, v) => {
    const b = asBytes(v, 'Vec<u8>');
    encodeCompactNumber(w, b.length);
    w.bytes(b);
  },
  (c) => {
    const start = c.offset;
    const len = compactLength(c, 'Vec<u8> length');
    if (len > c.bytes.length - c.offset) {
      throw new DecodeError(`Vec<u8> length ${len} exceeds the ${c.bytes.length - c.offset} remaining byte(s)`, start);
    }
    const at = c.offset;
    c.offset = at + len;
    return c.bytes.subarray(at, at + len);
  },
);

export const str: Codec<string> = codec(
  (w, v) => {
    if (typeof v !== 'string') throw new EncodeError(`str expects a string, got ${describe(v)}`);
    const b = utf8enc.encode(v);
    encodeCompactNumber(w, b.length);
    w.bytes(b);
  },
  (c) => {
    const start = c.offset;
    const b = bytes.dec(c);
    try {
      return utf8.decode(b);
    } catch {
      throw new DecodeError('str is not valid UTF-8', start);
    }
  },
);

/** Rust `char`: a u32 Unicode scalar value. */
export const char: Codec<string> = codec(
  (w, v) => {
    if (typeof v !== 'string' || [...v].length !== 1) throw new EncodeError(`char expects one character, got ${describe(v)}`);
    u32.enc(w, v.codePointAt(0)!);
  },
  (c) => {
    const at = c.offset;
    const cp = u32.dec(c);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new DecodeError(`char ${cp} is not a Unicode scalar value`, at);
    return String.fromCodePoint(cp);
  },
);

/** Accept Uint8Array, 0x-hex or number[] where bytes are expected. */
export function asBytes(v: unknown, name: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v)) return fromHex(v);
  if (Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x < 256)) return Uint8Array.from(v);
  throw new EncodeError(`${name} expects bytes (Uint8Array or 0x-hex), got ${describe(v)}`);
}

/** `[u8; N]` as a view into the input. */
export function fixedBytes(n: number): Codec<Uint8Array> {
  const name = `[u8; ${n}]`;
  return codec(
    (w, v) => {
      const b = asBytes(v, name);
      if (b.length !== n) throw new EncodeError(`${name} expects ${n} bytes, got ${b.length}`);
      w.bytes(b);
    },
    (c) => {
      const at = c.need(n, name);
      c.offset = at + n;
      return c.bytes.subarray(at, at + n);
    },
  );
}

/** The unit type `()`: no bytes, decodes to null. */
export const unit: Codec<null> = codec(
  () => {},
  () => null,
);
