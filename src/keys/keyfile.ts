// A whole keyfile in memory: detect the encryption, decrypt, parse and check the JSON; or
// serialise and encrypt. No file system here (that is substrate-lite/keys/node).
import { KeyfileError } from './errors.js';
import type { Keypair } from './keypair.js';
import { keyfileJson, parseKeyfileJson, type KeyfileContents } from './keyfile-json.js';
import { decryptKeyfileData, encryptKeyfileData, keyfileEncryption, type NaclOptions } from './nacl.js';

const dec = new TextDecoder('utf-8', { fatal: true });
const enc = new TextEncoder();

export interface OpenKeyfileOptions extends NaclOptions {
  /** Needed when the data is encrypted. */
  password?: string;
}

/** Open keyfile bytes (plain JSON or $NACL); a missing password for encrypted data is a KeyfileError. */
export async function openKeyfile(data: Uint8Array, opts: OpenKeyfileOptions = {}): Promise<KeyfileContents> {
  const path = opts.path ?? '';
  let plain = data;
  if (keyfileEncryption(data) !== 'none') {
    if (opts.password === undefined && keyfileEncryption(data) !== 'legacy-fernet') throw new KeyfileError(path, 'is encrypted; a password is needed');
    plain = await decryptKeyfileData(data, opts.password ?? '', opts);
  }
  let text: string;
  try {
    text = dec.decode(plain);
  } catch {
    throw new KeyfileError(path, 'is neither UTF-8 JSON nor encrypted in a known format');
  }
  return parseKeyfileJson(text, path);
}

/** Keyfile bytes for a keypair: plain JSON, or $NACL-encrypted when `password` is given. */
export async function sealKeyfile(kp: Keypair, opts: NaclOptions & { password?: string } = {}): Promise<Uint8Array> {
  const json = enc.encode(keyfileJson(kp));
  return opts.password === undefined ? json : encryptKeyfileData(json, opts.password, opts);
}
