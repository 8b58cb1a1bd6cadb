/**
 * @module Timelock encryption to a drand quicknet round, byte-compatible with what Subtensor
 * stores for commit-reveal (bittensor-drand's `encrypt_and_compress`, tle rev 5416406).
 *
 * The serialized `TLECiphertext` (arkworks 0.4 `serialize_compressed`; every `Vec<u8>` is a
 * u64 little-endian length followed by its bytes):
 *
 *   header.u      96 bytes   G2 point, compressed (zcash flags, as noble writes it)
 *   header.v      u64 + 32   σ ⊕ H2(e(Q_id, r·P_pub))
 *   header.w      u64 + 32   key ⊕ H4(σ)
 *   body          u64 + n    AESOutput { ciphertext: u64 + (plaintext + 16-byte tag), nonce: u64 + 12 }
 *   cipher_suite  u64 + 8    "AES_GCM_"
 *
 * The identity of round `n` is sha256(n as 8 big-endian bytes), hashed to G1; the round's drand
 * signature is that identity's IBE secret. The 32-byte AES-256-GCM key is what the IBE header
 * carries. Like tle, decryption ignores bytes after the last field and does not check the
 * cipher-suite string (there is only one suite).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex } from '../../scale/hex.js';
import { InvalidArgumentError } from '../../substrate/errors.js';
import { objectArg, optFunctionArg, optionsArg, uint8ArrayArg } from '../../substrate/validate.js';
import { TimelockError } from './errors.js';
import { ibeDecrypt, ibeEncrypt, identityPoint, type G1Point, type G2Point, type IbeCiphertext } from './ibe.js';

/** drand quicknet, the beacon Subtensor's pallet_drand ingests. */
export const QUICKNET = {
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  /** Unix seconds of round 1. */
  genesisTime: 1692803367,
  /** Seconds between rounds. */
  period: 3,
} as const;

/** The only cipher suite tle defines. */
export const CIPHER_SUITE = new TextEncoder().encode('AES_GCM_');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const U_BYTES = 96;

export interface TimelockEncryptOptions {
  /** The beacon's G2 public key, 96 bytes compressed (default: quicknet's). */
  publicKey?: Uint8Array;
  /** Source of randomness for the AES key, σ and the nonce (default: crypto.getRandomValues). */
  rng?: (n: number) => Uint8Array;
}

function toRound(round: number | bigint): bigint {
  const integer = typeof round === 'bigint' || (typeof round === 'number' && Number.isSafeInteger(round));
  const r = integer ? BigInt(round) : -1n;
  if (r < 0n || r >= 1n << 64n) throw new InvalidArgumentError(`round: expected a u64, got ${round}`, 'round', round);
  return r;
}

/** The IBE identity of a drand round: sha256 of the round as 8 big-endian bytes. */
export function roundIdentity(round: number | bigint): Uint8Array {
  const be = new Uint8Array(8);
  new DataView(be.buffer).setBigUint64(0, toRound(round), false);
  return sha256(be);
}

function parsePublicKey(bytes: Uint8Array): G2Point {
  try {
    return bls12_381.G2.Point.fromBytes(bytes) as G2Point;
  } catch (cause) {
    throw new TimelockError('malformed', 'the public key is not a compressed G2 point', { at: 'publicKey', cause });
  }
}

function parseSignature(bytes: Uint8Array): G1Point {
  try {
    return bls12_381.G1.Point.fromBytes(bytes) as G1Point;
  } catch (cause) {
    throw new TimelockError('bad-signature', 'the round signature is not a compressed G1 point', { cause });
  }
}

/** Pairing check e(sig, G2) == e(H(round), pk): whether `signature` is the beacon's signature of `round`. */
export function verifyRoundSignature(round: number | bigint, signature: Uint8Array, publicKey: Uint8Array = fromHex(QUICKNET.publicKey)): boolean {
  toRound(round);
  uint8ArrayArg(signature, 'signature');
  uint8ArrayArg(publicKey, 'publicKey');
  const sig = parseSignature(signature);
  const pk = parsePublicKey(publicKey);
  return bls12_381.shortSignatures.verify(sig, identityPoint(roundIdentity(round)), pk);
}

/** An arkworks `Vec<u8>`: u64 little-endian length, then the bytes. */
function withLength(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + bytes.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(bytes.length), true);
  out.set(bytes, 8);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A forward-only reader over the ciphertext that names the field it failed on. */
class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array, private readonly prefix = '') {}

  take(n: number, at: string): Uint8Array {
    if (this.pos + n > this.bytes.length) {
      throw new TimelockError('malformed', `truncated: ${at} needs ${n} bytes, ${this.bytes.length - this.pos} left`, { at: this.prefix + at });
    }
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  vec(at: string): Uint8Array {
    const prefix = this.take(8, `${at} length`);
    const len = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
    if (len > BigInt(this.bytes.length - this.pos)) {
      throw new TimelockError('malformed', `length prefix of ${at} says ${len} bytes, only ${this.bytes.length - this.pos} left (truncated, or the length prefix is missing)`, { at: this.prefix + at });
    }
    return this.take(Number(len), at);
  }
}

/** The parsed `TLECiphertext`. */
export interface TimelockCiphertext {
  header: IbeCiphertext;
  /** AES-256-GCM output: ciphertext with its 16-byte tag appended. */
  sealed: Uint8Array;
  nonce: Uint8Array;
  cipherSuite: Uint8Array;
}

/** Serialize as arkworks' `TLECiphertext::serialize_compressed` does (the bytes the chain stores). */
export function serializeCiphertext(ct: TimelockCiphertext): Uint8Array {
  const header = objectArg(objectArg(ct, 'ct').header, 'ct.header');
  for (const k of ['v', 'w'] as const) uint8ArrayArg(header[k], `ct.header.${k}`);
  for (const k of ['sealed', 'nonce', 'cipherSuite'] as const) uint8ArrayArg(ct[k], `ct.${k}`);
  if (!(header.u instanceof bls12_381.G2.Point)) throw new InvalidArgumentError('ct.header.u: expected a G2 point', 'ct.header.u', header.u);
  const body = concat([withLength(ct.sealed), withLength(ct.nonce)]);
  return concat([ct.header.u.toBytes(true), withLength(ct.header.v), withLength(ct.header.w), withLength(body), withLength(ct.cipherSuite)]);
}

/** Parse a serialized `TLECiphertext`; throws TimelockError `malformed` naming the bad field. */
export function parseCiphertext(bytes: Uint8Array): TimelockCiphertext {
  const r = new Reader(uint8ArrayArg(bytes, 'bytes'));
  const uBytes = r.take(U_BYTES, 'header.u');
  let u: G2Point;
  try {
    u = bls12_381.G2.Point.fromBytes(uBytes) as G2Point;
  } catch (cause) {
    throw new TimelockError('malformed', 'U is not a compressed G2 point in the subgroup', { at: 'header.u', cause });
  }
  const v = r.vec('header.v');
  const w = r.vec('header.w');
  const body = new Reader(r.vec('body'), 'body.');
  const sealed = body.vec('ciphertext');
  const nonce = body.vec('nonce');
  const cipherSuite = r.vec('cipher_suite');
  return { header: { u, v, w }, sealed, nonce, cipherSuite };
}

/**
 * Timelock-encrypt `payload` to drand round `round`; returns the serialized ciphertext as the
 * chain stores it (e.g. `commit_timelocked_weights`' `commit`).
 */
export function timelockEncrypt(payload: Uint8Array, round: number | bigint, opts: TimelockEncryptOptions = {}): Uint8Array {
  uint8ArrayArg(payload, 'payload');
  toRound(round);
  const o = optionsArg(opts, 'opts');
  const rng = optFunctionArg<(n: number) => Uint8Array>(o.rng, 'opts.rng') ?? randomBytes;
  const publicKey = parsePublicKey(o.publicKey == null ? fromHex(QUICKNET.publicKey) : uint8ArrayArg(o.publicKey, 'opts.publicKey'));
  const [key, sigma, nonce] = [32, 32, NONCE_BYTES].map((n) => {
    const b = rng(n);
    if (!(b instanceof Uint8Array) || b.length !== n) throw new InvalidArgumentError(`opts.rng: must return ${n} random bytes`, 'opts.rng', o.rng);
    return b;
  });
  const header = ibeEncrypt(publicKey, identityPoint(roundIdentity(round)), key, sigma);
  const sealed = gcm(key, nonce).encrypt(payload);
  return serializeCiphertext({ header, sealed, nonce, cipherSuite: CIPHER_SUITE });
}

/**
 * Decrypt a serialized ciphertext with the drand signature of its round (48 bytes, compressed G1).
 * Throws TimelockError: `malformed`, `bad-signature` or `decrypt-failed` (see its docs).
 */
export function timelockDecrypt(ciphertext: Uint8Array, roundSignature: Uint8Array): Uint8Array {
  uint8ArrayArg(ciphertext, 'ciphertext');
  uint8ArrayArg(roundSignature, 'roundSignature');
  const ct = parseCiphertext(ciphertext);
  // Shape checks first, so malformed input never costs a pairing.
  if (ct.nonce.length !== NONCE_BYTES) {
    throw new TimelockError('malformed', `the AES-GCM nonce must be ${NONCE_BYTES} bytes, got ${ct.nonce.length}`, { at: 'body.nonce' });
  }
  if (ct.sealed.length < TAG_BYTES) {
    throw new TimelockError('malformed', `the AES-GCM ciphertext is ${ct.sealed.length} bytes, shorter than its ${TAG_BYTES}-byte tag`, { at: 'body.ciphertext' });
  }
  const key = ibeDecrypt(parseSignature(roundSignature), ct.header);
  try {
    return gcm(key, ct.nonce).decrypt(ct.sealed);
  } catch (cause) {
    throw new TimelockError('decrypt-failed', 'AES-GCM authentication failed: the body was altered or belongs to another key', { at: 'body', cause });
  }
}
