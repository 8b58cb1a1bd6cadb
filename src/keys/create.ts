// The named ways to build a keypair (seed, mnemonic, secret URI, stored private key) and a free
// `verify`. This module pulls in every scheme; code that needs sr25519 alone imports the pieces.
import { fromHex, isHex, ss58Decode } from '../scale/index.js';
import { ecdsaScheme } from './ecdsa.js';
import { ed25519Scheme } from './ed25519.js';
import { InvalidKeyError, InvalidSuriError } from './errors.js';
import { Keypair, keypairSecrets, type KeypairSecrets } from './keypair.js';
import { mnemonicToMiniSecret } from './mnemonic.js';
import { deriveSecret, type KeyType, type Scheme } from './scheme.js';
import { canonicalToScure, sr25519Scheme } from './sr25519.js';
import { parseSuri } from './suri.js';

export interface KeyOptions {
  /** Default 'sr25519' (Bittensor and Substrate accounts). */
  type?: KeyType;
}

const SCHEMES: Record<KeyType, Scheme> = { sr25519: sr25519Scheme, ed25519: ed25519Scheme, ecdsa: ecdsaScheme };

export function schemeOf(type: KeyType = 'sr25519'): Scheme {
  const s = SCHEMES[type];
  if (!s) throw new InvalidKeyError('key type', `${JSON.stringify(type)} is not one of sr25519, ed25519, ecdsa`);
  return s;
}

function bytesOf(input: Uint8Array | string, what: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (typeof input === 'string' && isHex(input)) return fromHex(input);
  throw new InvalidKeyError(what, 'expected bytes or a 0x-prefixed hex string');
}

/** A keypair from a 32-byte seed (the mini-secret for sr25519). */
export function keypairFromSeed(seed: Uint8Array | string, opts: KeyOptions = {}): Keypair {
  const bytes = bytesOf(seed, 'seed');
  if (bytes.length !== 32) throw new InvalidKeyError('seed', `must be 32 bytes, got ${bytes.length}`);
  const scheme = schemeOf(opts.type);
  return new Keypair({ scheme, secret: scheme.fromSeed(bytes), seed: bytes.slice() });
}

/** A keypair from a BIP39 mnemonic, as Substrate and bittensor-wallet derive it. */
export function keypairFromMnemonic(phrase: string, opts: KeyOptions & { password?: string } = {}): Keypair {
  const seed = mnemonicToMiniSecret(phrase, opts.password ?? '');
  const scheme = schemeOf(opts.type);
  const secrets: KeypairSecrets = { scheme, secret: scheme.fromSeed(seed), seed };
  if (!opts.password) secrets.mnemonic = phrase.normalize('NFKD').trim().split(/\s+/).join(' ');
  return new Keypair(secrets);
}

/** A keypair from a secret URI: `<phrase | 0xseed>[//hard][/soft]…[///password]`; `//Alice` is the dev Alice. */
export function keypairFromUri(suri: string, opts: KeyOptions = {}): Keypair {
  const scheme = schemeOf(opts.type);
  const p = parseSuri(suri);
  let root: Keypair;
  if (p.phrase.startsWith('0x')) {
    // sp-core ignores the password for a hex seed; so do we.
    if (!isHex(p.phrase)) throw new InvalidSuriError(p.derivePath, 'the 0x seed is not valid hex');
    const bytes = fromHex(p.phrase);
    if (bytes.length === 64 && scheme === sr25519Scheme) root = keypairFromPrivateKey(bytes);
    else if (bytes.length === 32) root = keypairFromSeed(bytes, opts);
    else throw new InvalidSuriError(p.derivePath, `the 0x seed must be 32 bytes${scheme === sr25519Scheme ? ' (or a 64-byte sr25519 secret)' : ''}, got ${bytes.length}`);
  } else {
    root = keypairFromMnemonic(p.phrase, { type: opts.type, password: p.password });
  }
  if (p.path.length === 0) return root;
  const { secret } = keypairSecrets(root);
  return new Keypair({ scheme, secret: deriveSecret(scheme, secret, p.path) });
}

/**
 * A keypair from a stored private key. sr25519: the 64-byte schnorrkel secret as bittensor-wallet
 * writes `privateKey` (scalar ‖ nonce); ed25519: the 32-byte seed or polkadot.js's seed ‖ public;
 * ecdsa: the 32-byte secret.
 */
export function keypairFromPrivateKey(privateKey: Uint8Array | string, opts: KeyOptions = {}): Keypair {
  const bytes = bytesOf(privateKey, 'private key');
  const scheme = schemeOf(opts.type);
  if (scheme === sr25519Scheme) {
    if (bytes.length !== 64) throw new InvalidKeyError('sr25519 private key', `must be 64 bytes, got ${bytes.length}`);
    return new Keypair({ scheme, secret: canonicalToScure(bytes) });
  }
  if (bytes.length === 32) return new Keypair({ scheme, secret: bytes.slice() });
  if (bytes.length === 64 && scheme === ed25519Scheme) {
    const kp = new Keypair({ scheme, secret: bytes.slice(0, 32) });
    if (kp.publicKey.every((b, i) => b === bytes[32 + i])) return kp;
    throw new InvalidKeyError('ed25519 private key', 'the last 32 bytes are not the public key of the first 32');
  }
  throw new InvalidKeyError(`${scheme.keyType} private key`, `must be 32 bytes, got ${bytes.length}`);
}

function publicKeyOf(key: Uint8Array | string): Uint8Array {
  if (key instanceof Uint8Array) return key;
  if (isHex(key)) return fromHex(key);
  return ss58Decode(key).publicKey;
}

const enc = new TextEncoder();

/**
 * Verify a signature against a public key or SS58 address. Without `type`, a 65-byte signature is
 * ecdsa and a 64-byte one is tried as sr25519 then ed25519. Like polkadot.js and bittensor-wallet,
 * a signature over the `<Bytes>…</Bytes>` wrapping of the message (what wallets' signRaw signs)
 * also verifies.
 */
export function verify(message: Uint8Array | string, signature: Uint8Array | string, publicKeyOrAddress: Uint8Array | string, type?: KeyType): boolean {
  const msg = typeof message === 'string' ? enc.encode(message) : message;
  const sig = bytesOf(signature, 'signature');
  const pub = publicKeyOf(publicKeyOrAddress);
  const schemes = type ? [schemeOf(type)] : sig.length === 65 ? [ecdsaScheme] : [sr25519Scheme, ed25519Scheme];
  const wrapped = new Uint8Array([...enc.encode('<Bytes>'), ...msg, ...enc.encode('</Bytes>')]);
  return schemes.some((s) => (s === ecdsaScheme ? pub.length === 32 || pub.length === 33 : pub.length === 32) && (s.verify(msg, sig, pub) || s.verify(wrapped, sig, pub)));
}
