// The Signer seam and an sr25519 implementation from @scure/sr25519 (pure JS, audited family).
// Dev accounts (//Alice, //Bob, ...) derive from the well-known Substrate dev phrase; its mini-secret
// is hard-coded so no BIP39 word list ships in the bundle.
import * as sr25519 from '@scure/sr25519';
import { encode, fromHex, ss58Encode, str } from '../scale/index.js';
import { blake2_256 } from '../scale/index.js';
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
  /** 32-byte public key (AccountId32). */
  publicKey: Uint8Array;
  /** MultiSignature variant name the chain expects. */
  type: 'Sr25519' | 'Ed25519' | 'Ecdsa';
  sign(payload: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** sr25519 signer from a 64-byte secret key or a 32-byte mini-secret (seed). */
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

// Mini-secret of "bottom drive obey lake curtain smoke basket hold race lonely fit walk" (public dev phrase).
const DEV_MINI_SECRET = '0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e';

/** Derive `//Name` hard junctions from a secret key, as Substrate's SURI does. */
export function deriveHard(secretKey: Uint8Array, path: string): Uint8Array {
  secretArg(secretKey, 'secretKey', [64]);
  if (typeof path !== 'string') throw new InvalidArgumentError(`path: expected a string like "//Alice", got ${path === null ? 'null' : typeof path}`, 'path', path);
  let sk = secretKey;
  for (const j of path.split('//').filter(Boolean)) {
    const enc = /^\d+$/.test(j) ? u64le(BigInt(j)) : encode(str, j);
    const cc = new Uint8Array(32);
    cc.set(enc.length > 32 ? blake2_256(enc) : enc);
    sk = sr25519.HDKD.secretHard(sk, cc);
  }
  return sk;
}

function u64le(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
}

/** A dev account signer: devSigner('Alice') is //Alice on every Substrate dev chain. */
export function devSigner(name: string): Signer & { secretKey: Uint8Array; address: string } {
  nameArg(name, 'name');
  const root = sr25519.secretFromSeed(fromHex(DEV_MINI_SECRET));
  const s = sr25519Signer(deriveHard(root, `//${name}`));
  return { ...s, address: ss58Encode(s.publicKey, 42) };
}
