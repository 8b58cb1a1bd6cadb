/**
 * Plain data ↔ JSON without loss: bigint, Uint8Array, Uint16Array, Float32Array and Float64Array
 * become tagged objects (`{ $bigint: "…" }`, `{ $f32: [...] }`, …) and come back as themselves.
 * A float32 printed by JSON.stringify parses back to the same float32.
 * @module
 */
import { fromHex, toHex } from '../scale/index.js';

type Tag = '$bigint' | '$bytes' | '$u16' | '$f32' | '$f64';

/** A value with bigints and typed arrays replaced by tagged JSON objects. */
export function toJsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Float32Array) return { $f32: Array.from(v) };
  if (v instanceof Float64Array) return { $f64: Array.from(v) };
  if (v instanceof Uint16Array) return { $u16: Array.from(v) };
  if (v instanceof Uint8Array) return { $bytes: toHex(v) };
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonValue(x);
    return out;
  }
  return v;
}

const numbers = (x: unknown, tag: Tag): number[] => {
  if (!Array.isArray(x) || !x.every((n) => typeof n === 'number')) throw new TypeError(`${tag}: expected an array of numbers`);
  return x;
};

/** The inverse of toJsonValue. */
export function fromJsonValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJsonValue);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [k] = keys;
    const x = o[k];
    if (k === '$bigint' && typeof x === 'string') return BigInt(x);
    if (k === '$bytes' && typeof x === 'string') return fromHex(x);
    if (k === '$f32') return Float32Array.from(numbers(x, k));
    if (k === '$f64') return Float64Array.from(numbers(x, k));
    if (k === '$u16') return Uint16Array.from(numbers(x, k));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = fromJsonValue(x);
  return out;
}
