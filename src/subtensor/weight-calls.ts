/**
 * The pure parts of the weight, children, take and commitment writes: argument checks that turn
 * Python's inputs into the chain's integers (float_to_u64, the u16 take, u16-upscaled weights),
 * which call a runtime offers, and the commitment `Data` variant it encodes.
 * @module
 */
import { InvalidArgumentError, type Signer } from '../substrate/index.js';
import { U16_MAX, arrayArg, show, uintArg, addressArg } from '../substrate/validate.js';
import { Writer, encodeCompactNumber, ss58Encode, type Registry } from '../scale/index.js';
import { convertAndNormalizeWeightsAndUids, type EmitWeights } from './weights.js';

/** bittensor 10.2's `version_as_int` (10.2.0 → 10·1000² + 2·1000 + 0), the default weights version key. */
export const VERSION_AS_INT = 10_002_000n;

const U64_MAX = 2n ** 64n - 1n;

/** The SS58 address of the account a signer signs for. */
export const addressOf = (signer: Signer): string => ss58Encode(signer.accountId ?? signer.publicKey);

function bad(name: string, expected: string, v: unknown): never {
  throw new InvalidArgumentError(`${name}: expected ${expected}, got ${show(v)}`, name, v);
}

/** Whether the runtime has `pallet.name` as a call. */
export function hasCall(registry: Registry, pallet: string, name: string): boolean {
  const p = registry.metadata.pallets.find((x) => x.name === pallet);
  if (!p || p.calls === null) return false;
  const def = registry.type(p.calls).def;
  return def.tag === 'variant' && def.variants.some((v) => v.name === name);
}

/** A u64 version key: a safe integer or a bigint. */
export function versionKeyArg(v: unknown, name = 'versionKey'): bigint {
  const k = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (k === undefined || k < 0n || k > U64_MAX) bad(name, 'a u64 (integer or bigint)', v);
  return k;
}

/** A mechanism id: the runtime's `mecid` is a u8. */
export const mechidArg = (v: unknown, name = 'mechid'): number => uintArg(v, name, 255);

/** Positive finite seconds per block. */
export function blockTimeArg(v: unknown, name = 'blockTime'): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) bad(name, 'a positive finite number of seconds', v);
  return v;
}

/** Python's validate_max_attempts: at least one attempt. */
export const maxAttemptsArg = (v: unknown, name = 'maxAttempts'): number => uintArg(v, name, 1000, 1);

/** A salt: u16 words, as the runtime's `Vec<u16>`. */
export function saltArg(v: unknown, name = 'salt'): number[] {
  return arrayArg(v, name).map((x, i) => uintArg(x, `${name}[${i}]`, U16_MAX));
}

/**
 * Python's convert_and_normalize_weights_and_uids (float32 cast, u16 max-upscaling, zeros dropped).
 * All-zero weights would send empty vectors; they are refused here instead, before anything is signed.
 */
export function emitWeightsArg(uids: unknown, weights: unknown): EmitWeights {
  const out = convertAndNormalizeWeightsAndUids(uids as ArrayLike<number>, weights as ArrayLike<number>);
  if (out.uids.length === 0) throw new InvalidArgumentError('weights: every weight is 0, there is nothing to set', 'weights', weights);
  return out;
}

/** u16 uids and values as given (what commit_weights hashes: Python passes them unconverted). */
export function u16ListArg(v: unknown, name: string): number[] {
  return arrayArg(v, name).map((x, i) => uintArg(x, `${name}[${i}]`, U16_MAX));
}

/** A fraction in 0..1 as a JS number. */
function fractionArg(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) bad(name, 'a number in 0..1', v);
  return v;
}

/**
 * Python's float_to_u64: `int(Decimal(str(value)) * (2^64 - 1))`. The decimal is the shortest
 * round-trip form of the float (what both Python's str and JS's String print), multiplied exactly.
 */
export function floatToU64(value: unknown, name: string): bigint {
  const x = fractionArg(value, name);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) bad(name, 'a number in 0..1', value);
  const digits = BigInt(m[1]! + (m[2] ?? ''));
  const exp = Number(m[3] ?? 0) - (m[2]?.length ?? 0);
  return exp >= 0 ? digits * 10n ** BigInt(exp) * U64_MAX : (digits * U64_MAX) / 10n ** BigInt(-exp);
}

/** A take as Python sends it: `int(take * 0xFFFF)` (float product, truncated). */
export function takeToU16(value: unknown, name = 'take'): number {
  return Math.trunc(fractionArg(value, name) * U16_MAX);
}

/** `[proportion, hotkey]` pairs as set_children's `Vec<(u64, AccountId)>`. */
export function childrenArg(v: unknown, name = 'children'): [bigint, string][] {
  return arrayArg(v, name).map((c, i) => {
    if (!Array.isArray(c) || c.length !== 2) bad(`${name}[${i}]`, 'a [proportion, hotkey] pair', c);
    return [floatToU64(c[0], `${name}[${i}][0]`), addressArg(c[1], `${name}[${i}][1]`)];
  });
}

/** The enum type of one commitment field (`Data`), found through set_commitment's `info`. */
function commitmentDataVariants(registry: Registry): string[] {
  const p = registry.pallet('Commitments');
  const calls = p.calls === null ? null : registry.type(p.calls).def;
  const call = calls?.tag === 'variant' ? calls.variants.find((v) => v.name === 'set_commitment') : undefined;
  let id = call?.fields.find((f) => f.name === 'info')?.type;
  for (let depth = 0; id !== undefined && depth < 8; depth++) {
    const def = registry.type(id).def;
    if (def.tag === 'variant') return def.variants.map((x) => x.name);
    if (def.tag === 'sequence') id = def.type;
    else if (def.tag === 'composite') id = (def.fields.find((f) => f.name === 'fields') ?? (def.fields.length === 1 ? def.fields[0] : undefined))?.type;
    else id = undefined;
  }
  return [];
}

/**
 * One `Raw` commitment field holding `bytes`: Python's `Raw{len}` variant (fixed `[u8; n]`) on
 * runtimes with Raw0..Raw128, or the older runtimes' single `Raw(Vec<u8>)`.
 * @throws InvalidArgumentError (`data`) when the runtime has no Raw variant for that many bytes.
 */
export function rawCommitmentField(registry: Registry, bytes: Uint8Array): { type: string; value: Uint8Array } {
  const variants = commitmentDataVariants(registry);
  const fixed = `Raw${bytes.length}`;
  if (variants.includes(fixed)) return { type: fixed, value: bytes };
  if (variants.includes('Raw') && !variants.includes('Raw0')) return { type: 'Raw', value: bytes };
  throw new InvalidArgumentError(`data: ${bytes.length} bytes do not fit a Raw commitment field of this runtime (at most 128)`, 'data', bytes.length);
}

/** Whether the runtime's commitment `Data` has the TimelockEncrypted variant. */
export function hasTimelockCommitments(registry: Registry): boolean {
  return commitmentDataVariants(registry).includes('TimelockEncrypted');
}

/** SCALE `String` (compact length + UTF-8), what bittensor-drand encrypts for a commitment. */
export function scaleString(s: string): Uint8Array {
  const utf8 = new TextEncoder().encode(s);
  const w = new Writer(utf8.length + 5);
  encodeCompactNumber(w, utf8.length);
  const at = w.reserve(utf8.length);
  w.buf.set(utf8, at);
  return w.buf.slice(0, w.length);
}

/** A string argument. */
export function stringArg(v: unknown, name: string): string {
  if (typeof v !== 'string') bad(name, 'a string', v);
  return v;
}
