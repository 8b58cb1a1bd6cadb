// Keyfile JSON and the BT_PW_ password variable, in memory: which field wins, every stored public
// field checked against the secret, malformed files as typed errors without secrets in them.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicToMiniSecret as pjsMiniSecret } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KeyfileError, KeyfileMismatchError, keyfileJson, keypairFromMnemonic, keypairFromUri, obfuscatePassword, openKeyfile,
  parseKeyfileJson, passwordEnvVarName, revealPassword, sealKeyfile,
} from '../../src/keys/index.js';
import { toHex } from '../../src/scale/index.js';

const PHRASE = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const ADDR = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX'; // btwallet tests/test_keypair.py
const WEAK = { t: 3, mKiB: 64 };

beforeAll(() => cryptoWaitReady());

describe('keyfile JSON', () => {
  it('secretPhrase, then secretSeed, then privateKey; public-only files', () => {
    const full = JSON.parse(keyfileJson(keypairFromMnemonic(PHRASE)));
    expect(full.secretSeed).toBe(toHex(pjsMiniSecret(PHRASE)));
    expect(parseKeyfileJson(JSON.stringify({ secretPhrase: PHRASE })).address).toBe(ADDR);
    expect(parseKeyfileJson(JSON.stringify({ secretSeed: full.secretSeed })).address).toBe(ADDR);
    expect(parseKeyfileJson(JSON.stringify({ secretSeed: full.secretSeed.slice(2) })).address).toBe(ADDR); // btwallet strips 0x
    const fromPriv = parseKeyfileJson(JSON.stringify({ privateKey: full.privateKey, ss58Address: ADDR }));
    expect(fromPriv.keypair!.address).toBe(ADDR);
    const pub = parseKeyfileJson(JSON.stringify({ ss58Address: ADDR }));
    expect(pub.keypair).toBeNull();
    expect(pub.address).toBe(ADDR);
    // a keyfile-made key signs like polkadot.js's key of the same mnemonic
    const msg = new Uint8Array([5]);
    expect(new Keyring({ type: 'sr25519' }).addFromUri(PHRASE).verify(msg, fromPriv.keypair!.sign(msg), fromPriv.keypair!.publicKey)).toBe(true);
  });

  it('accepts the older ed25519-form ("×8") privateKey when that is what the stored publicKey says', () => {
    // polkadot.js stores sr25519 secrets in that form; its publicKey identifies which one was meant
    const pair = new Keyring({ type: 'sr25519' }).addFromUri(`${PHRASE}//old`);
    const legacy = (pair as unknown as { encodePkcs8(): Uint8Array }).encodePkcs8();
    const secret = legacy.subarray(16, 80); // PKCS8 header (16) ‖ secret (64) ‖ divider ‖ public
    const c = parseKeyfileJson(JSON.stringify({ privateKey: toHex(secret), publicKey: toHex(pair.publicKey) }));
    expect(c.keypair!.address).toBe(pair.address);
  });

  it('every stored public field must match the secret', () => {
    const other = keypairFromUri('//Bob').address;
    expect(() => parseKeyfileJson(JSON.stringify({ secretPhrase: PHRASE, ss58Address: other }), 'hk')).toThrow(KeyfileMismatchError);
    expect(() => parseKeyfileJson(JSON.stringify({ secretPhrase: PHRASE, publicKey: toHex(new Uint8Array(32)) }))).toThrow(/publicKey 0x0000/);
  });

  it('malformed files are KeyfileErrors naming the file, never echoing secrets', () => {
    const cases: [string, RegExp][] = [
      ['not json', /is not JSON/],
      ['[1,2]', /not an object/],
      ['{}', /has no secretPhrase/],
      ['{"secretSeed": 12}', /secretSeed must be a string/],
      ['{"privateKey": "0xnothex"}', /privateKey is not hex/],
      ['{"ss58Address": "5xyz"}', /not a valid SS58/],
      [JSON.stringify({ secretPhrase: PHRASE.replace('review', 'caution') }), /unusable secret: invalid mnemonic \(12 words\): checksum/],
    ];
    for (const [text, re] of cases) {
      let err: KeyfileError | undefined;
      try {
        parseKeyfileJson(text, '/w/hotkeys/h');
      } catch (e) {
        err = e as KeyfileError;
      }
      expect(err, text).toBeInstanceOf(KeyfileError);
      expect(err!.path).toBe('/w/hotkeys/h');
      expect(err!.message).toMatch(re);
      expect(err!.message).not.toContain('leopard');
    }
  });

  it('sealKeyfile/openKeyfile round trip, encrypted and not; an encrypted file needs a password', async () => {
    const kp = keypairFromMnemonic(PHRASE);
    expect((await openKeyfile(await sealKeyfile(kp))).keypair!.address).toBe(ADDR);
    const sealed = await sealKeyfile(kp, { password: 'pw', params: WEAK });
    expect((await openKeyfile(sealed, { password: 'pw', params: WEAK })).keypair!.address).toBe(ADDR);
    await expect(openKeyfile(sealed)).rejects.toThrow(/encrypted; a password is needed/);
    await expect(openKeyfile(new Uint8Array([0xff, 0xfe]), { path: 'k' })).rejects.toThrow(/neither UTF-8 JSON/);
    await expect(sealKeyfile(keypairFromUri('//A', { type: 'ed25519' }))).rejects.toThrow(/sr25519 keys only/);
  });
});

describe('BT_PW_ password variable', () => {
  it('names and obfuscation as bittensor-wallet', () => {
    expect(passwordEnvVarName('/home/u/.bittensor/wallets/default/coldkey')).toBe('BT_PW__HOME_U__BITTENSOR_WALLETS_DEFAULT_COLDKEY');
    const name = 'BT_PW_X';
    const value = obfuscatePassword('pässwörd', name);
    // independent: base64 of the UTF-8 bytes XOR the name's bytes, cycling
    const expected = Buffer.from(Buffer.from('pässwörd').map((b, i) => b ^ name.charCodeAt(i % name.length))).toString('base64');
    expect(value).toBe(expected);
    expect(revealPassword(value, name)).toBe('pässwörd');
    expect(revealPassword('%%%', name)).toBeUndefined();
  });
});
