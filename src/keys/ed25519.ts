// ed25519 through @noble/curves. Hard derivation only, as in sp-core: the child seed is
// blake2-256(SCALE("Ed25519HDKD") ‖ seed ‖ chainCode). The secret is the 32-byte seed.
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2_256, concatBytes, encode, str } from '../scale/index.js';
import { UnsupportedDerivationError } from './errors.js';
import type { Scheme } from './scheme.js';

const HDKD_ID = encode(str, 'Ed25519HDKD');

export const ed25519Scheme: Scheme = {
  keyType: 'ed25519',
  signatureType: 'Ed25519',
  fromSeed: (seed) => seed.slice(),
  publicKey: (secret) => ed25519.getPublicKey(secret),
  accountId: (publicKey) => publicKey,
  derive: (secret, j) => {
    if (!j.hard) throw new UnsupportedDerivationError('ed25519', j.text);
    return blake2_256(concatBytes(HDKD_ID, secret, j.chainCode));
  },
  sign: (secret, message) => ed25519.sign(message, secret),
  verify: (message, signature, publicKey) => {
    try {
      return ed25519.verify(signature, message, publicKey);
    } catch {
      return false;
    }
  },
};
