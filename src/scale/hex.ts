// Hex <-> bytes. Lookup tables, no regex on the hot path; bad input throws InvalidHexError naming it.
import { InvalidHexError } from './errors.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[97 + i] = 10 + i;
  NIBBLE[65 + i] = 10 + i;
}

/** Bytes to `0x`-prefixed lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '0x';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

/** Hex (with or without `0x`) to bytes. Odd length or a non-hex character throws InvalidHexError. */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new InvalidHexError(String(hex), 'not a string');
  const start = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  const len = hex.length - start;
  if (len % 2 !== 0) throw new InvalidHexError(hex, `odd number of hex digits (${len})`);
  // Where the runtime has a native hex decoder (Node, Bun), use it: it stops at the first bad
  // character, so a short result means bad input and we fall through to report where.
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
  if (B && len > 64) {
    const buf = B.from(start ? hex.slice(start) : hex, 'hex');
    if (buf.length === len / 2) return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  }
  const out = new Uint8Array(len / 2);
  for (let i = 0, j = start; i < out.length; i++, j += 2) {
    const a = hex.charCodeAt(j);
    const b = hex.charCodeAt(j + 1);
    const hi = a < 128 ? NIBBLE[a] : -1;
    const lo = b < 128 ? NIBBLE[b] : -1;
    if (hi < 0 || lo < 0) throw new InvalidHexError(hex, `non-hex character at position ${hi < 0 ? j : j + 1}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** True for a `0x`-prefixed string of hex digit pairs. */
export function isHex(value: unknown): value is string {
  return typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value);
}

/** Bytes as given, or decoded from hex. */
export function toBytes(input: Uint8Array | string): Uint8Array {
  return typeof input === 'string' ? fromHex(input) : input;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
