// Keypair construction, secrecy and the typed errors of every bad input; devSigner on the keys layer.
import { inspect } from 'node:util';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_PHRASE, InvalidKeyError, InvalidMnemonicError, InvalidSuriError, UnsupportedDerivationError, generateMnemonic,
  keypairFromMnemonic, keypairFromPrivateKey, keypairFromSeed, keypairFromUri, parseSuri, validateMnemonic, verify,
} from '../../src/keys/index.js';
import { toHex } from '../../src/scale/index.js';
import { deriveHard, devSigner, type Signer } from '../../src/substrate/index.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const PHRASE = 'old leopard transfer rib spatial phone calm indicate online fire caution review';

beforeAll(() => cryptoWaitReady());

describe('keypairs', () => {
  it('devSigner is //Alice of the dev phrase and is a Signer', () => {
    const alice = devSigner('Alice');
    expect(alice.address).toBe(ALICE);
    expect(keypairFromUri('//Alice').address).toBe(ALICE);
    expect(keypairFromUri(`${DEV_PHRASE}//Alice`).address).toBe(ALICE);
    expect(() => deriveHard(new Uint8Array(64), '//a/b')).toThrow(InvalidSuriError);
    const s: Signer = alice;
    expect(s.type).toBe('Sr25519');
    const msg = new Uint8Array([9, 9]);
    expect(verify(msg, alice.sign(msg), ALICE)).toBe(true);
  });

  it('matches bittensor-wallet test vectors (mnemonic address; 64-byte schnorrkel privateKey)', () => {
    // Values from opentensor/btwallet tests/test_keypair.py (computed by sp-core / schnorrkel).
    expect(keypairFromMnemonic(PHRASE).address).toBe('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX');
    const kp = keypairFromPrivateKey(
      '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
    );
    expect(toHex(kp.publicKey)).toBe('0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446');
    expect(kp.addressFor(0)).toBe('16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2');
  });

  it('the secret never shows in toString, JSON, inspect or own keys', () => {
    const kp = keypairFromMnemonic(PHRASE);
    const printed = [String(kp), JSON.stringify(kp), inspect(kp, { showHidden: true, depth: 5 }), JSON.stringify(Object.entries(kp))].join('\n');
    expect(printed).toContain(kp.address);
    for (const word of ['leopard', 'transfer', 'caution']) expect(printed).not.toContain(word);
    const seedHex = toHex(keypairFromSeed(new Uint8Array(32).fill(7)).publicKey);
    expect(JSON.stringify(keypairFromSeed(new Uint8Array(32).fill(7)))).not.toContain('0707070707');
    expect(JSON.parse(JSON.stringify(keypairFromSeed(new Uint8Array(32).fill(7)))).publicKey).toBe(seedHex);
  });

  it('ecdsa: 33-byte public key, AccountId32 = blake2-256, a Signer with accountId', () => {
    const kp = keypairFromUri('//Alice', { type: 'ecdsa' });
    const theirs = new Keyring({ type: 'ecdsa' }).addFromUri(`${DEV_PHRASE}//Alice`);
    expect(kp.publicKey.length).toBe(33);
    expect(kp.accountId.length).toBe(32);
    expect(kp.address).toBe(theirs.address);
    expect(kp.sign(new Uint8Array([1])).length).toBe(65);
    const s: Signer = kp;
    expect(toHex(s.accountId!)).toBe(toHex(theirs.addressRaw));
  });

  it('mnemonics: generate every length, validate word list and checksum', () => {
    for (const n of [12, 15, 18, 21, 24]) {
      const m = generateMnemonic(n);
      expect(m.split(' ')).toHaveLength(n);
      expect(validateMnemonic(m)).toBe(true);
    }
    expect(generateMnemonic().split(' ')).toHaveLength(12);
    expect(() => generateMnemonic(13)).toThrow(InvalidMnemonicError);
    expect(validateMnemonic(PHRASE.replace('review', 'caution'))).toBe(false); // checksum
    expect(validateMnemonic(PHRASE.replace('review', 'zzzz'))).toBe(false); // word list
    expect(validateMnemonic('old leopard')).toBe(false);
  });

  it('every bad input is a typed error that does not echo the secret', () => {
    const bad = PHRASE.replace('review', 'caution');
    const e = (() => { try { keypairFromMnemonic(bad); } catch (err) { return err as InvalidMnemonicError; } })();
    expect(e).toBeInstanceOf(InvalidMnemonicError);
    expect(e!.words).toBe(12);
    expect(e!.message).toMatch(/checksum/);
    expect(e!.message).not.toContain('leopard');
    expect(() => keypairFromUri(`${PHRASE.replace('review', 'zzzz')}//a`)).toThrow(/word 12 is not in the BIP39/);
    expect(() => keypairFromUri(`${PHRASE}/soft`, { type: 'ed25519' })).toThrow(UnsupportedDerivationError);
    expect(() => keypairFromUri('//a/b', { type: 'ecdsa' })).toThrow(/soft junction "\/b"/);
    expect(() => keypairFromUri('0x1234//a')).toThrow(InvalidSuriError);
    expect(() => keypairFromUri('0xzz')).toThrow(InvalidSuriError);
    expect(() => keypairFromUri('p@ss!')).toThrow(InvalidSuriError);
    expect(() => keypairFromSeed(new Uint8Array(31))).toThrow(InvalidKeyError);
    expect(() => keypairFromPrivateKey(new Uint8Array(32))).toThrow(/64 bytes, got 32/);
    expect(() => keypairFromSeed(new Uint8Array(32), { type: 'rsa' as never })).toThrow(/key type/);
  });

  it('parses URIs as sp-core: password after ///, numeric junctions, a 0x seed', () => {
    const p = parseSuri(`${PHRASE}//hard/soft//0///my/pass`);
    expect(p.password).toBe('my/pass');
    expect(p.derivePath).toBe('//hard/soft//0');
    expect(p.path.map((j) => [j.hard, j.text])).toEqual([[true, 'hard'], [false, 'soft'], [true, '0']]);
    expect(toHex(p.path[2].chainCode)).toBe(`0x${'00'.repeat(32)}`);
    const seed = `0x${'11'.repeat(32)}`;
    expect(keypairFromUri(`${seed}//x`).address).toBe(new Keyring({ type: 'sr25519' }).addFromUri(`${seed}//x`).address);
    expect(keypairFromUri(`${seed}///ignored`).address).toBe(keypairFromSeed(seed).address);
  });
});
