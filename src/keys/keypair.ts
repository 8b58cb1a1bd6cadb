// A keypair: public data as readonly fields, the secret kept out of reach of printing. The secret
// sits in a module-private WeakMap, so no own property, `toString`, `JSON.stringify` or
// `util.inspect` can reveal it; `keypairSecrets` (not exported from the package index) hands it
// to the keyfile writer only.
import { ss58Encode, toHex } from '../scale/index.js';
import { InvalidKeyError } from './errors.js';
import type { KeyType, Scheme, SignatureType } from './scheme.js';

/** What a keyfile can record about where the key came from (bittensor-wallet's fields). */
export interface KeypairSecrets {
  scheme: Scheme;
  /** Scheme secret: sr25519 64-byte (@scure layout), ed25519/ecdsa 32-byte seed. */
  secret: Uint8Array;
  /** The 32-byte seed the key was built from, when known (before derivation). */
  seed?: Uint8Array;
  /** The mnemonic, when the key was built from one without a path or password. */
  mnemonic?: string;
}

const SECRETS = new WeakMap<Keypair, KeypairSecrets>();
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export class Keypair {
  /** Raw public key: 32 bytes (sr25519, ed25519) or 33 compressed bytes (ecdsa). */
  readonly publicKey: Uint8Array;
  /** AccountId32: the public key, or blake2-256 of it for ecdsa. */
  readonly accountId: Uint8Array;
  /** MultiSignature variant (the `Signer` seam's name for the scheme). */
  readonly type: SignatureType;
  readonly keyType: KeyType;

  constructor(secrets: KeypairSecrets) {
    this.publicKey = secrets.scheme.publicKey(secrets.secret);
    this.accountId = secrets.scheme.accountId(this.publicKey);
    this.type = secrets.scheme.signatureType;
    this.keyType = secrets.scheme.keyType;
    SECRETS.set(this, secrets);
    Object.freeze(this);
  }

  /** SS58 address of the AccountId32 (42 = generic Substrate, which Bittensor uses). */
  get address(): string {
    return ss58Encode(this.accountId, 42);
  }

  addressFor(prefix: number): string {
    return ss58Encode(this.accountId, prefix);
  }

  /** Sign raw bytes (ecdsa hashes them with blake2-256 first, as Substrate verifies). */
  sign(message: Uint8Array): Uint8Array {
    const s = SECRETS.get(this)!;
    return s.scheme.sign(s.secret, message);
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return SECRETS.get(this)!.scheme.verify(message, signature, this.publicKey);
  }

  toString(): string {
    return `Keypair(${this.keyType} ${this.address})`;
  }

  toJSON(): { keyType: KeyType; publicKey: string; address: string } {
    return { keyType: this.keyType, publicKey: toHex(this.publicKey), address: this.address };
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/** The secret behind a keypair. Internal: used to write keyfiles, never exported from the package. */
export function keypairSecrets(kp: Keypair): KeypairSecrets {
  const s = SECRETS.get(kp);
  if (!s) throw new InvalidKeyError('keypair', 'not a Keypair built by substrate-lite');
  return s;
}
