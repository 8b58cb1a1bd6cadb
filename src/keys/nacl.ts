// bittensor-wallet's keyfile encryption ("$NACL" format, btwallet src/keyfile.rs):
//   "$NACL" ‖ nonce (24) ‖ secretbox(plaintext)   where secretbox = xsalsa20-poly1305, MAC first,
//   key = argon2i (v1.3) of the password with a fixed 16-byte salt and libsodium's argon2i
//   SENSITIVE limits: opslimit 8, memlimit 512 MiB (crypto_pwhash_argon2i_*_SENSITIVE; the
//   1 GiB / 4 pair is argon2id's, which btwallet does not use).
// The key derivation is pluggable: the default is pure-JS @noble/hashes (every runtime); the
// Node entry substitutes node:crypto's native argon2 where the Node version has it.
import { secretbox } from '@noble/ciphers/salsa.js';
import { argon2iAsync } from '@noble/hashes/argon2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { concatBytes } from '../scale/index.js';
import { decryptAnsibleVault } from './ansible-vault.js';
import { KeyfileError, LegacyKeyfileError, WrongPasswordError } from './errors.js';

export const NACL_PREFIX = '$NACL';
export const NACL_SALT = new Uint8Array([0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1]);

/** argon2i cost: `t` passes over `mKiB` kibibytes, one lane. */
export interface Argon2Params {
  t: number;
  mKiB: number;
}

/** libsodium crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE / MEMLIMIT_SENSITIVE (what btwallet uses). */
export const SENSITIVE: Argon2Params = { t: 8, mKiB: 512 * 1024 };

/** Derives the 32-byte secretbox key: argon2i v1.3, parallelism 1. */
export type Argon2iKdf = (password: Uint8Array, salt: Uint8Array, params: Argon2Params) => Promise<Uint8Array>;

export const nobleArgon2i: Argon2iKdf = (password, salt, { t, mKiB }) =>
  argon2iAsync(password, salt, { t, m: mKiB, p: 1, dkLen: 32, version: 0x13, maxmem: mKiB * 1024 + (1 << 20) });

export interface NaclOptions {
  /** Key derivation (default: pure-JS argon2i). */
  kdf?: Argon2iKdf;
  /** Cost (default SENSITIVE). Anything else cannot be opened by bittensor-wallet: for tests only. */
  params?: Argon2Params;
  /** File the data came from, for error messages. */
  path?: string;
}

export type KeyfileEncryption = 'nacl' | 'ansible-vault' | 'legacy-fernet' | 'none';

const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, n));

/** Which encryption (or none) keyfile data uses, by its prefix as btwallet detects it. */
export function keyfileEncryption(data: Uint8Array): KeyfileEncryption {
  if (ascii(data, 5) === NACL_PREFIX) return 'nacl';
  if (ascii(data, 14) === '$ANSIBLE_VAULT') return 'ansible-vault';
  if (ascii(data, 6) === 'gAAAAA') return 'legacy-fernet';
  return 'none';
}

const enc = new TextEncoder();

/** Encrypt keyfile data in the $NACL format. */
export async function encryptKeyfileData(data: Uint8Array, password: string, opts: NaclOptions = {}): Promise<Uint8Array> {
  const key = await (opts.kdf ?? nobleArgon2i)(enc.encode(password), NACL_SALT, opts.params ?? SENSITIVE);
  const nonce = randomBytes(24);
  return concatBytes(enc.encode(NACL_PREFIX), nonce, secretbox(key, nonce).seal(data));
}

/**
 * Decrypt $NACL keyfile data. A bad MAC means a wrong password or a corrupted/truncated file
 * (the two cannot be told apart): WrongPasswordError. Too short to hold nonce and MAC:
 * KeyfileError. Ansible Vault (older bittensor) is decrypted too; the fernet "legacy" format is
 * refused with LegacyKeyfileError (btwallet cannot decrypt it either).
 */
export async function decryptKeyfileData(data: Uint8Array, password: string, opts: NaclOptions = {}): Promise<Uint8Array> {
  const path = opts.path ?? '';
  const kind = keyfileEncryption(data);
  if (kind === 'ansible-vault') return decryptAnsibleVault(data, password, path);
  if (kind === 'legacy-fernet') throw new LegacyKeyfileError(path, 'fernet ("legacy")');
  if (kind === 'none') throw new KeyfileError(path, 'is not encrypted');
  if (data.length < 5 + 24 + 16) throw new KeyfileError(path, `truncated: ${data.length} bytes cannot hold the nonce and MAC`);
  const key = await (opts.kdf ?? nobleArgon2i)(enc.encode(password), NACL_SALT, opts.params ?? SENSITIVE);
  try {
    return secretbox(key, data.subarray(5, 29)).open(data.subarray(29));
  } catch {
    throw new WrongPasswordError(path);
  }
}
