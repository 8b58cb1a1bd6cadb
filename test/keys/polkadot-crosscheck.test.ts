// Cross-check against polkadot.js (@polkadot/keyring + @polkadot/util-crypto, the oracle): 50
// deterministic random mnemonics × derivation paths of every kind × sr25519/ed25519/ecdsa give
// the same public key and address, and signatures verify in both directions.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicToMiniSecret as pjsMiniSecret, signatureVerify } from '@polkadot/util-crypto';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_PHRASE, keypairFromMnemonic, keypairFromUri, mnemonicToMiniSecret, verify, type KeyType } from '../../src/keys/index.js';
import { toHex } from '../../src/scale/index.js';
import { randomBytes, rng } from '../helpers/random.js';

const next = rng(0x5eed11);
const MNEMONICS = Array.from({ length: 50 }, (_, i) => entropyToMnemonic(randomBytes(next, [16, 20, 24, 28, 32][i % 5]), wordlist));
const LONG = 'a-junction-name-that-is-longer-than-32-bytes';
// Every path category the issue lists; soft junctions are sr25519-only.
const HARD_PATHS = ['', '//hard', '//0', '//18446744073709551615', `//${LONG}`, '///password', '//stake//7///pw', '//x//y'];
const SOFT_PATHS = ['/soft', '//hard/soft', '/0/1', `/${LONG}//3`, '/soft///password'];
const TYPES: KeyType[] = ['sr25519', 'ed25519', 'ecdsa'];

beforeAll(async () => {
  await cryptoWaitReady();
});

function pathsFor(type: KeyType, i: number): string[] {
  const hard = [HARD_PATHS[i % HARD_PATHS.length], HARD_PATHS[(i + 3) % HARD_PATHS.length]];
  return type === 'sr25519' ? [...hard, SOFT_PATHS[i % SOFT_PATHS.length]] : hard;
}

describe('keys vs polkadot.js', () => {
  it('mini-secret from the mnemonic entropy, with and without password', () => {
    for (const m of MNEMONICS.slice(0, 10)) {
      expect(toHex(mnemonicToMiniSecret(m))).toBe(toHex(pjsMiniSecret(m)));
      expect(toHex(mnemonicToMiniSecret(m, 'pässword'))).toBe(toHex(pjsMiniSecret(m, 'pässword')));
    }
  });

  for (const type of TYPES) {
    it(`${type}: 50 mnemonics × paths give the same key and address; signatures verify both ways`, () => {
      const keyring = new Keyring({ type, ss58Format: 42 });
      let cases = 0;
      MNEMONICS.forEach((m, i) => {
        for (const path of pathsFor(type, i)) {
          const suri = m + path;
          const theirs = keyring.addFromUri(suri);
          const ours = keypairFromUri(suri, { type });
          expect(toHex(ours.publicKey), suri).toBe(toHex(theirs.publicKey));
          expect(ours.address).toBe(theirs.address);
          const msg = randomBytes(next, 1 + (i % 300));
          expect(signatureVerify(msg, ours.sign(msg), theirs.address).isValid).toBe(true);
          expect(verify(msg, theirs.sign(msg), ours.address, type)).toBe(true);
          expect(verify(msg, theirs.sign(msg), ours.publicKey)).toBe(true);
          cases++;
        }
      });
      expect(cases).toBeGreaterThanOrEqual(100);
    });
  }

  it('a mnemonic keypair equals the URI with no path; dev paths match polkadot.js', () => {
    const keyring = new Keyring({ type: 'sr25519' });
    expect(keypairFromMnemonic(MNEMONICS[0]).address).toBe(keypairFromUri(MNEMONICS[0]).address);
    for (const suri of ['//Alice', '//Bob//stash', '/Bob//test', '//Alice///secret']) {
      expect(keypairFromUri(suri).address, suri).toBe(keyring.addFromUri(DEV_PHRASE + suri).address);
    }
  });

  it('a tampered message or signature does not verify', () => {
    for (const type of TYPES) {
      const kp = keypairFromUri(`${MNEMONICS[1]}//t`, { type });
      const msg = new Uint8Array([1, 2, 3]);
      const sig = kp.sign(msg);
      expect(verify(msg, sig, kp.address, type)).toBe(true);
      expect(verify(new Uint8Array([1, 2, 4]), sig, kp.address, type)).toBe(false);
      const bad = sig.slice();
      bad[10] ^= 1;
      expect(verify(msg, bad, kp.address, type)).toBe(false);
    }
  });
});
