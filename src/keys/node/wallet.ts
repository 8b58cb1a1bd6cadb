// Bittensor wallet directories, read and write, in bittensor-wallet 4.x's layout and formats.
// Opening a wallet reads only coldkeypub.txt (no password); the coldkey is decrypted on demand.
import { readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { KeyfileError, WalletNotFoundError } from '../errors.js';
import { passwordEnvVarName, revealPassword } from '../env-password.js';
import { openKeyfile } from '../keyfile.js';
import type { KeyfileContents } from '../keyfile-json.js';
import type { Keypair } from '../keypair.js';
import type { Argon2iKdf, Argon2Params } from '../nacl.js';
import { platformArgon2i } from './argon2.js';
import { readKeyfileBytes } from './fs.js';
import {
  coldkeyPath, coldkeypubPath, hotkeyPath, hotkeypubPath, hotkeysDir, resolveWalletLocation,
  type WalletLocation, type WalletLocationOptions,
} from './location.js';

export interface WalletOptions extends WalletLocationOptions {
  /** argon2i implementation (default: node:crypto's native one where present, else pure JS). */
  kdf?: Argon2iKdf;
  /** Only for tests of the format: a cost other than SENSITIVE, which bittensor-wallet cannot open. */
  kdfParams?: Argon2Params;
}

/** Where the coldkey password comes from: the string itself, or bittensor's BT_PW_… variable. */
export type PasswordSource = string | { passwordFromEnv: true };

export interface Wallet {
  readonly location: WalletLocation;
  /** SS58 address of the coldkey, from coldkeypub.txt. */
  readonly coldkeypub: string;
  /** The hotkey keypair (default: the wallet's hotkey name). Hotkeys are stored unencrypted. */
  hotkey(name?: string): Promise<Keypair>;
  /** The hotkey's address from <hotkey>pub.txt (or the hotkey file when there is none). */
  hotkeyAddress(name?: string): Promise<string>;
  /** Decrypt the coldkey. */
  coldkey(password: PasswordSource): Promise<Keypair>;
  /** Names of the hotkeys in hotkeys/ (sorted; *pub.txt files excluded). */
  hotkeys(): Promise<string[]>;
  /** The BT_PW_… variable bittensor-wallet reads the coldkey password from. */
  readonly passwordEnvVar: string;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => !d.name.startsWith('.')).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

/** Wallet names under a wallets directory (those holding a coldkey or coldkeypub.txt). */
export async function listWallets(opts: WalletLocationOptions = {}): Promise<string[]> {
  const { root } = resolveWalletLocation(opts);
  const out: string[] = [];
  for (const name of await listDir(root)) {
    const files = await listDir(`${root}${sep}${name}`);
    if (files.includes('coldkey') || files.includes('coldkeypub.txt')) out.push(name);
  }
  return out;
}

async function hotkeyNames(w: WalletLocation): Promise<string[]> {
  return (await listDir(hotkeysDir(w))).filter((n) => !n.endsWith('pub.txt'));
}

async function readContents(path: string, opts: { password?: string; kdf: Argon2iKdf; params?: Argon2Params }): Promise<KeyfileContents | undefined> {
  const data = await readKeyfileBytes(path);
  if (!data) return undefined;
  return openKeyfile(data, { path, password: opts.password, kdf: opts.kdf, params: opts.params });
}

function passwordFrom(source: PasswordSource, varName: string, env: Record<string, string | undefined>, path: string): string {
  if (typeof source === 'string') return source;
  const value = env[varName];
  if (value === undefined) throw new KeyfileError(path, `passwordFromEnv: environment variable ${varName} is not set`);
  const pw = revealPassword(value, varName);
  if (pw === undefined) throw new KeyfileError(path, `passwordFromEnv: ${varName} does not hold a bittensor-obfuscated password`);
  return pw;
}

/** Open an existing wallet. Missing wallet or coldkeypub: WalletNotFoundError listing what exists. */
export async function openWallet(opts: WalletOptions = {}): Promise<Wallet> {
  const w = resolveWalletLocation(opts);
  const kdf = opts.kdf ?? platformArgon2i;
  const env = opts.env ?? process.env;
  const pub = await readContents(coldkeypubPath(w), { kdf });
  if (!pub) throw new WalletNotFoundError(`wallet "${w.name}" (coldkeypub.txt)`, w.dir, await listWallets({ path: w.root, env: {} }));
  const coldPath = coldkeyPath(w);
  const hotkey = async (name = w.hotkey) => {
    const c = await readContents(hotkeyPath(w, name), { kdf });
    if (!c) throw new WalletNotFoundError(`hotkey "${name}" of wallet "${w.name}"`, hotkeyPath(w, name), await hotkeyNames(w));
    if (!c.keypair) throw new KeyfileError(hotkeyPath(w, name), 'holds no secret (public keyfile)');
    return c.keypair;
  };
  return {
    location: w,
    coldkeypub: pub.address,
    passwordEnvVar: passwordEnvVarName(coldPath, sep),
    hotkey,
    hotkeyAddress: async (name = w.hotkey) => (await readContents(hotkeypubPath(w, name), { kdf }))?.address ?? (await hotkey(name)).address,
    hotkeys: () => hotkeyNames(w),
    coldkey: async (source) => {
      const password = passwordFrom(source, passwordEnvVarName(coldPath, sep), env, coldPath);
      const c = await readContents(coldPath, { password, kdf, params: opts.kdfParams });
      if (!c) throw new WalletNotFoundError(`coldkey of wallet "${w.name}"`, coldPath, await listDir(w.dir));
      if (!c.keypair) throw new KeyfileError(coldPath, 'holds no secret (public keyfile)');
      if (c.address !== pub.address) throw new KeyfileError(coldPath, `belongs to ${c.address}, but coldkeypub.txt says ${pub.address}`);
      return c.keypair;
    },
  };
}
