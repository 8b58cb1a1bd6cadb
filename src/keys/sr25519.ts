// sr25519 (schnorrkel over ristretto255) through @scure/sr25519: hard and soft HDKD.
// Secret layout: @scure/sr25519's 64 bytes (key scalar in the Ed25519 "×8" form ‖ nonce), which is
// also polkadot.js's. bittensor-wallet stores schnorrkel's canonical form instead (scalar ‖ nonce);
// `canonicalToScure` / `scureToCanonical` convert.
import * as sr25519 from '@scure/sr25519';
import type { Scheme } from './scheme.js';

const MASK_256 = (1n << 256n) - 1n;

function scalarLE(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = 31; i >= 0; i--) x = (x << 8n) | BigInt(b[i]);
  return x;
}

function withScalar(secret: Uint8Array, x: bigint): Uint8Array {
  const out = new Uint8Array(64);
  for (let i = 0; i < 32; i++, x >>= 8n) out[i] = Number(x & 0xffn);
  out.set(secret.subarray(32, 64), 32);
  return out;
}

/** schnorrkel `SecretKey::to_bytes()` (bittensor-wallet's privateKey) → @scure/sr25519 secret. */
export function canonicalToScure(secret: Uint8Array): Uint8Array {
  return withScalar(secret, (scalarLE(secret) << 3n) & MASK_256);
}

/** @scure/sr25519 secret → schnorrkel `SecretKey::to_bytes()`. */
export function scureToCanonical(secret: Uint8Array): Uint8Array {
  return withScalar(secret, scalarLE(secret) >> 3n);
}

export const sr25519Scheme: Scheme = {
  keyType: 'sr25519',
  signatureType: 'Sr25519',
  fromSeed: (seed) => sr25519.secretFromSeed(seed),
  publicKey: (secret) => sr25519.getPublicKey(secret),
  accountId: (publicKey) => publicKey,
  derive: (secret, j) => (j.hard ? sr25519.HDKD.secretHard(secret, j.chainCode) : sr25519.HDKD.secretSoft(secret, j.chainCode)),
  sign: (secret, message) => sr25519.sign(secret, message),
  verify: (message, signature, publicKey) => {
    try {
      return sr25519.verify(message, signature, publicKey);
    } catch {
      return false; // a malformed point or marker is simply not a valid signature
    }
  },
};
