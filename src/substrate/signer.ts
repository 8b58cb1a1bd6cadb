// The Signer seam, plus the sr25519 helpers that predate src/keys. Any object with a public key,
// a MultiSignature type and `sign` is a Signer; a keys-layer `Keypair` is one. Dev accounts
// (//Alice, //Bob, ...) derive from the well-known Substrate dev phrase; its mini-secret is
// hard-coded so the root bundle ships no BIP39 word list and no other curve.
import * as sr25519 from '@scure/sr25519';
import { fromHex } from '../scale/index.js';
import { InvalidSuriError } from '../keys/errors.js';
import { Keypair } from '../keys/keypair.js';
import { deriveSecret } from '../keys/scheme.js';
import { sr25519Scheme } from '../keys/sr25519.js';
import { parseDerivationPath } from '../keys/suri.js';
import { InvalidArgumentError } from './errors.js';
import { nameArg } from './validate.js';

/** Secret bytes of an allowed length; the error keeps the length only, never the bytes. */
function secretArg(v: unknown, name: string, lengths: number[]): Uint8Array {
  if (!(v instanceof Uint8Array) || !lengths.includes(v.length)) {
    const got = v instanceof Uint8Array ? `${v.length} bytes` : v === null ? 'null' : typeof v;
    throw new InvalidArgumentError(`${name}: expected a Uint8Array of ${lengths.join(' or ')} bytes, got ${got}`, name, got);
  }
  return v;
}

export interface Signer {
  /** Public key: the 32-byte AccountId32 for sr25519/ed25519; ecdsa's 33-byte key when `accountId` is set. */
  publicKey: Uint8Array;
  /** AccountId32 when it differs from `publicKey` (ecdsa: blake2-256 of the compressed key). */
  accountId?: Uint8Array;
  /** MultiSignature variant name the chain expects. */
  type: 'Sr25519' | 'Ed25519' | 'Ecdsa';
  sign(payload: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** sr25519 signer from a 64-byte secret key (@scure/sr25519 layout) or a 32-byte mini-secret (seed). */
export function sr25519Signer(secret: Uint8Array): Signer & { secretKey: Uint8Array } {
  secretArg(secret, 'secret', [32, 64]);
  const secretKey = secret.length === 32 ? sr25519.secretFromSeed(secret) : secret;
  return {
    publicKey: sr25519.getPublicKey(secretKey),
    secretKey,
    type: 'Sr25519',
    sign: (payload) => sr25519.sign(secretKey, payload),
  };
}

// Mini-secret of "bottom drive obey lake curtain smoke basket hold race lonely fit walk" (public
// dev phrase); test/keys checks it against keypairFromUri('//Alice').
const DEV_MINI_SECRET = '0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e';

/** Derive `//Name` hard junctions from an sr25519 secret key, as Substrate's SURI does. */
export function deriveHard(secretKey: Uint8Array, path: string): Uint8Array {
  secretArg(secretKey, 'secretKey', [64]);
  if (typeof path !== 'string') throw new InvalidArgumentError(`path: expected a string like "//Alice", got ${path === null ? 'null' : typeof path}`, 'path', path);
  const junctions = parseDerivationPath(path);
  const soft = junctions.find((j) => !j.hard);
  if (soft) throw new InvalidSuriError(path, `deriveHard takes hard junctions only; use keypairFromUri for "/${soft.text}"`);
  return deriveSecret(sr25519Scheme, secretKey, junctions);
}

/** A dev account keypair: devSigner('Alice') is //Alice on every Substrate dev chain. */
export function devSigner(name: string): Keypair {
  nameArg(name, 'name');
  const root = sr25519.secretFromSeed(fromHex(DEV_MINI_SECRET));
  return new Keypair({ scheme: sr25519Scheme, secret: deriveHard(root, `//${name}`) });
}
