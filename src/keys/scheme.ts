// The contract each signature scheme (sr25519, ed25519, ecdsa) fulfils. Each scheme lives in its
// own module so a bundle pulls in only the curves it uses (devSigner needs sr25519 alone).
import type { Junction } from './suri.js';

/** Key types by the names Substrate tools use on the command line (`--scheme sr25519`). */
export type KeyType = 'sr25519' | 'ed25519' | 'ecdsa';

/** The MultiSignature variant of each key type, as the `Signer` seam names it. */
export type SignatureType = 'Sr25519' | 'Ed25519' | 'Ecdsa';

export interface Scheme {
  readonly keyType: KeyType;
  readonly signatureType: SignatureType;
  /** Secret material from a 32-byte seed (sr25519: the 64-byte expanded key; others: the seed). */
  fromSeed(seed: Uint8Array): Uint8Array;
  publicKey(secret: Uint8Array): Uint8Array;
  /** The 32-byte AccountId32 of a public key. */
  accountId(publicKey: Uint8Array): Uint8Array;
  derive(secret: Uint8Array, junction: Junction): Uint8Array;
  sign(secret: Uint8Array, message: Uint8Array): Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
}

/** Walk a derivation path from a scheme secret. */
export function deriveSecret(scheme: Scheme, secret: Uint8Array, path: readonly Junction[]): Uint8Array {
  let s = secret;
  for (const j of path) s = scheme.derive(s, j);
  return s;
}
