// ecdsa over secp256k1 through @noble/curves, as Substrate uses it: the public key is the
// 33-byte compressed point, the AccountId32 is its blake2-256, the message is hashed with
// blake2-256 (not sha256) before signing, and the 65-byte signature is r ‖ s ‖ recovery id.
// Hard derivation only: child = blake2-256(SCALE("Secp256k1HDKD") ‖ secret ‖ chainCode).
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { blake2_256, concatBytes, encode, str } from '../scale/index.js';
import { UnsupportedDerivationError } from './errors.js';
import type { Scheme } from './scheme.js';

const HDKD_ID = encode(str, 'Secp256k1HDKD');

/** Recover the 33-byte compressed public key from a 65-byte Substrate ecdsa signature. */
export function ecdsaRecover(message: Uint8Array, signature: Uint8Array): Uint8Array | null {
  if (signature.length !== 65 || signature[64] > 3) return null;
  const recovered = new Uint8Array(65);
  recovered[0] = signature[64]; // noble's 'recovered' layout puts the recovery id first
  recovered.set(signature.subarray(0, 64), 1);
  try {
    return secp256k1.recoverPublicKey(recovered, blake2_256(message), { prehash: false });
  } catch {
    return null;
  }
}

export const ecdsaScheme: Scheme = {
  keyType: 'ecdsa',
  signatureType: 'Ecdsa',
  fromSeed: (seed) => seed.slice(),
  publicKey: (secret) => secp256k1.getPublicKey(secret, true),
  accountId: (publicKey) => blake2_256(publicKey),
  derive: (secret, j) => {
    if (!j.hard) throw new UnsupportedDerivationError('ecdsa', j.text);
    return blake2_256(concatBytes(HDKD_ID, secret, j.chainCode));
  },
  sign: (secret, message) => {
    const rec = secp256k1.sign(blake2_256(message), secret, { prehash: false, format: 'recovered' });
    return concatBytes(rec.subarray(1, 65), rec.subarray(0, 1));
  },
  verify: (message, signature, publicKey) => {
    const pub = ecdsaRecover(message, signature);
    if (!pub) return false;
    const target = publicKey.length === 33 ? pub : blake2_256(pub);
    return target.length === publicKey.length && target.every((b, i) => b === publicKey[i]);
  },
};
