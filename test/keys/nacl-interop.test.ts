// $NACL keyfile encryption against an independent implementation: libsodium (crypto_pwhash
// argon2i13 + crypto_secretbox_easy, via libsodium-wrappers-sumo). One round trip at the real
// SENSITIVE limits each way (slow: ~0.5 GiB and tens of seconds); many at libsodium's minimum
// argon2i cost to exercise the byte format. Plus the Ansible Vault files older bittensor wrote.
import { readFileSync } from 'node:fs';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KeyfileError, LegacyKeyfileError, NACL_SALT, SENSITIVE, WrongPasswordError, decryptKeyfileData, encryptKeyfileData,
  keyfileEncryption, nobleArgon2i, openKeyfile, type Argon2iKdf, type Argon2Params,
} from '../../src/keys/index.js';
import { randomBytes, rng } from '../helpers/random.js';

const WEAK: Argon2Params = { t: 3, mKiB: 64 }; // crypto_pwhash_argon2i_OPSLIMIT_MIN = 3
const te = new TextEncoder();
const next = rng(0x4ac1);

beforeAll(async () => {
  await sodium.ready;
});

function sodiumKey(password: string, p: Argon2Params): Uint8Array {
  return sodium.crypto_pwhash(32, te.encode(password), NACL_SALT, p.t, p.mKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2I13);
}

function sodiumSeal(plain: Uint8Array, key: Uint8Array): Uint8Array {
  const nonce = sodium.randombytes_buf(24);
  return new Uint8Array([...te.encode('$NACL'), ...nonce, ...sodium.crypto_secretbox_easy(plain, nonce, key)]);
}

function sodiumOpen(data: Uint8Array, key: Uint8Array): Uint8Array {
  expect(new TextDecoder().decode(data.subarray(0, 5))).toBe('$NACL');
  return sodium.crypto_secretbox_open_easy(data.subarray(29), data.subarray(5, 29), key);
}

describe('$NACL keyfiles vs libsodium', () => {
  it('libsodium SENSITIVE constants are the ones we use (argon2i, not argon2id)', () => {
    expect(SENSITIVE.t).toBe(sodium.crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE);
    expect(SENSITIVE.mKiB * 1024).toBe(sodium.crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE);
  });

  it('SENSITIVE: a libsodium file opens with ours, and ours opens with libsodium', async () => {
    const password = 'correct horse ☃ battery';
    const key = sodiumKey(password, SENSITIVE);
    const plain = te.encode('{"accountId":"0x01"}');
    let runs = 0;
    let cached: Uint8Array | undefined;
    // pure-JS argon2i at SENSITIVE costs tens of seconds: run it once and reuse it for encryption
    const once: Argon2iKdf = async (pw, salt, p) => {
      runs++;
      return (cached ??= await nobleArgon2i(pw, salt, p));
    };
    expect(await decryptKeyfileData(sodiumSeal(plain, key), password, { kdf: once })).toEqual(plain);
    const ours = await encryptKeyfileData(plain, password, { kdf: once });
    expect(sodiumOpen(ours, key)).toEqual(plain);
    expect(runs).toBe(2);
  }, 300_000);

  it('weak cost: random payloads and passwords round-trip both ways', async () => {
    for (let i = 0; i < 20; i++) {
      const plain = randomBytes(next, 1 + Math.floor(next() * 400));
      const password = Array.from(randomBytes(next, i), (b) => String.fromCharCode(32 + (b % 90))).join('');
      const key = sodiumKey(password, WEAK);
      expect(await decryptKeyfileData(sodiumSeal(plain, key), password, { params: WEAK })).toEqual(plain);
      expect(sodiumOpen(await encryptKeyfileData(plain, password, { params: WEAK }), key)).toEqual(plain);
    }
  });

  it('wrong password, flipped bit and truncation are typed errors naming the file', async () => {
    const data = await encryptKeyfileData(te.encode('{}'), 'pw', { params: WEAK });
    await expect(decryptKeyfileData(data, 'PW', { params: WEAK, path: '/w/coldkey' })).rejects.toThrow(WrongPasswordError);
    await expect(decryptKeyfileData(data, 'PW', { params: WEAK, path: '/w/coldkey' })).rejects.toThrow(/\/w\/coldkey/);
    const flipped = data.slice();
    flipped[40] ^= 1;
    await expect(decryptKeyfileData(flipped, 'pw', { params: WEAK })).rejects.toThrow(WrongPasswordError);
    await expect(decryptKeyfileData(data.subarray(0, data.length - 1), 'pw', { params: WEAK })).rejects.toThrow(WrongPasswordError);
    await expect(decryptKeyfileData(data.subarray(0, 30), 'pw', { params: WEAK })).rejects.toThrow(/truncated: 30 bytes/);
    await expect(decryptKeyfileData(te.encode('{}'), 'pw')).rejects.toThrow(KeyfileError);
  });

  it('Ansible Vault files written by ansible-vault 2.14 decrypt; fernet is refused with the migration command', async () => {
    // fixtures/ansible-vault-coldkey: `ansible-vault encrypt` (ansible-core 2.14.18) of a keyfile JSON,
    // password "vault pässword"
    const vault = new Uint8Array(readFileSync(new URL('./fixtures/ansible-vault-coldkey', import.meta.url)));
    expect(keyfileEncryption(vault)).toBe('ansible-vault');
    const plain = JSON.parse(new TextDecoder().decode(await decryptKeyfileData(vault, 'vault pässword')));
    expect(plain.ss58Address).toBe('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX');
    const opened = await openKeyfile(vault, { password: 'vault pässword', path: 'old/coldkey' });
    expect(opened.keypair!.address).toBe(plain.ss58Address);
    await expect(decryptKeyfileData(vault, 'vault password', { path: 'old/coldkey' })).rejects.toThrow(WrongPasswordError);
    // format 1.2 with a vault-id label (`ansible-vault encrypt --vault-id hotkey@…`, password "pw12")
    const labelled = new Uint8Array(readFileSync(new URL('./fixtures/ansible-vault-1.2-labelled', import.meta.url)));
    expect((await openKeyfile(labelled, { password: 'pw12' })).address).toBe(plain.ss58Address);
    const cut = vault.subarray(0, 200);
    await expect(decryptKeyfileData(cut, 'vault pässword')).rejects.toThrow(KeyfileError);
    const fernet = te.encode('gAAAAABkX0');
    expect(keyfileEncryption(fernet)).toBe('legacy-fernet');
    await expect(decryptKeyfileData(fernet, 'pw')).rejects.toThrow(LegacyKeyfileError);
    await expect(decryptKeyfileData(fernet, 'pw', { path: 'x/coldkey' })).rejects.toThrow(/fernet.*btcli wallet/);
  });
});
