// The keyfile JSON of bittensor-wallet (btwallet src/keyfile.rs): `accountId`, `publicKey`
// (both 0x-hex of the public key), `privateKey` (0x-hex of schnorrkel's 64-byte canonical secret),
// `secretPhrase`, `secretSeed` (0x-hex mini-secret), `ss58Address`. Public-only files (coldkeypub.txt,
// <hotkey>pub.txt) carry accountId, publicKey and ss58Address. btwallet writes compact JSON and
// reads the secret from the first present field of secretPhrase, secretSeed, privateKey.
import { fromHex, isHex, ss58Decode, ss58Encode, toHex } from '../scale/index.js';
import { keypairFromMnemonic, keypairFromPrivateKey, keypairFromSeed } from './create.js';
import { KeyfileError, KeyfileMismatchError } from './errors.js';
import { Keypair, keypairSecrets } from './keypair.js';
import { scureToCanonical, sr25519Scheme } from './sr25519.js';

export interface KeyfileContents {
  publicKey: Uint8Array;
  /** SS58 address (prefix 42). */
  address: string;
  /** The keypair, or null for a public-only file. */
  keypair: Keypair | null;
}

/** Keyfile JSON of a keypair (sr25519 only, as bittensor-wallet). `publicOnly` for *pub.txt files. */
export function keyfileJson(kp: Keypair, publicOnly = false): string {
  const s = keypairSecrets(kp);
  if (s.scheme !== sr25519Scheme) throw new KeyfileError('', `bittensor-wallet keyfiles hold sr25519 keys only, not ${kp.keyType}`);
  const pub = toHex(kp.publicKey);
  const out: Record<string, string> = { accountId: pub, publicKey: pub };
  if (!publicOnly) {
    out.privateKey = toHex(scureToCanonical(s.secret));
    if (s.mnemonic) out.secretPhrase = s.mnemonic;
    if (s.seed) out.secretSeed = toHex(s.seed);
  }
  out.ss58Address = kp.address;
  return JSON.stringify(out);
}

/** Keyfile JSON of a public key alone (coldkeypub.txt). */
export function publicKeyfileJson(publicKey: Uint8Array): string {
  const pub = toHex(publicKey);
  return JSON.stringify({ accountId: pub, publicKey: pub, ss58Address: ss58Encode(publicKey, 42) });
}

function field(obj: Record<string, unknown>, name: string, path: string): string | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new KeyfileError(path, `field ${name} must be a string, got ${typeof v}`);
  return v;
}

function hexField(obj: Record<string, unknown>, name: string, path: string): Uint8Array | undefined {
  const v = field(obj, name, path);
  if (v === undefined) return undefined;
  const h = v.startsWith('0x') ? v : `0x${v}`;
  if (!isHex(h)) throw new KeyfileError(path, `field ${name} is not hex`);
  return fromHex(h);
}

function secretKeypair(obj: Record<string, unknown>, path: string, storedPub: Uint8Array | undefined): Keypair | null {
  const phrase = field(obj, 'secretPhrase', path);
  if (phrase !== undefined) return keypairFromMnemonic(phrase);
  const seed = hexField(obj, 'secretSeed', path);
  if (seed) return keypairFromSeed(seed);
  const priv = hexField(obj, 'privateKey', path);
  if (!priv) return null;
  let canonical: Keypair | undefined;
  let failure: unknown;
  try {
    canonical = keypairFromPrivateKey(priv);
    if (!storedPub || sameBytes(canonical.publicKey, storedPub)) return canonical;
  } catch (e) {
    failure = e;
  }
  // Older Python tools (and polkadot.js) store the Ed25519-form ("×8") scalar: accept it when the
  // stored public key says that is what was meant.
  if (priv.length === 64 && storedPub) {
    try {
      const alt = new Keypair({ scheme: sr25519Scheme, secret: priv });
      if (sameBytes(alt.publicKey, storedPub)) return alt;
    } catch {
      // not that form either
    }
  }
  if (canonical) return canonical; // the mismatch is reported by the caller
  throw failure;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function parseObject(text: string, path: string): Record<string, unknown> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    throw new KeyfileError(path, 'is not JSON (corrupt, or encrypted in an unknown format)');
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new KeyfileError(path, 'is JSON but not an object');
  return obj as Record<string, unknown>;
}

/** Parse keyfile JSON; every stored public field must agree with the secret. */
export function parseKeyfileJson(text: string, path = ''): KeyfileContents {
  const obj = parseObject(text, path);
  const storedPub = hexField(obj, 'publicKey', path) ?? hexField(obj, 'accountId', path);
  const ss58 = field(obj, 'ss58Address', path);
  let ss58Pub: Uint8Array | undefined;
  if (ss58 !== undefined) {
    try {
      ss58Pub = ss58Decode(ss58).publicKey;
    } catch {
      throw new KeyfileError(path, `ss58Address ${ss58} is not a valid SS58 address`);
    }
  }
  let keypair: Keypair | null;
  try {
    keypair = secretKeypair(obj, path, storedPub ?? ss58Pub);
  } catch (e) {
    if (e instanceof KeyfileError) throw e;
    throw new KeyfileError(path, `holds an unusable secret: ${(e as Error).message}`);
  }
  const publicKey = keypair?.publicKey ?? storedPub ?? ss58Pub;
  if (!publicKey) throw new KeyfileError(path, 'has no secretPhrase, secretSeed, privateKey, publicKey or ss58Address');
  if (ss58Pub && !sameBytes(ss58Pub, publicKey)) throw new KeyfileMismatchError(path, 'ss58Address', ss58!, ss58Encode(publicKey, 42));
  if (storedPub && !sameBytes(storedPub, publicKey)) throw new KeyfileMismatchError(path, 'publicKey', toHex(storedPub), toHex(publicKey));
  return { publicKey, address: ss58Encode(publicKey, 42), keypair };
}
