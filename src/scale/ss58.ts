// SS58 addresses (https://docs.substrate.io/reference/address-formats/):
// base58(prefix ++ payload ++ blake2b-512("SS58PRE" ++ prefix ++ payload)[0..checksumLength]).
import { blake2b } from '@noble/hashes/blake2.js';
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
  return blake2b(input, { dkLen: 64 });
}

function prefixBytes(prefix: number): Uint8Array {
  if (prefix < 64) return new Uint8Array([prefix]);
  // 14-bit identifier split as the spec lays it out: the 0b01 tag marks a 2-byte prefix.
  return new Uint8Array([((prefix & 0b1111_1100) >> 2) | 0b0100_0000, (prefix >> 8) | ((prefix & 0b11) << 6)]);
}

function checkPrefix(prefix: unknown, context: string): asserts prefix is number {
  if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < 0 || prefix > MAX_PREFIX) {
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
  if (typeof address !== 'string') throw new InvalidAddressError(String(address), 'address must be a string');
  if (expectedPrefix !== undefined) checkPrefix(expectedPrefix, address);
  if (address.length === 0) throw new InvalidAddressError(address, 'empty address');
  if (address.length > MAX_ADDRESS_CHARS) {
    throw new InvalidAddressError(address, `bad length: ${address.length} characters, at most ${MAX_ADDRESS_CHARS}`);
  }
  for (let i = 0; i < address.length; i++) {
    if (!ALPHABET.includes(address[i])) {
      throw new InvalidAddressError(address, `bad base58 character ${JSON.stringify(address[i])} at position ${i}`);
    }
  }
  const data = base58Decode(address)!;

  const b0 = data[0];
  if (b0 >= 128) throw new InvalidAddressError(address, `reserved prefix byte 0x${b0.toString(16)}`);
  const prefixLength = b0 < 64 ? 1 : 2;
  if (data.length < prefixLength + 2) throw new InvalidAddressError(address, `bad length: ${data.length} bytes decoded`);
  const prefix = prefixLength === 1 ? b0 : ((b0 & 0b0011_1111) << 2) | (data[1] >> 6) | ((data[1] & 0b0011_1111) << 8);

  // The checksum length depends on the payload length, so try the 2-byte (account key) reading first.
  const rest = data.length - prefixLength;
  const cl = rest === 34 || rest === 35 ? 2 : 1;
  const payloadLength = rest - cl;
  if (checksumLength(payloadLength) !== cl) {
    throw new InvalidAddressError(address, `bad length: ${data.length} bytes decoded, payload must be 1, 2, 4, 8, 32 or 33 bytes`);
  }

  const end = prefixLength + payloadLength;
  const sum = checksum(data.subarray(0, end));
  for (let i = 0; i < cl; i++) {
    if (sum[i] !== data[end + i]) throw new InvalidAddressError(address, 'bad checksum');
  }
  if (expectedPrefix !== undefined && prefix !== expectedPrefix) {
    throw new InvalidAddressError(address, `prefix mismatch: expected ${expectedPrefix}, got ${prefix}`);
  }
  return { publicKey: data.slice(prefixLength, end), prefix };
}

/** True when `address` decodes as SS58 (and, if given, carries `prefix`). Never throws. */
export function isValidSs58(address: unknown, prefix?: number): boolean {
  if (typeof address !== 'string') return false;
  try {
    ss58Decode(address, prefix);
    return true;
  } catch {
    return false;
  }
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
