// Wallet directories in a temp dir: the files, JSON fields and modes bittensor-wallet produces;
// a wallet laid out by hand in its format opens; every bad input is a typed error, never a
// partial write. Coldkeys here use libsodium's minimum argon2i cost (format, not interop: the
// SENSITIVE interop is in nacl-interop.test.ts).
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicToMiniSecret as pjsMiniSecret } from '@polkadot/util-crypto';
import sodium from 'libsodium-wrappers-sumo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KeyfileError, KeyfileExistsError, KeyfileMismatchError, NACL_SALT, WalletNotFoundError, WrongPasswordError, obfuscatePassword,
} from '../../src/keys/index.js';
import { createHotkey, createWallet, listWallets, openWallet, resolveWalletLocation } from '../../src/keys/node/index.js';
import { toHex } from '../../src/scale/index.js';

const WEAK = { t: 3, mKiB: 64 };
const COLD = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const HOT = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
let root: string;
const te = new TextEncoder();
const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  await Promise.all([cryptoWaitReady(), sodium.ready]);
  root = await mkdtemp(join(tmpdir(), 'sl-wallets-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const mode = async (p: string) => (await stat(p)).mode & 0o777;
const json = async (p: string) => JSON.parse(await readFile(p, 'utf8'));

describe('wallet directories', () => {
  it('createWallet writes exactly bittensor-wallet’s files, fields and modes', async () => {
    const { wallet } = await createWallet({ path: root, name: 'w1', hotkey: 'h1', password: 'pw', coldkeyMnemonic: COLD, hotkeyMnemonic: HOT, kdfParams: WEAK });
    const dir = join(root, 'w1');
    expect((await readdir(dir)).sort()).toEqual(['coldkey', 'coldkeypub.txt', 'hotkeys']);
    expect((await readdir(join(dir, 'hotkeys'))).sort()).toEqual(['h1', 'h1pub.txt']);
    for (const d of [dir, join(dir, 'hotkeys')]) expect(await mode(d)).toBe(0o700);
    for (const f of ['coldkey', 'coldkeypub.txt', 'hotkeys/h1', 'hotkeys/h1pub.txt']) expect(await mode(join(dir, f))).toBe(0o600);

    const kr = new Keyring({ type: 'sr25519' });
    const hot = kr.addFromUri(HOT);
    const hk = await json(join(dir, 'hotkeys/h1'));
    expect(Object.keys(hk)).toEqual(['accountId', 'publicKey', 'privateKey', 'secretPhrase', 'secretSeed', 'ss58Address']);
    expect(hk).toMatchObject({ accountId: toHex(hot.publicKey), publicKey: toHex(hot.publicKey), secretPhrase: HOT, secretSeed: toHex(pjsMiniSecret(HOT)), ss58Address: hot.address });
    expect(await json(join(dir, 'hotkeys/h1pub.txt'))).toEqual({ accountId: toHex(hot.publicKey), publicKey: toHex(hot.publicKey), ss58Address: hot.address });
    expect(await json(join(dir, 'coldkeypub.txt'))).toEqual({ accountId: toHex(kr.addFromUri(COLD).publicKey), publicKey: toHex(kr.addFromUri(COLD).publicKey), ss58Address: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX' });

    // the coldkey opens with libsodium (independent) and holds the same JSON fields
    const raw = new Uint8Array(await readFile(join(dir, 'coldkey')));
    expect(new TextDecoder().decode(raw.subarray(0, 5))).toBe('$NACL');
    const key = sodium.crypto_pwhash(32, te.encode('pw'), NACL_SALT, WEAK.t, WEAK.mKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2I13);
    const cold = JSON.parse(new TextDecoder().decode(sodium.crypto_secretbox_open_easy(raw.subarray(29), raw.subarray(5, 29), key)));
    expect(cold.secretPhrase).toBe(COLD);
    expect(cold.ss58Address).toBe('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX');

    expect(wallet.coldkeypub).toBe('5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX');
    expect((await wallet.hotkey()).address).toBe(hot.address);
    expect((await wallet.coldkey('pw')).address).toBe(wallet.coldkeypub);
    expect(await listWallets({ path: root })).toContain('w1');
  });

  it('a wallet laid out by hand in bittensor-wallet’s format opens (privateKey-only hotkey, libsodium coldkey)', async () => {
    const dir = join(root, 'byhand');
    await mkdir(join(dir, 'hotkeys'), { recursive: true });
    // btwallet tests/test_keypair.py vector: schnorrkel canonical privateKey → this public key
    const pub = '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446';
    const priv = '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e';
    const addr = new Keyring({ type: 'sr25519' }).encodeAddress(pub, 42);
    await writeFile(join(dir, 'hotkeys', 'miner'), JSON.stringify({ accountId: pub, publicKey: pub, privateKey: priv, secretPhrase: null, secretSeed: null, ss58Address: addr }));
    const coldAddr = new Keyring({ type: 'sr25519' }).addFromUri(COLD).address;
    await writeFile(join(dir, 'coldkeypub.txt'), JSON.stringify({ ss58Address: coldAddr, publicKey: null, accountId: null }));
    const key = sodium.crypto_pwhash(32, te.encode('hand'), NACL_SALT, WEAK.t, WEAK.mKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2I13);
    const nonce = sodium.randombytes_buf(24);
    const body = sodium.crypto_secretbox_easy(te.encode(JSON.stringify({ secretPhrase: COLD })), nonce, key);
    await writeFile(join(dir, 'coldkey'), new Uint8Array([...te.encode('$NACL'), ...nonce, ...body]));
    const w = await openWallet({ path: root, name: 'byhand', hotkey: 'miner', kdfParams: WEAK });
    expect(w.coldkeypub).toBe(coldAddr);
    expect(await w.hotkeys()).toEqual(['miner']);
    expect((await w.hotkey()).address).toBe(addr);
    expect(await w.hotkeyAddress()).toBe(addr);
    expect((await w.coldkey('hand')).address).toBe(coldAddr);
  });

  it('the coldkey password from bittensor’s BT_PW_ variable', async () => {
    const w = await openWallet({ path: root, name: 'w1', kdfParams: WEAK, env: {} });
    // btwallet: "BT_PW_" + keyfile path with '/' and '.' as '_', upper-cased; value base64(pw XOR name)
    const expectedVar = `BT_PW_${join(root, 'w1', 'coldkey').replace(/[/.]/g, '_').toUpperCase()}`;
    expect(w.passwordEnvVar).toBe(expectedVar);
    const xored = Buffer.from('pw').map((b, i) => b ^ expectedVar.charCodeAt(i % expectedVar.length));
    expect(obfuscatePassword('pw', expectedVar)).toBe(Buffer.from(xored).toString('base64'));
    const w2 = await openWallet({ path: root, name: 'w1', kdfParams: WEAK, env: { [expectedVar]: Buffer.from(xored).toString('base64') } });
    expect((await w2.coldkey({ passwordFromEnv: true })).address).toBe(w2.coldkeypub);
    await expect(w.coldkey({ passwordFromEnv: true })).rejects.toThrow(/BT_PW_.* is not set/);
  });

  it('BT_WALLET_* variables choose path, name and hotkey; options win', () => {
    const env = { BT_WALLET_PATH: '/x/wallets', BT_WALLET_NAME: 'n', BT_WALLET_HOTKEY: 'h' };
    expect(resolveWalletLocation({ env })).toMatchObject({ root: '/x/wallets', name: 'n', hotkey: 'h', dir: '/x/wallets/n' });
    expect(resolveWalletLocation({ env, name: 'o' }).name).toBe('o');
    expect(resolveWalletLocation({ env: {} }).root).toMatch(/\.bittensor\/wallets\/?$/);
    expect(() => resolveWalletLocation({ env: {}, name: '../etc' })).toThrow(/single path segment/);
  });

  it('never overwrites without overwrite: true, and leaves the old files intact', async () => {
    const before = await readFile(join(root, 'w1', 'hotkeys', 'h1'));
    await expect(createWallet({ path: root, name: 'w1', hotkey: 'h1', password: 'x', kdfParams: WEAK })).rejects.toThrow(KeyfileExistsError);
    await expect(createHotkey({ path: root, name: 'w1', hotkey: 'h1' })).rejects.toThrow(/already exists; pass overwrite: true/);
    expect(await readFile(join(root, 'w1', 'hotkeys', 'h1'))).toEqual(before);
    const { keypair } = await createHotkey({ path: root, name: 'w1', hotkey: 'h1', overwrite: true });
    expect((await (await openWallet({ path: root, name: 'w1', hotkey: 'h1' })).hotkey()).address).toBe(keypair.address);
    expect((await readdir(join(root, 'w1', 'hotkeys'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // only the hotkey exists: the refusal comes before any file is written (no coldkey appears)
    await mkdir(join(root, 'half', 'hotkeys'), { recursive: true });
    await writeFile(join(root, 'half', 'hotkeys', 'default'), '{}');
    await expect(createWallet({ path: root, name: 'half', password: 'x', kdfParams: WEAK })).rejects.toThrow(KeyfileExistsError);
    expect((await readdir(join(root, 'half'))).sort()).toEqual(['hotkeys']);
  });

  it('bad input: each a typed error naming the file', async () => {
    const w = await openWallet({ path: root, name: 'w1', hotkey: 'h1', kdfParams: WEAK });
    await expect(w.coldkey('wrong')).rejects.toThrow(WrongPasswordError);
    const missing = await openWallet({ path: root, name: 'nope' }).catch((e) => e);
    expect(missing).toBeInstanceOf(WalletNotFoundError);
    expect(missing.available).toEqual(expect.arrayContaining(['w1', 'byhand']));
    const noHotkey = await w.hotkey('ghost').catch((e) => e);
    expect(noHotkey).toBeInstanceOf(WalletNotFoundError);
    expect(noHotkey.available).toEqual(['h1']);

    const dir = join(root, 'bad');
    await mkdir(join(dir, 'hotkeys'), { recursive: true });
    await writeFile(join(dir, 'coldkeypub.txt'), (await readFile(join(root, 'w1', 'coldkeypub.txt'))));
    const coldkey = await readFile(join(root, 'w1', 'coldkey'));
    await writeFile(join(dir, 'coldkey'), coldkey.subarray(0, coldkey.length - 7)); // truncated
    await writeFile(join(dir, 'hotkeys', 'notjson'), 'hello');
    const hk = await json(join(root, 'w1', 'hotkeys', 'h1'));
    await writeFile(join(dir, 'hotkeys', 'mismatch'), JSON.stringify({ ...hk, ss58Address: w.coldkeypub }));
    const bad = await openWallet({ path: root, name: 'bad', kdfParams: WEAK });
    await expect(bad.coldkey('pw')).rejects.toThrow(WrongPasswordError);
    const nj = await bad.hotkey('notjson').catch((e) => e);
    expect(nj).toBeInstanceOf(KeyfileError);
    expect(nj.path).toBe(join(dir, 'hotkeys', 'notjson'));
    expect(nj.message).toMatch(/not JSON/);
    await expect(bad.hotkey('mismatch')).rejects.toThrow(KeyfileMismatchError);
    await expect(bad.hotkey('mismatch')).rejects.not.toThrow(hk.secretPhrase);
    await mkdir(join(dir, 'hotkeys', 'adir'));
    await expect(bad.hotkey('adir')).rejects.toThrow(/is a directory/);
  });

  it('an unreadable keyfile is a typed permission error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sl-perm-'));
    await mkdir(join(dir, 'w', 'hotkeys'), { recursive: true });
    await writeFile(join(dir, 'w', 'coldkeypub.txt'), await readFile(join(root, 'w1', 'coldkeypub.txt')), { mode: 0o600 });
    await writeFile(join(dir, 'w', 'hotkeys', 'default'), '{}', { mode: 0o000 });
    for (const d of [dir, join(dir, 'w'), join(dir, 'w', 'hotkeys')]) await chmod(d, 0o755);
    try {
      if (!isRoot) {
        await expect(openWallet({ path: dir, name: 'w' }).then((w) => w.hotkey())).rejects.toThrow(/permission denied \(EACCES\)/);
        return;
      }
      // root reads everything: ask an unprivileged child (uid nobody) to open the root-owned 0600 file
      const probe = join(dir, 'probe.mts');
      const src = join(process.cwd(), 'src/keys/node/index.ts');
      await writeFile(probe, `import { openWallet } from ${JSON.stringify(src)};\nconst e = await openWallet({ path: ${JSON.stringify(dir)}, name: 'w' }).catch((x) => x);\nconsole.log(JSON.stringify({ name: e.name, message: e.message, path: e.path }));\n`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', probe], { uid: 65534, gid: 65534, encoding: 'utf8', timeout: 60_000 });
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(out).toEqual({ name: 'KeyfileError', message: expect.stringMatching(/permission denied \(EACCES\)/), path: join(dir, 'w', 'coldkeypub.txt') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
