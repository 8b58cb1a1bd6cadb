// Ansible Vault 1.1/1.2 AES256, the format older bittensor versions encrypted keyfiles with (btwallet
// still decrypts it). Layout: a "$ANSIBLE_VAULT;1.1;AES256" header line, then hex lines of the
// hex-encoded text "salt\nhmac\nciphertext"; PBKDF2-HMAC-SHA256 (10000 rounds, 80 bytes) of the
// password gives the AES-256-CTR key, the HMAC-SHA256 key and the counter's IV; the plaintext
// carries PKCS#7 padding. Tested against files written by ansible-vault itself.
import { ctr } from '@noble/ciphers/aes.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, isHex } from '../scale/index.js';
import { KeyfileError, WrongPasswordError } from './errors.js';

const dec = new TextDecoder();

function hexPart(hex: string | undefined, path: string, what: string): Uint8Array {
  const h = `0x${hex ?? ''}`;
  if (!isHex(h) || h.length < 4) throw new KeyfileError(path, `Ansible Vault ${what} is not hex (corrupt file)`);
  return fromHex(h);
}

/** Decrypt Ansible Vault data; a failed HMAC is a WrongPasswordError, a bad layout a KeyfileError. */
export function decryptAnsibleVault(data: Uint8Array, password: string, path = ''): Uint8Array {
  const lines = dec.decode(data).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const header = lines[0]?.split(';') ?? [];
  if (header[0] !== '$ANSIBLE_VAULT' || !['1.1', '1.2'].includes(header[1]) || header[2] !== 'AES256') {
    throw new KeyfileError(path, `unsupported Ansible Vault header ${JSON.stringify(lines[0]?.slice(0, 60))}`);
  }
  const [saltHex, macHex, ctHex] = dec.decode(hexPart(lines.slice(1).join(''), path, 'body')).split('\n');
  const salt = hexPart(saltHex, path, 'salt');
  const mac = hexPart(macHex, path, 'HMAC');
  const ct = hexPart(ctHex, path, 'ciphertext');
  const keys = pbkdf2(sha256, new TextEncoder().encode(password), salt, { c: 10_000, dkLen: 80 });
  if (!equalBytes(hmac(sha256, keys.subarray(32, 64), ct), mac)) throw new WrongPasswordError(path);
  const padded = ctr(keys.subarray(0, 32), keys.subarray(64, 80)).decrypt(ct);
  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > 16 || pad > padded.length) throw new KeyfileError(path, 'Ansible Vault plaintext has bad PKCS#7 padding (corrupt file)');
  return padded.subarray(0, padded.length - pad);
}
