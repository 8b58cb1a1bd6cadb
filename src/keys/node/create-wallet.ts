// Writing wallets: a new (or restored) coldkey encrypted with a password, coldkeypub.txt, and
// hotkeys with their <hotkey>pub.txt, in bittensor-wallet's formats. Everything is computed in
// memory first (the slow argon2i included) and every target is checked before the first write,
// so bad input never leaves a half-made wallet; each file is then written atomically.
import { keypairFromMnemonic } from '../create.js';
import { KeyfileExistsError, KeyfileError } from '../errors.js';
import { keyfileJson, publicKeyfileJson } from '../keyfile-json.js';
import type { Keypair } from '../keypair.js';
import { generateMnemonic } from '../mnemonic.js';
import { encryptKeyfileData } from '../nacl.js';
import { platformArgon2i } from './argon2.js';
import { readKeyfileBytes, writeKeyfileAtomic } from './fs.js';
import { coldkeyPath, coldkeypubPath, hotkeyPath, hotkeypubPath, resolveWalletLocation } from './location.js';
import { openWallet, type Wallet, type WalletOptions } from './wallet.js';

export interface CreateWalletOptions extends WalletOptions {
  /** Coldkey password (required: coldkeys are always encrypted). */
  password: string;
  /** Restore the coldkey from this mnemonic instead of generating one. */
  coldkeyMnemonic?: string;
  /** Restore the hotkey from this mnemonic instead of generating one. */
  hotkeyMnemonic?: string;
  /** Words in generated mnemonics (default 12, as btcli). */
  words?: number;
  /** Replace existing key files. Default false: an existing key is a KeyfileExistsError. */
  overwrite?: boolean;
}

export interface CreatedWallet {
  wallet: Wallet;
  /** The mnemonics: show them to the user once, they are the only backup. */
  coldkeyMnemonic: string;
  hotkeyMnemonic: string;
}

const enc = new TextEncoder();

async function refuseExisting(paths: string[], overwrite: boolean): Promise<void> {
  if (overwrite) return;
  for (const p of paths) if ((await readKeyfileBytes(p)) !== undefined) throw new KeyfileExistsError(p);
}

async function writeAll(files: [string, Uint8Array][], overwrite: boolean): Promise<void> {
  await refuseExisting(files.map(([p]) => p), overwrite);
  for (const [p, data] of files) await writeKeyfileAtomic(p, data, overwrite);
}

function hotkeyFiles(w: ReturnType<typeof resolveWalletLocation>, name: string, kp: Keypair): [string, Uint8Array][] {
  return [
    [hotkeyPath(w, name), enc.encode(keyfileJson(kp))],
    [hotkeypubPath(w, name), enc.encode(publicKeyfileJson(kp.publicKey))],
  ];
}

/** Create a wallet: coldkey (encrypted), coldkeypub.txt, and the hotkey named by `hotkey`. */
export async function createWallet(opts: CreateWalletOptions): Promise<CreatedWallet> {
  if (typeof opts.password !== 'string' || opts.password === '') throw new KeyfileError('', 'createWallet needs a non-empty coldkey password');
  const w = resolveWalletLocation(opts);
  const coldkeyMnemonic = opts.coldkeyMnemonic ?? generateMnemonic(opts.words);
  const hotkeyMnemonic = opts.hotkeyMnemonic ?? generateMnemonic(opts.words);
  const cold = keypairFromMnemonic(coldkeyMnemonic);
  const hot = keypairFromMnemonic(hotkeyMnemonic);
  const overwrite = opts.overwrite === true;
  const targets = [coldkeyPath(w), coldkeypubPath(w), hotkeyPath(w, w.hotkey), hotkeypubPath(w, w.hotkey)];
  await refuseExisting(targets, overwrite); // before spending seconds on argon2i
  const sealed = await encryptKeyfileData(enc.encode(keyfileJson(cold)), opts.password, { kdf: opts.kdf ?? platformArgon2i, params: opts.kdfParams });
  await writeAll(
    [[coldkeyPath(w), sealed], [coldkeypubPath(w), enc.encode(publicKeyfileJson(cold.publicKey))], ...hotkeyFiles(w, w.hotkey, hot)],
    overwrite,
  );
  return { wallet: await openWallet(opts), coldkeyMnemonic, hotkeyMnemonic };
}

/** Add a hotkey (new, or restored from `mnemonic`) to an existing wallet. */
export async function createHotkey(
  opts: WalletOptions & { hotkey: string; mnemonic?: string; words?: number; overwrite?: boolean },
): Promise<{ keypair: Keypair; mnemonic: string }> {
  const wallet = await openWallet(opts); // the wallet must exist
  const mnemonic = opts.mnemonic ?? generateMnemonic(opts.words);
  const keypair = keypairFromMnemonic(mnemonic);
  await writeAll(hotkeyFiles(wallet.location, opts.hotkey, keypair), opts.overwrite === true);
  return { keypair, mnemonic };
}
