// Errors of the keys layer. A secret (phrase, seed, password, private key) is never put in a
// message or a field: the fields keep what is safe to show (a word count, a path, a length, a
// file name) so the caller can still tell which input was bad.
import { SubstrateLiteError } from '../errors.js';

/** A mnemonic that is not a valid BIP39 English phrase. Keeps the word count, never the words. */
export class InvalidMnemonicError extends SubstrateLiteError {
  override name = 'InvalidMnemonicError';
  readonly words: number;
  readonly reason: string;
  constructor(words: number, reason: string) {
    super(`invalid mnemonic (${words} words): ${reason}`);
    this.words = words;
    this.reason = reason;
  }
}

/** A secret URI that does not parse. Keeps only the derivation path (junctions are not secret). */
export class InvalidSuriError extends SubstrateLiteError {
  override name = 'InvalidSuriError';
  readonly derivePath: string;
  readonly reason: string;
  constructor(derivePath: string, reason: string) {
    super(`invalid secret URI${derivePath ? ` (path ${derivePath})` : ''}: ${reason}`);
    this.derivePath = derivePath;
    this.reason = reason;
  }
}

/** A derivation the key type cannot do: soft junctions exist for sr25519 only. */
export class UnsupportedDerivationError extends SubstrateLiteError {
  override name = 'UnsupportedDerivationError';
  readonly keyType: string;
  readonly junction: string;
  constructor(keyType: string, junction: string) {
    super(`${keyType} supports hard derivation only; soft junction "/${junction}" is not allowed (use "//${junction}")`);
    this.keyType = keyType;
    this.junction = junction;
  }
}

/** Key material of the wrong shape: a seed, private key, public key, address or key type. */
export class InvalidKeyError extends SubstrateLiteError {
  override name = 'InvalidKeyError';
  readonly what: string;
  readonly reason: string;
  constructor(what: string, reason: string) {
    super(`invalid ${what}: ${reason}`);
    this.what = what;
    this.reason = reason;
  }
}

/** A keyfile (or keyfile data) that cannot be used. `path` is the file, or '' for in-memory data. */
export class KeyfileError extends SubstrateLiteError {
  override name = 'KeyfileError';
  readonly path: string;
  readonly problem: string;
  constructor(path: string, problem: string) {
    super(`${path ? `keyfile ${path}` : 'keyfile data'}: ${problem}`);
    this.path = path;
    this.problem = problem;
  }
}

/** The password does not open the encrypted keyfile (the secretbox MAC did not verify). */
export class WrongPasswordError extends KeyfileError {
  override name = 'WrongPasswordError';
  constructor(path: string) {
    super(path, 'wrong password, or the ciphertext is corrupt (the secretbox MAC did not verify)');
  }
}

/** Encrypted in a format we refuse (Ansible Vault, the old fernet scheme); says how to migrate. */
export class LegacyKeyfileError extends KeyfileError {
  override name = 'LegacyKeyfileError';
  readonly format: string;
  constructor(path: string, format: string) {
    super(path, `encrypted in the legacy ${format} format; re-encrypt it to the NaCl format first (\`btcli wallet update\` on bittensor < 8, or \`btcli wallet regen-coldkey\` from the mnemonic)`);
    this.format = format;
  }
}

/** The keyfile's stored ss58Address / publicKey does not belong to its secret. */
export class KeyfileMismatchError extends KeyfileError {
  override name = 'KeyfileMismatchError';
  readonly stored: string;
  readonly derived: string;
  constructor(path: string, field: string, stored: string, derived: string) {
    super(path, `${field} ${stored} does not match the secret's ${derived}`);
    this.stored = stored;
    this.derived = derived;
  }
}

/** Writing would replace an existing key; pass `overwrite: true` to allow it. */
export class KeyfileExistsError extends KeyfileError {
  override name = 'KeyfileExistsError';
  constructor(path: string) {
    super(path, 'already exists; pass overwrite: true to replace it');
  }
}

/** A wallet or hotkey that does not exist; `available` lists what does. */
export class WalletNotFoundError extends SubstrateLiteError {
  override name = 'WalletNotFoundError';
  readonly path: string;
  readonly available: string[];
  constructor(what: string, path: string, available: string[]) {
    super(`${what} not found at ${path}; available: ${available.length ? available.join(', ') : '(none)'}`);
    this.path = path;
    this.available = available;
  }
}
