// SS58 addresses (https://docs.substrate.io/reference/address-formats/):
// base58(prefix ++ payload ++ blake2b-512("SS58PRE" ++ prefix ++ payload)[0..checksumLength]).
import { blake2b } from './blake2b.js';
import { base58Decode, base58Encode } from './base58.js';
import { InvalidAddressError, InvalidHexError } from './errors.js';
import { fromHex, toHex } from './hex.js';

/** The generic Substrate prefix, used when a chain has not registered its own. */
export const SS58_DEFAULT_PREFIX = 42;
const MAX_PREFIX = 16383;

// "SS58PRE" in ASCII: the checksum is domain-separated from other blake2b uses.
const SS58PRE = new Uint8Array([0x53, 0x53, 0x35, 0x38, 0x50, 0x52, 0x45]);
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
// The longest valid address decodes to 2 prefix + 33 payload + 2 checksum = 37 bytes, which is
// at most 51 base58 characters; the bound keeps the quadratic base58 decoder away from huge input.
const MAX_ADDRESS_CHARS = 51;

/** Checksum length for a payload length; undefined for lengths SS58 does not define. */
function checksumLength(payloadLength: number): number | undefined {
  switch (payloadLength) {
    case 1:
    case 2:
    case 4:
    case 8:
      return 1;
    case 32:
    case 33:
      // Account keys get 2 checksum bytes: 1 byte would let 1 in 256 typos through.
      return 2;
    default:
      return undefined;
  }
}

function checksum(prefixAndPayload: Uint8Array): Uint8Array {
  const input = new Uint8Array(SS58PRE.length + prefixAndPayload.length);
  input.set(SS58PRE, 0);
  input.set(prefixAndPayload, SS58PRE.length);
  return blake2b(input, 64);
}

function prefixBytes(prefix: number): Uint8Array {
  if (prefix < 64) return new Uint8Array([prefix]);
  // 14-bit identifier split as the spec lays it out: the 0b01 tag marks a 2-byte prefix.
  return new Uint8Array([((prefix & 0b1111_1100) >> 2) | 0b0100_0000, (prefix >> 8) | ((prefix & 0b11) << 6)]);
}

function checkPrefix(prefix: unknown, context: string): asserts prefix is number {
  if (!validPrefix(prefix)) {
    throw new InvalidAddressError(context, `SS58 prefix must be an integer in 0..${MAX_PREFIX}, got ${String(prefix)}`);
  }
}

function keyBytes(publicKey: Uint8Array | string): Uint8Array {
  if (publicKey instanceof Uint8Array) return publicKey;
  if (typeof publicKey !== 'string') throw new InvalidAddressError(String(publicKey), 'public key must be a Uint8Array or hex string');
  try {
    return fromHex(publicKey);
  } catch (e) {
    if (e instanceof InvalidHexError) throw new InvalidAddressError(publicKey, `public key is not valid hex: ${e.message}`);
    throw e;
  }
}

/** SS58-encode a public key (bytes or hex) of 1, 2, 4, 8, 32 or 33 bytes under `prefix` (0..16383). */
export function ss58Encode(publicKey: Uint8Array | string, prefix: number = SS58_DEFAULT_PREFIX): string {
  const key = keyBytes(publicKey);
  const cl = checksumLength(key.length);
  if (cl === undefined) throw new InvalidAddressError(toHex(key), `public key must be 1, 2, 4, 8, 32 or 33 bytes, got ${key.length}`);
  if (typeof prefix !== 'number' || !(prefix >= 0 && prefix <= MAX_PREFIX) || !Number.isInteger(prefix)) checkPrefix(prefix, toHex(key));
  const pre = prefixBytes(prefix);
  const body = new Uint8Array(pre.length + key.length + cl);
  body.set(pre, 0);
  body.set(key, pre.length);
  body.set(checksum(body.subarray(0, pre.length + key.length)).subarray(0, cl), pre.length + key.length);
  return base58Encode(body);
}

/**
 * Decode an SS58 address into its payload and prefix. With `expectedPrefix`, an address of
 * another network is rejected: mixing networks is how funds get sent to the wrong chain.
 */
export function ss58Decode(address: string, expectedPrefix?: number): { publicKey: Uint8Array; prefix: number } {
  const r = parse(address, expectedPrefix);
  if (typeof r === 'string') throw new InvalidAddressError(typeof address === 'string' ? address : String(address), r);
  return r;
}

/** Why `address` is not a valid SS58 address (with `prefix`, if given), or undefined when it is. */
export function ss58Problem(address: unknown, prefix?: number): string | undefined {
  const r = parse(address, prefix);
  return typeof r === 'string' ? r : undefined;
}

/** True when `address` decodes as SS58 (and, if given, carries `prefix`). Never throws. */
export function isValidSs58(address: unknown, prefix?: number): boolean {
  return typeof parse(address, prefix) !== 'string';
}

/** The decoded address, or the reason it is not one (a sentence a user can act on). */
function parse(address: unknown, expectedPrefix: number | undefined): { publicKey: Uint8Array; prefix: number } | string {
  if (typeof address !== 'string') return `address must be a string, got ${address === null ? 'null' : typeof address}`;
  if (expectedPrefix !== undefined && !validPrefix(expectedPrefix)) return `SS58 prefix must be an integer in 0..${MAX_PREFIX}, got ${String(expectedPrefix)}`;
  if (address.length === 0) return 'empty address';
  if (address.length > MAX_ADDRESS_CHARS) return `bad length: ${address.length} characters, at most ${MAX_ADDRESS_CHARS}`;
  for (let i = 0; i < address.length; i++) {
    if (!ALPHABET.includes(address[i])) {
      return `bad base58 character ${JSON.stringify(address[i])} at position ${i} (base58 has no 0, O, I or l)`;
    }
  }
  const data = base58Decode(address)!;
  const b0 = data[0];
  const prefixLength = b0 < 64 ? 1 : 2;
  // The checksum length depends on the payload length, so try the 2-byte (account key) reading first.
  const rest = data.length - prefixLength;
  const cl = rest === 34 || rest === 35 ? 2 : 1;
  const payloadLength = rest - cl;
  if (b0 >= 128 || data.length < prefixLength + 2 || checksumLength(payloadLength) !== cl) {
    return wrongLength(address, expectedPrefix) ?? (b0 >= 128
      ? `reserved prefix byte 0x${b0.toString(16)}`
      : `bad length: ${data.length} bytes decoded, payload must be 1, 2, 4, 8, 32 or 33 bytes`);
  }
  const prefix = prefixLength === 1 ? b0 : ((b0 & 0b0011_1111) << 2) | (data[1] >> 6) | ((data[1] & 0b0011_1111) << 8);
  const end = prefixLength + payloadLength;
  const sum = checksum(data.subarray(0, end));
  for (let i = 0; i < cl; i++) {
    if (sum[i] !== data[end + i]) return 'bad checksum: a character is mistyped, or the address was not copied whole';
  }
  if (expectedPrefix !== undefined && prefix !== expectedPrefix) return `prefix mismatch: expected ${expectedPrefix}, got ${prefix}`;
  return { publicKey: data.slice(prefixLength, end), prefix };
}

const validPrefix = (p: unknown): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= MAX_PREFIX;

/** Base58 value of the first two characters: addresses of one prefix share a narrow range of it. */
const lead = (a: string) => ALPHABET.indexOf(a[0]) * 58 + ALPHABET.indexOf(a[1] ?? '1');

/** [leading-characters range, lengths] of 32-byte account addresses per prefix, built on first use. */
let shapes: Map<number, { lead: [number, number]; lengths: [number, number] }> | undefined;

function accountShape(prefix: number): { lead: [number, number]; lengths: [number, number] } {
  shapes ??= new Map();
  let s = shapes.get(prefix);
  if (!s) {
    // Extreme keys bound the encoding; the low one starts 0x01 since a leading zero key byte
    // would shorten only prefix 0's addresses, and real keys almost never start with 0x00.
    const lo = ss58Encode(new Uint8Array(32).fill(0, 1).fill(1, 0, 1), prefix);
    const hi = ss58Encode(new Uint8Array(32).fill(0xff), prefix);
    s = { lead: [lead(lo), lead(hi)], lengths: [Math.min(lo.length, hi.length), Math.max(lo.length, hi.length)] };
    shapes.set(prefix, s);
  }
  return s;
}

/**
 * A one-character-short (or long) address decodes to bytes with no valid SS58 layout, whose first
 * byte is noise ("reserved prefix byte 0xb9"). Say instead what the user can fix: the length, for
 * the network its first two characters (or `expectedPrefix`) point to. Only the 64 one-byte
 * prefixes are guessed (Polkadot 0, Kusama 2, Substrate/Bittensor 42...): 128 encodings, once.
 */
function wrongLength(address: string, expectedPrefix: number | undefined): string | undefined {
  const at = lead(address);
  const candidates = expectedPrefix !== undefined
    ? [expectedPrefix]
    : Array.from({ length: 64 }, (_, p) => p).filter((p) => at >= accountShape(p).lead[0] && at <= accountShape(p).lead[1]);
  if (candidates.length === 0 || candidates.length > 3) return undefined;
  const [lo, hi] = accountShape(candidates[0]).lengths;
  if (candidates.some((p) => address.length >= accountShape(p).lengths[0] && address.length <= accountShape(p).lengths[1])) return undefined;
  const n = address.length;
  const hint = n === lo - 1 ? ': one character is missing' : n === hi + 1 ? ': one character too many' : '';
  return `wrong length ${n} for a prefix-${candidates.join('/')} address (its account addresses have ${lo === hi ? lo : `${lo}–${hi}`} characters)${hint}`;
}

/**
 * The 32-byte account id behind an SS58 address or a `0x` hex string of 32 bytes.
 * Anything else (including 33-byte ECDSA payloads) is not an AccountId32 and throws.
 */
export function toPublicKey(addressOrHex: string | Uint8Array): Uint8Array {
  let key: Uint8Array;
  let shown: string;
  if (addressOrHex instanceof Uint8Array) {
    key = addressOrHex;
    shown = toHex(key);
  } else if (typeof addressOrHex === 'string') {
    shown = addressOrHex;
    key = addressOrHex.startsWith('0x') || addressOrHex.startsWith('0X') ? keyBytes(addressOrHex) : ss58Decode(addressOrHex).publicKey;
  } else {
    throw new InvalidAddressError(String(addressOrHex), 'expected an SS58 address, 0x hex or bytes');
  }
  if (key.length !== 32) throw new InvalidAddressError(shown, `expected a 32-byte account id, got ${key.length} bytes`);
  return key;
}
