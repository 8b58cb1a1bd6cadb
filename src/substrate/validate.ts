/**
 * Argument checks for the public API, in noble-hashes' `anumber(n, title)` style: each check names
 * the argument, keeps the value on the error, and runs once where the argument enters — before
 * anything is sent, so a malformed call never costs a round trip or reaches the node.
 *
 * One rule for absent values: an optional argument or option given as `undefined` or `null` means
 * "not given" (a `null` blockHash is the head, a `null` opts is `{}`); a required one is an error.
 * @module
 */
import { InvalidAddressError, describe, ss58Problem } from '../scale/index.js';
import { InvalidArgumentError } from './errors.js';

export const U16_MAX = 0xffff;
export const U32_MAX = 0xffff_ffff;
// setTimeout clamps delays above 2^31−1 ms to 1 ms, so a "huge" timeout would fire at once.
const MAX_TIMEOUT_MS = 0x7fff_ffff;
const BLOCK_HASH = /^0x[0-9a-f]{64}$/i;
const HEX = /^0x(?:[0-9a-f]{2})*$/i;

/** A short, safe rendering of a bad value for an error message (scale's `describe`). */
export const show = describe;

function fail(name: string, expected: string, v: unknown): never {
  throw new InvalidArgumentError(`${name}: expected ${expected}, got ${show(v)}`, name, v);
}

const absent = (v: unknown): v is null | undefined => v === undefined || v === null;

/** An integer in [min, max] (default: every non-negative safe integer). */
export function uintArg(v: unknown, name: string, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  if (typeof v !== 'number') fail(name, `an integer in ${min}..${max}`, v);
  if (!Number.isInteger(v) || v < min || v > max) fail(name, `an integer in ${min}..${max}`, v);
  return v;
}

/** Like `uintArg`, but `undefined`/`null` give `undefined`. */
export function optUintArg(v: unknown, name: string, max?: number, min?: number): number | undefined {
  return absent(v) ? undefined : uintArg(v, name, max, min);
}

/** A non-empty string (pallet, item, API and method names). */
export function nameArg(v: unknown, name: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(name, 'a non-empty string', v);
  return v;
}

export function optBoolArg(v: unknown, name: string): boolean | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'boolean') fail(name, 'a boolean', v);
  return v;
}

export function functionArg<F extends (...a: never[]) => unknown>(v: unknown, name: string): F {
  if (typeof v !== 'function') fail(name, 'a function', v);
  return v as F;
}

export function optFunctionArg<F extends (...a: never[]) => unknown>(v: unknown, name: string): F | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'function') fail(name, 'a function', v);
  return v as F;
}

/** An array; when `optional`, `undefined`/`null` give `[]`. */
export function arrayArg(v: unknown, name: string, optional = false): unknown[] {
  if (optional && absent(v)) return [];
  if (!Array.isArray(v)) fail(name, optional ? 'an array (or nothing)' : 'an array', v);
  return v;
}

/** An options object; `undefined`/`null` give `{}`. */
export function optionsArg(v: unknown, name: string): Record<string, unknown> {
  if (absent(v)) return {};
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) fail(name, 'an options object', v);
  return v as Record<string, unknown>;
}

/** A required object (a registry, a signer, a decoded record). */
export function objectArg(v: unknown, name: string, what = 'an object'): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(name, what, v);
  return v as Record<string, unknown>;
}

/** A block hash: 0x + 64 hex digits in either case, returned lower-case; absent = the head. */
export function blockHashArg(v: unknown, name: string): string | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'string' || !BLOCK_HASH.test(v)) fail(name, 'a block hash (0x + 64 hex digits)', v);
  return v.toLowerCase();
}

/** A required block (or extrinsic, genesis) hash: absent is an error here, not the head. */
export function hashArg(v: unknown, name: string): string {
  if (absent(v)) fail(name, 'a hash (0x + 64 hex digits)', v);
  return blockHashArg(v, name)!;
}

/** A 0x-prefixed hex string of whole bytes. */
export function hexArg(v: unknown, name: string): string {
  if (typeof v !== 'string' || !HEX.test(v)) fail(name, 'a 0x-prefixed hex string of whole bytes', v);
  return v;
}

/** Bytes as a Uint8Array or 0x hex. */
export function bytesArg(v: unknown, name: string): Uint8Array | string {
  if (v instanceof Uint8Array) return v;
  if (typeof v !== 'string' || !HEX.test(v)) fail(name, 'bytes (a Uint8Array or 0x hex)', v);
  return v;
}

/** Raw bytes as a Uint8Array (no hex: metadata and cache entries are never typed by hand). */
export function uint8ArrayArg(v: unknown, name: string): Uint8Array {
  if (!(v instanceof Uint8Array)) fail(name, 'a Uint8Array', v);
  return v;
}

export function optSignalArg(v: unknown, name: string): AbortSignal | undefined {
  if (absent(v)) return undefined;
  const s = v as Partial<AbortSignal>;
  if (typeof v !== 'object' || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function') fail(name, 'an AbortSignal', v);
  return v as AbortSignal;
}

export interface CheckedAt {
  blockHash?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The common `{ blockHash?, signal?, timeoutMs? }` options, checked; other fields are kept. */
export function atArg<T extends object = Record<string, unknown>>(v: unknown, name = 'opts'): T & CheckedAt {
  const o = optionsArg(v, name);
  const out: Record<string, unknown> & CheckedAt = { ...o };
  out.blockHash = blockHashArg(o.blockHash, `${name}.blockHash`);
  out.signal = optSignalArg(o.signal, `${name}.signal`);
  out.timeoutMs = optUintArg(o.timeoutMs, `${name}.timeoutMs`, MAX_TIMEOUT_MS);
  return out as T & CheckedAt;
}

/** Storage keys of one request: an array, absent = none. */
export function keysArg(v: unknown, name: string): unknown[] {
  return arrayArg(v, name, true);
}

/** `[pallet, item, keys?][]`, each entry checked; returns copies with `keys` always an array. */
export function storageRequestsArg(v: unknown, name: string): [string, string, unknown[]][] {
  return arrayArg(v, name).map((r, i) => {
    if (!Array.isArray(r)) fail(`${name}[${i}]`, 'a [pallet, item, keys?] tuple', r);
    return [nameArg(r[0], `${name}[${i}][0]`), nameArg(r[1], `${name}[${i}][1]`), keysArg(r[2], `${name}[${i}][2]`)];
  });
}

/** Runtime API arguments: by position (array) or by name (object); absent = none. */
export function callArgsArg(v: unknown, name: string): unknown[] | Record<string, unknown> {
  if (absent(v)) return [];
  if (Array.isArray(v)) return v;
  if (typeof v !== 'object' || v instanceof Uint8Array) fail(name, 'an array or an object of named arguments', v);
  return v as Record<string, unknown>;
}

/** A storage map read must give every key; partial keys are for queryMap. */
export function checkKeyCount(what: string, want: number, keys: unknown[], name: string): void {
  if (keys.length !== want) {
    throw new InvalidArgumentError(`${name}: ${what} takes ${want} key(s), got ${keys.length}; use queryMap for partial keys`, name, keys);
  }
}

/** An SS58 address; a bad one is an InvalidAddressError whose reason names the argument. */
export function addressArg(v: unknown, name: string): string {
  const why = ss58Problem(v);
  if (why !== undefined) throw new InvalidAddressError(typeof v === 'string' ? v : show(v), `${why} (argument ${name})`);
  return v as string;
}

/** Each element of an array of SS58 addresses. */
export function addressesArg(v: unknown, name: string): string[] {
  return arrayArg(v, name).map((a, i) => addressArg(a, `${name}[${i}]`));
}

const SIGNATURE_TYPES = ['Sr25519', 'Ed25519', 'Ecdsa'];

/**
 * A Signer: 32-byte publicKey, a MultiSignature type and a sign function. The error keeps only a
 * description of the value — a signer object may hold its secret key.
 */
export function signerArg(v: unknown, name: string): { publicKey: Uint8Array; type: 'Sr25519' | 'Ed25519' | 'Ecdsa'; sign(p: Uint8Array): unknown } {
  const s = v as { publicKey?: unknown; accountId?: unknown; type?: unknown; sign?: unknown } | null;
  // the account is `accountId` where it differs from the key (ecdsa: 33-byte key, 32-byte account)
  const account = s?.accountId ?? s?.publicKey;
  const ok = typeof v === 'object' && s !== null && s.publicKey instanceof Uint8Array && account instanceof Uint8Array && account.length === 32
    && SIGNATURE_TYPES.includes(s.type as string) && typeof s.sign === 'function';
  if (!ok) throw new InvalidArgumentError(`${name}: expected a Signer { publicKey or accountId: 32 bytes, type: ${SIGNATURE_TYPES.join(' | ')}, sign }, got ${show(v)}`, name, show(v));
  return v as never;
}

/** One of a fixed set of strings (absent = undefined). */
export function optOneOfArg<T extends string>(v: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (absent(v)) return undefined;
  if (!allowed.includes(v as T)) fail(name, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, v);
  return v as T;
}

/** A metadata Registry (from createRegistry or runtime.registry). */
export function registryArg(v: unknown, name: string): void {
  const r = v as { metadata?: unknown; codec?: unknown } | null;
  if (typeof v !== 'object' || r === null || typeof r.metadata !== 'object' || typeof r.codec !== 'function') fail(name, 'a Registry', v);
}

/** A SubstrateClient (checked by shape: the layer's functions only need its runtime and rpc). */
export function clientArg(v: unknown, name: string): void {
  const c = v as { runtime?: unknown; rpc?: unknown } | null;
  if (typeof v !== 'object' || c === null || typeof c.runtime !== 'function' || typeof c.rpc !== 'object') fail(name, 'a SubstrateClient', v);
}

/** A non-negative bigint (absent = undefined). */
export function optBigintArg(v: unknown, name: string): bigint | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== 'bigint' || v < 0n) fail(name, 'a bigint ≥ 0', v);
  return v;
}
