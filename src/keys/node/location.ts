// Where a bittensor wallet lives: `<path>/<name>/` with `coldkey`, `coldkeypub.txt`,
// `hotkeys/<hotkey>` and `hotkeys/<hotkey>pub.txt`. Defaults and environment variables as
// bittensor-wallet: path ~/.bittensor/wallets/, name and hotkey "default", overridden by
// BT_WALLET_PATH / BT_WALLET_NAME / BT_WALLET_HOTKEY; an explicit option wins over both.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidKeyError } from '../errors.js';

export interface WalletLocationOptions {
  /** Directory holding wallets (default ~/.bittensor/wallets/). */
  path?: string;
  /** Wallet name (default "default"). */
  name?: string;
  /** Hotkey name (default "default"). */
  hotkey?: string;
  /** Environment to read BT_WALLET_* from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface WalletLocation {
  /** Wallets directory, `~` expanded. */
  root: string;
  name: string;
  hotkey: string;
  /** `<root>/<name>`. */
  dir: string;
}

export const DEFAULT_WALLET_PATH = '~/.bittensor/wallets/';

export function expandHome(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

/** A wallet or hotkey name must be one path segment: no separators, not "." or "..". */
export function checkName(kind: string, name: string): string {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new InvalidKeyError(`${kind} name`, `${JSON.stringify(name)} must be a single path segment`);
  }
  return name;
}

export function resolveWalletLocation(opts: WalletLocationOptions = {}): WalletLocation {
  const env = opts.env ?? process.env;
  const root = expandHome(opts.path ?? env.BT_WALLET_PATH ?? DEFAULT_WALLET_PATH);
  const name = checkName('wallet', opts.name ?? env.BT_WALLET_NAME ?? 'default');
  const hotkey = checkName('hotkey', opts.hotkey ?? env.BT_WALLET_HOTKEY ?? 'default');
  return { root, name, hotkey, dir: join(root, name) };
}

export const coldkeyPath = (w: WalletLocation) => join(w.dir, 'coldkey');
export const coldkeypubPath = (w: WalletLocation) => join(w.dir, 'coldkeypub.txt');
export const hotkeysDir = (w: WalletLocation) => join(w.dir, 'hotkeys');
export const hotkeyPath = (w: WalletLocation, hotkey: string) => join(w.dir, 'hotkeys', checkName('hotkey', hotkey));
export const hotkeypubPath = (w: WalletLocation, hotkey: string) => join(w.dir, 'hotkeys', `${checkName('hotkey', hotkey)}pub.txt`);
