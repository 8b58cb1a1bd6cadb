// The codec contract: a decoder reads from a Cursor over one Uint8Array (no per-field copies), an
// encoder appends to a growable Writer. Every type — primitive, combinator or metadata-built — is a
// `Codec<T>` pair of those two functions.
import { DecodeError } from './errors.js';
import { fromHex } from './hex.js';

/** Elements one decode may produce without consuming input (`Vec<()>`, `[(); N]`): 2^20. */
export const ZERO_SIZE_BUDGET = 1 << 20;

export class Cursor {
  declare readonly bytes: Uint8Array;
  declare readonly view: DataView;
  declare offset: number;
  /** Type levels entered through recursive references so far (see `recursive` in combinators). */
  depth = 0;
  /**
   * Elements left that may decode from zero bytes. Input length bounds everything else; without
   * this, 258 bytes of `Vec<Vec<()>>` allocated 496 MB.
   */
  zeroSizeBudget = ZERO_SIZE_BUDGET;

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = offset;
  }

  remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws DecodeError unless `n` more bytes are available; returns the current offset. */
  need(n: number, what: string): number {
    const at = this.offset;
    if (at + n > this.bytes.length) {
      throw new DecodeError(`${what} needs ${n} byte(s) but only ${this.bytes.length - at} remain`, at);
    }
    return at;
  }
}

export class Writer {
  declare buf: Uint8Array;
  declare view: DataView;
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** Make room for `n` more bytes and return the offset to write them at. */
  reserve(n: number): number {
    const at = this.length;
    const need = at + n;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = need;
    return at;
  }

  /** Offset returned by the last `at()`. */
  last = 0;

  /**
   * Reserve `n` bytes and return the (possibly new) DataView; the offset is in `last`. Exists because
   * `w.view.setX(w.reserve(n), …)` reads the old view before `reserve` may replace the buffer.
   */
  at(n: number): DataView {
    this.last = this.reserve(n);
    return this.view;
  }

  byte(v: number): void {
    const at = this.reserve(1);
    this.buf[at] = v;
  }

  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export interface Codec<T> {
  enc(w: Writer, value: T): void;
  dec(c: Cursor): T;
}

/** Encode one value to fresh bytes. */
export function encode<T>(codec: Codec<T>, value: T): Uint8Array {
  const w = new Writer();
  codec.enc(w, value);
  return w.finish();
}

/** Decode bytes (or 0x-hex). Trailing bytes are an error unless `partial` is set. */
export function decode<T>(codec: Codec<T>, input: Uint8Array | string, opts?: { partial?: boolean }): T {
  const c = new Cursor(typeof input === 'string' ? fromHex(input) : input);
  const value = codec.dec(c);
  if (!opts?.partial && c.offset !== c.bytes.length) {
    throw new DecodeError(`${c.bytes.length - c.offset} trailing byte(s) after the value`, c.offset);
  }
  return value;
}

/** Build a codec from its two halves. */
export function codec<T>(enc: (w: Writer, v: T) => void, dec: (c: Cursor) => T): Codec<T> {
  return { enc, dec };
}
