/**
 * @module Boneh–Franklin FullIdent IBE over BLS12-381 in the shape the `tle` crate (ideal-lab5,
 * rev 5416406, "TinyBLS381") gives it: identities hash to G1, the master public key and `U` live
 * in G2, and the pairing is always e(G1 point, G2 point).
 *
 *   encrypt(m, σ):  r = H3(σ‖m),  U = r·G2,  V = σ ⊕ H2(e(Q_id, r·P_pub)),  W = m ⊕ H4(σ)
 *   decrypt(d_id):  σ = V ⊕ H2(e(d_id, U)),  m = W ⊕ H4(σ),  accept iff U == H3(σ‖m)·G2
 *
 * with H2 = sha256 of the GT element's arkworks bytes, H3 = sha256 read big-endian mod r,
 * H4 = sha256 (truncated to the input length, always 32 here).
 *
 * Byte-order trap: arkworks serializes an Fp12 as its twelve Fp limbs in tower order
 * (c0.c0.c0, c0.c0.c1, c0.c1.c0, … c1.c2.c1), each 48 bytes little-endian, no flags. noble's own
 * encoding is big-endian, so H2 would hash different bytes; `gtToBytes` writes arkworks' order.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { Fp12 } from '@noble/curves/abstract/tower.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { TimelockError } from './errors.js';

/** A point of G1 (signatures, identities). */
export type G1Point = WeierstrassPoint<bigint>;
/** A point of G2 (the beacon public key, the ciphertext's `U`). */
export type G2Point = WeierstrassPoint<{ c0: bigint; c1: bigint }>;

/** The hash-to-curve domain of drand quicknet (bls-unchained-g1-rfc9380) and of tle's identities. */
export const IDENTITY_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

/** Bytes of one Fp limb and of a whole GT element in arkworks' encoding. */
const FP_BYTES = 48;
export const GT_BYTES = 12 * FP_BYTES;

/** The IBE header: `U` in G2 and the two 32-byte masks. */
export interface IbeCiphertext {
  u: G2Point;
  v: Uint8Array;
  w: Uint8Array;
}

const { Fr } = bls12_381.fields;
const G2 = bls12_381.G2.Point;

/** The identity's public point: RFC 9380 hash-to-G1 of the identity bytes under IDENTITY_DST. */
export function identityPoint(identity: Uint8Array): G1Point {
  return bls12_381.G1.hashToCurve(identity, { DST: IDENTITY_DST }) as G1Point;
}

/** A GT element as arkworks' `serialize_compressed` writes it (576 bytes, limbs little-endian). */
export function gtToBytes(gt: Fp12): Uint8Array {
  const limbs: bigint[] = [];
  for (const fp6 of [gt.c0, gt.c1]) {
    for (const fp2 of [fp6.c0, fp6.c1, fp6.c2]) limbs.push(fp2.c0, fp2.c1);
  }
  const out = new Uint8Array(GT_BYTES);
  limbs.forEach((limb, i) => {
    let x = limb;
    for (let j = 0; j < FP_BYTES; j++, x >>= 8n) out[i * FP_BYTES + j] = Number(x & 0xffn);
  });
  return out;
}

function xor32(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = a[i] ^ b[i];
  return out;
}

const h2 = (gt: Fp12): Uint8Array => sha256(gtToBytes(gt));
const h4 = (sigma: Uint8Array): Uint8Array => sha256(sigma);

/** H3: sha256(σ‖m) as a big-endian integer reduced mod r (arkworks `from_be_bytes_mod_order`). */
function h3(sigma: Uint8Array, message: Uint8Array): bigint {
  const input = new Uint8Array(64);
  input.set(sigma, 0);
  input.set(message, 32);
  let x = 0n;
  for (const byte of sha256(input)) x = (x << 8n) | BigInt(byte);
  return Fr.create(x);
}

function assert32(bytes: Uint8Array, what: string): void {
  if (bytes.length !== 32) throw new TimelockError('malformed', `${what} must be 32 bytes, got ${bytes.length}`, { at: what });
}

/**
 * Encrypt a 32-byte `message` to `identity` under the master key `masterPublicKey`, with the
 * caller's random 32-byte `sigma` (tle draws it from its RNG; taking it here keeps this pure).
 */
export function ibeEncrypt(masterPublicKey: G2Point, identity: G1Point, message: Uint8Array, sigma: Uint8Array): IbeCiphertext {
  assert32(message, 'message');
  assert32(sigma, 'sigma');
  const r = h3(sigma, message);
  const gId = bls12_381.pairing(identity, masterPublicKey.multiply(r));
  return { u: G2.BASE.multiply(r), v: xor32(sigma, h2(gId)), w: xor32(message, h4(sigma)) };
}

/**
 * Open `ciphertext` with the identity's secret `secret` (for quicknet: the round signature).
 * Throws TimelockError `bad-signature` when the consistency check U == H3(σ‖m)·G2 fails.
 */
export function ibeDecrypt(secret: G1Point, ciphertext: IbeCiphertext): Uint8Array {
  assert32(ciphertext.v, 'header.v');
  assert32(ciphertext.w, 'header.w');
  if (ciphertext.u.is0()) throw new TimelockError('malformed', 'U is the point at infinity', { at: 'header.u' });
  if (secret.is0()) throw new TimelockError('bad-signature', 'the signature is the point at infinity');
  const sigma = xor32(ciphertext.v, h2(bls12_381.pairing(secret, ciphertext.u)));
  const message = xor32(ciphertext.w, h4(sigma));
  const r = h3(sigma, message);
  if (r === 0n || !G2.BASE.multiply(r).equals(ciphertext.u)) {
    throw new TimelockError('bad-signature', 'the signature does not open this ciphertext (wrong round signature, or a corrupted header)', { at: 'header' });
  }
  return message;
}
