// Fresh random accounts for tests that sign on a shared chain: nobody else's nonce or balance.
import { randomBytes } from 'node:crypto';
import { ss58Encode } from '../../src/scale/index.js';
import { sr25519Signer, type Signer } from '../../src/substrate/index.js';

/** SS58 (prefix 42) of a public key. */
export const addr = (pk: Uint8Array): string => ss58Encode(pk, 42);

/** A new sr25519 signer and its address. */
export function newColdkey(): { signer: Signer; address: string } {
  const signer = sr25519Signer(randomBytes(32));
  return { signer, address: addr(signer.publicKey) };
}

/** A new address nobody holds the key of (a hotkey or destination that only receives). */
export const newAddress = (): string => addr(randomBytes(32));
