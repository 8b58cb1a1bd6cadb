// The `wallet` CLI subcommands against a temp wallets directory, with the password prompt
// injected (the real one reads the TTY) and the weak argon2i cost passed in code, not argv.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletMain, type WalletCliIo } from '../src/cli-wallet.js';
import { obfuscatePassword, passwordEnvVarName } from '../src/keys/index.js';

let root: string;
beforeAll(async () => {
  await cryptoWaitReady();
  root = await mkdtemp(join(tmpdir(), 'sl-cli-wallet-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function io(passwords: string[], env: Record<string, string> = {}): WalletCliIo & { lines: string[]; prompts: string[] } {
  const lines: string[] = [];
  const prompts: string[] = [];
  return {
    lines,
    prompts,
    env: { BT_WALLET_PATH: root, ...env },
    out: (l) => lines.push(l),
    readPassword: async (p) => {
      prompts.push(p);
      const pw = passwords.shift();
      if (pw === undefined) throw new Error('unexpected prompt');
      return pw;
    },
    walletOptions: { kdfParams: { t: 3, mKiB: 64 } },
  };
}

describe('substrate-lite wallet', () => {
  it('create → list → show → new-hotkey → sign (hotkey and coldkey), passwords only from the prompt', async () => {
    const c = io(['s3cret', 's3cret']);
    expect(await walletMain(['create', '--wallet', 'cli', '--hotkey', 'hk', '--json'], c)).toBe(0);
    expect(c.prompts).toEqual(['coldkey password: ', 'repeat password: ']);
    const created = JSON.parse(c.lines[0]);
    const kr = new Keyring({ type: 'sr25519' });
    expect(created.coldkeypub).toBe(kr.addFromUri(created.coldkeyMnemonic).address);
    expect(created.hotkey).toBe(kr.addFromUri(created.hotkeyMnemonic).address);

    const l = io([]);
    await walletMain(['list', '--json'], l);
    expect(JSON.parse(l.lines[0])).toEqual([{ name: 'cli', path: join(root, 'cli'), coldkeypub: created.coldkeypub, hotkeys: [{ name: 'hk', address: created.hotkey }] }]);

    const n = io([]);
    await walletMain(['new-hotkey', 'cli', 'second', '--json'], n);
    const second = JSON.parse(n.lines[0]);
    expect(second.address).toBe(kr.addFromUri(second.mnemonic).address);
    const s = io([]);
    await walletMain(['show', 'cli'], s);
    expect(s.lines[0]).toContain(`coldkeypub ${created.coldkeypub}`);
    expect(s.lines[0]).toContain(`hotkey second  ${second.address}`);

    const sh = io([]);
    await walletMain(['sign', 'hello bittensor', '--wallet', 'cli', '--hotkey', 'hk', '--json'], sh);
    const sigHot = JSON.parse(sh.lines[0]);
    expect(sigHot.address).toBe(created.hotkey);
    expect(signatureVerify('hello bittensor', sigHot.signature, created.hotkey).isValid).toBe(true);

    const sc = io(['s3cret']);
    await walletMain(['sign', 'from cold', '--wallet', 'cli', '--coldkey', '--json'], sc);
    expect(sc.prompts).toEqual(['coldkey password: ']);
    expect(signatureVerify('from cold', JSON.parse(sc.lines[0]).signature, created.coldkeypub).isValid).toBe(true);
  });

  it('reads the coldkey password from the BT_PW_ variable instead of prompting', async () => {
    const varName = passwordEnvVarName(join(root, 'cli', 'coldkey'));
    const e = io([], { [varName]: obfuscatePassword('s3cret', varName) });
    await walletMain(['sign', 'x', '--wallet', 'cli', '--coldkey', '--json'], e);
    expect(e.prompts).toEqual([]);
    expect(JSON.parse(e.lines[0]).address).toMatch(/^5/);
  });

  it('refuses a password on argv, mismatched confirmation and overwriting', async () => {
    await expect(walletMain(['create', '--wallet', 'x', '--password', 'pw'], io([]))).rejects.toThrow(/Unknown option '--password'/);
    await expect(walletMain(['create', '--wallet', 'x'], io(['a', 'b']))).rejects.toThrow(/passwords differ/);
    await expect(walletMain(['create', '--wallet', 'cli', '--hotkey', 'hk'], io(['p', 'p']))).rejects.toThrow(/already exists/);
    expect(await readdir(root)).toEqual(['cli']);
    await expect(walletMain(['show', 'missing'], io([]))).rejects.toThrow(/available: cli/);
  });
});
