// Codecs composed from codecs: Vec, fixed arrays, Option, Result, tuples, structs, enums, BitSequence.
// Composite decoders re-throw DecodeError/EncodeError with their field name prefixed to the type
// path; the try/catch costs nothing on the success path.
import { codec, ZERO_SIZE_BUDGET, type Codec, type Cursor, type Writer } from './codec.js';
import { compactLength, encodeCompactNumber } from './compact.js';
import { DecodeError, EncodeError } from './errors.js';
import { describe } from './primitives.js';

function within(e: unknown, seg: string): unknown {
  if (e instanceof DecodeError || e instanceof EncodeError) e.within(seg);
  return e;
}

/**
 * `Vec<T>`. `minSize` is the fewest bytes one element can take: a length prefix that cannot fit in
 * the remaining input fails before anything is allocated. Elements of size 0 draw on the cursor's
 * zero-size budget instead.
 */
export function vec<T>(inner: Codec<T>, minSize = 1): Codec<T[]> {
  return codec(
    (w, v) => {
      if (!Array.isArray(v)) throw new EncodeError(`Vec expects an array, got ${describe(v)}`);
      encodeCompactNumber(w, v.length);
      for (let i = 0; i < v.length; i++) {
        try {
          inner.enc(w, v[i]);
        } catch (e) {
          throw within(e, `[${i}]`);
        }
      }
    },
    (c) => {
      const start = c.offset;
      const len = compactLength(c, 'Vec length');
      checkLength(c, len, minSize, start, 'Vec');
      return decodeItems(c, inner, len);
    },
  );
}

function decodeItems<T>(c: Cursor, inner: Codec<T>, len: number): T[] {
  const out = new Array<T>(len);
  let i = 0;
  try {
    for (; i < len; i++) out[i] = inner.dec(c);
  } catch (e) {
    throw within(e, `[${i}]`);
  }
  return out;
}

function checkLength(c: Cursor, len: number, minSize: number, start: number, what: string): void {
  const remaining = c.bytes.length - c.offset;
  if (minSize > 0) {
    if (len * minSize > remaining) {
      throw new DecodeError(`${what} length ${len} cannot fit in the ${remaining} remaining byte(s)`, start);
    }
  } else if ((c.zeroSizeBudget -= len) < 0) {
    throw new DecodeError(`${what} of ${len} zero-size element(s) exceeds the budget of ${ZERO_SIZE_BUDGET} per decode`, start);
  }
}

/** `[T; N]`. `minSize` as for `vec`; the default 0 makes large arrays draw on the zero-size budget. */
export function array<T>(inner: Codec<T>, n: number, minSize = 0): Codec<T[]> {
  return codec(
    (w, v) => {
      if (!Array.isArray(v) || v.length !== n) throw new EncodeError(`[T; ${n}] expects an array of ${n}, got ${describe(v)}`);
      for (let i = 0; i < n; i++) {
        try {
          inner.enc(w, v[i]);
        } catch (e) {
          throw within(e, `[${i}]`);
        }
      }
    },
    (c) => {
      checkLength(c, n, minSize, c.offset, `[T; ${n}]`);
      return decodeItems(c, inner, n);
    },
  );
}

/** `Option<T>` → `T | null`. */
export function option<T>(inner: Codec<T>): Codec<T | null> {
  return codec(
    (w, v) => {
      if (v === null || v === undefined) return w.byte(0);
      w.byte(1);
      inner.enc(w, v);
    },
    (c) => {
      const at = c.need(1, 'Option tag');
      const tag = c.bytes[at];
      c.offset = at + 1;
      if (tag === 0) return null;
      if (tag !== 1) throw new DecodeError(`Option tag must be 0 or 1, got ${tag}`, at);
      return inner.dec(c);
    },
  );
}

/** `Option<bool>` packs into one byte: 0 None, 1 Some(true), 2 Some(false). */
export const optionBool: Codec<boolean | null> = codec(
  (w, v) => w.byte(v === null || v === undefined ? 0 : v ? 1 : 2),
  (c) => {
    const at = c.need(1, 'Option<bool>');
    const b = c.bytes[at];
    c.offset = at + 1;
    if (b > 2) throw new DecodeError(`Option<bool> byte must be 0, 1 or 2, got ${b}`, at);
    return b === 0 ? null : b === 1;
  },
);

export type ResultValue<T, E> = { ok: T } | { err: E };

/** `Result<T, E>` → `{ ok }` or `{ err }`. */
export function result<T, E>(ok: Codec<T>, err: Codec<E>): Codec<ResultValue<T, E>> {
  return codec(
    (w, v) => {
      if (v && typeof v === 'object' && 'ok' in v) {
        w.byte(0);
        ok.enc(w, v.ok);
      } else if (v && typeof v === 'object' && 'err' in v) {
        w.byte(1);
        err.enc(w, v.err);
      } else throw new EncodeError(`Result expects { ok } or { err }, got ${describe(v)}`);
    },
    (c) => {
      const at = c.need(1, 'Result tag');
      const tag = c.bytes[at];
      c.offset = at + 1;
      if (tag === 0) return { ok: ok.dec(c) };
      if (tag === 1) return { err: err.dec(c) };
      throw new DecodeError(`Result tag must be 0 or 1, got ${tag}`, at);
    },
  );
}

/** Tuple → array. */
export function tuple(...items: Codec<unknown>[]): Codec<unknown[]> {
  const n = items.length;
  return codec(
    (w, v) => {
      if (!Array.isArray(v) || v.length !== n) throw new EncodeError(`tuple expects an array of ${n}, got ${describe(v)}`);
      for (let i = 0; i < n; i++) {
        try {
          items[i].enc(w, v[i]);
        } catch (e) {
          throw within(e, `${i}`);
        }
      }
    },
    (c) => {
      const out = new Array(n);
      let i = 0;
      try {
        for (; i < n; i++) out[i] = items[i].dec(c);
      } catch (e) {
        throw within(e, `${i}`);
      }
      return out;
    },
  );
}

/** Struct with named fields → plain object, keys in declaration order. */
export function struct(fields: [name: string, codec: Codec<unknown>][]): Codec<Record<string, unknown>> {
  const n = fields.length;
  const names = fields.map((f) => f[0]);
  const codecs = fields.map((f) => f[1]);
  const fast = fastStruct(names, codecs);
  return codec(
    (w, v) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new EncodeError(`struct expects an object, got ${describe(v)}`);
      for (let i = 0; i < n; i++) {
        const name = names[i];
        try {
          codecs[i].enc(w, (v as Record<string, unknown>)[name]);
        } catch (e) {
          throw within(e, name);
        }
      }
    },
    fast ??
      ((c) => {
        const out: Record<string, unknown> = {};
        let i = 0;
        try {
          for (; i < n; i++) out[names[i]] = codecs[i].dec(c);
        } catch (e) {
          throw within(e, names[i]);
        }
        return out;
      }),
  );
}

type Decode = (c: Cursor) => Record<string, unknown>;

// An object literal with fixed keys gives V8 one hidden class per struct, about twice as fast as
// assigning keys in a loop. Built with `new Function` where the runtime allows it (not in Workers,
// whose CSP forbids eval: there, and for field names that are not plain identifiers, the loop
// above is used). Names come from chain metadata, so they are checked, and emitted as JSON strings.
// A failing field is named from the counter `i` while the error unwinds (scale-decode's at_field):
// an earlier version re-decoded the same bytes the slow way to find it, which made rejecting a
// value exponential in its nesting depth (issue 10: a 61-byte nested call took 3.8 s).
let codegen = true;
function fastStruct(names: string[], codecs: Codec<unknown>[]): Decode | null {
  if (!codegen || names.length === 0 || names.length > 64) return null;
  if (!names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) || new Set(names).size !== names.length) return null;
  const reads = names.map((_, i) => `const v${i} = d${i}.dec(c); i = ${i + 1};`).join(' ');
  const literal = names.map((n, i) => `${JSON.stringify(n)}: v${i}`).join(', ');
  const body =
    `const [${names.map((_, i) => `d${i}`).join(', ')}] = d;\n` +
    `return function decodeStruct(c) { let i = 0; try { ${reads} return {${literal}}; } catch (e) { throw within(e, names[i]); } };`;
  try {
    return new Function('d', 'within', 'names', body)(codecs, within, names) as Decode;
  } catch {
    codegen = false; // eval is disallowed here; do not try again
    return null;
  }
}

export interface VariantDef {
  name: string;
  index: number;
  /** null for a fieldless variant. */
  codec: Codec<unknown> | null;
}

export type EnumValue = { type: string; value?: unknown };

/**
 * Enum. Decodes to `{ type, value }` (`value` absent for fieldless variants); an enum whose
 * variants are all fieldless decodes to the bare name. Encoders accept both forms.
 */
export function variant(variants: VariantDef[], typeName = 'enum'): Codec<EnumValue | string> {
  const byIndex: (VariantDef | undefined)[] = new Array(256);
  const byName = new Map<string, VariantDef>();
  for (const v of variants) {
    byIndex[v.index] = v;
    byName.set(v.name, v);
  }
  const plain = variants.every((v) => v.codec === null);
  return codec(
    (w, v) => {
      const name = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as EnumValue).type : undefined;
      const def = name === undefined ? undefined : byName.get(name);
      if (!def) {
        const known = variants.slice(0, 12).map((x) => x.name).join(', ');
        throw new EncodeError(`${typeName} has no variant ${describe(name ?? v)} (variants: ${known}${variants.length > 12 ? ', …' : ''})`);
      }
      w.byte(def.index);
      if (def.codec) {
        try {
          def.codec.enc(w, typeof v === 'object' ? (v as EnumValue).value : undefined);
        } catch (e) {
          throw within(e, def.name);
        }
      }
    },
    (c) => {
      const at = c.need(1, `${typeName} variant index`);
      const def = byIndex[c.bytes[at]];
      if (!def) throw new DecodeError(`unknown variant index ${c.bytes[at]} for ${typeName}`, at);
      c.offset = at + 1;
      if (!def.codec) return plain ? def.name : { type: def.name };
      try {
        return { type: def.name, value: def.codec.dec(c) };
      } catch (e) {
        throw within(e, def.name);
      }
    },
  );
}

/**
 * BitSequence (`BitVec<Store, Order>`) → boolean[]. The wire form is a compact bit count followed
 * by whole store words (little-endian); Lsb0 numbers bits from the least significant bit of each word.
 */
export function bitSequence(storeBytes: 1 | 2 | 4 | 8, msb0: boolean): Codec<boolean[]> {
  const wordBits = storeBytes * 8;
  return codec(
    (w, v) => {
      if (!Array.isArray(v)) throw new EncodeError(`BitSequence expects boolean[], got ${describe(v)}`);
      encodeCompactNumber(w, v.length);
      const words = Math.ceil(v.length / wordBits);
      const at = w.reserve(words * storeBytes);
      for (let i = 0; i < v.length; i++) {
        if (!v[i]) continue;
        const word = Math.floor(i / wordBits);
        const bit = i % wordBits;
        const pos = msb0 ? wordBits - 1 - bit : bit;
        w.buf[at + word * storeBytes + (pos >> 3)] |= 1 << (pos & 7);
      }
    },
    (c) => {
      const start = c.offset;
      const nbits = compactLength(c, 'BitSequence length');
      const nbytes = Math.ceil(nbits / wordBits) * storeBytes;
      if (nbytes > c.bytes.length - c.offset) {
        throw new DecodeError(`BitSequence of ${nbits} bits needs ${nbytes} bytes but ${c.bytes.length - c.offset} remain`, start);
      }
      const at = c.offset;
      const out = new Array<boolean>(nbits);
      for (let i = 0; i < nbits; i++) {
        const word = Math.floor(i / wordBits);
        const bit = i % wordBits;
        const pos = msb0 ? wordBits - 1 - bit : bit;
        out[i] = (c.bytes[at + word * storeBytes + (pos >> 3)] & (1 << (pos & 7))) !== 0;
      }
      c.offset = at + nbytes;
      return out;
    },
  );
}

/** A codec resolved on first use: lets recursive types refer to themselves while being built. */
export function lazy<T>(get: () => Codec<T>): Codec<T> {
  let resolved: Codec<T> | undefined;
  return {
    enc: (w: Writer, v: T) => (resolved ??= get()).enc(w, v),
    dec: (c: Cursor) => (resolved ??= get()).dec(c),
  };
}

/** Type levels one decode may enter through recursive references (a nested batch call is ~4). */
export const MAX_RECURSION_LEVELS = 2048;

/**
 * `lazy` for the back edge of a recursive type, `levels` type levels below the type it refers to.
 * Decoding through it counts those levels on the cursor, so hostile input (a call nested 10,000
 * deep) or a type that contains itself with no Vec/Option in between (which reads no bytes per
 * level) ends in a DecodeError instead of a stack overflow. The count is not unwound when an error
 * is thrown: the cursor is abandoned then.
 */
export function recursive<T>(get: () => Codec<T>, levels: number, typeName: string): Codec<T> {
  const cost = Math.max(1, levels);
  let resolved: Codec<T> | undefined;
  return {
    enc: (w: Writer, v: T) => (resolved ??= get()).enc(w, v),
    dec: (c: Cursor) => {
      if ((c.depth += cost) > MAX_RECURSION_LEVELS) {
        throw new DecodeError(`${typeName} nests deeper than ${MAX_RECURSION_LEVELS} type levels`, c.offset);
      }
      const v = (resolved ??= get()).dec(c);
      c.depth -= cost;
      return v;
    },
  };
}
