// `substrate-lite wallet …`: bittensor wallets from the command line.
//   wallet list                         wallets with their coldkeypub and hotkeys
//   wallet create                       new coldkey (encrypted) + hotkey; prints both mnemonics once
//   wallet show <name>                  addresses of one wallet (no password needed)
//   wallet new-hotkey <name> <hotkey>   add a hotkey; prints its mnemonic once
//   wallet sign <message> [--coldkey]   sign UTF-8 text with the hotkey (or the coldkey)
// Options: --wallet-path, --wallet, --hotkey (else BT_WALLET_PATH / BT_WALLET_NAME /
// BT_WALLET_HOTKEY), --words, --overwrite, --json. The coldkey password is read from the TTY
// without echo, or from bittensor's BT_PW_… variable; there is deliberately no argv option for it.
import { parseArgs } from 'node:util';
import { SubstrateLiteError } from './errors.js';
import { toHex } from './scale/index.js';
import { join, sep } from 'node:path';
import { passwordEnvVarName, revealPassword } from './keys/index.js';
import {
  createHotkey, createWallet, listWallets, openWallet, resolveWalletLocation, type WalletOptions,
} from './keys/node/index.js';
import { readPasswordFromTty } from './cli-password.js';

export interface WalletCliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  /** Prompt for a password (default: the TTY without echo). */
  readPassword: (prompt: string) => Promise<string>;
  /** Extra wallet options (tests pass a weak argon2i cost here; never reachable from argv). */
  walletOptions?: Partial<WalletOptions>;
}

const defaultIo = (): WalletCliIo => ({ env: process.env, out: (l) => console.log(l), readPassword: readPasswordFromTty });

export const WALLET_USAGE = `usage: substrate-lite wallet <list | create | show <name> | new-hotkey <name> <hotkey> | sign <message> [--coldkey]>
  [--wallet-path dir] [--wallet name] [--hotkey name] [--words 12|15|18|21|24] [--overwrite] [--json]
  The coldkey password is read from the terminal (no echo) or from bittensor's BT_PW_<path> variable.`;

async function coldkeyPassword(io: WalletCliIo, varName: string, confirm: boolean): Promise<string> {
  const fromEnv = io.env[varName];
  if (fromEnv !== undefined) {
    const pw = revealPassword(fromEnv, varName);
    if (pw === undefined) throw new SubstrateLiteError(`${varName} does not hold a bittensor-obfuscated password`);
    return pw;
  }
  const pw = await io.readPassword('coldkey password: ');
  if (confirm && (await io.readPassword('repeat password: ')) !== pw) throw new SubstrateLiteError('the two passwords differ');
  if (pw === '') throw new SubstrateLiteError('empty password');
  return pw;
}

async function describeWallet(opts: WalletOptions) {
  const w = await openWallet(opts);
  const hotkeys = await Promise.all((await w.hotkeys()).map(async (name) => ({ name, address: await w.hotkeyAddress(name) })));
  return { name: w.location.name, path: w.location.dir, coldkeypub: w.coldkeypub, hotkeys };
}

function parseWalletArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'wallet-path': { type: 'string' },
      wallet: { type: 'string' },
      hotkey: { type: 'string' },
      words: { type: 'string' },
      overwrite: { type: 'boolean', default: false },
      coldkey: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

export async function walletMain(argv: string[], io: WalletCliIo = defaultIo()): Promise<number> {
  const { values, positionals } = parseWalletArgs(argv);
  const [sub, ...args] = positionals;
  if (values.help) {
    io.out(WALLET_USAGE);
    return 0;
  }
  const base: WalletOptions = { ...io.walletOptions, path: values['wallet-path'], name: values.wallet, hotkey: values.hotkey, env: io.env };
  const words = values.words === undefined ? undefined : Number(values.words);
  const print = (obj: unknown, text: string) => io.out(values.json ? JSON.stringify(obj, null, 2) : text);
  switch (sub) {
    case 'list': {
      const names = await listWallets(base);
      const all = await Promise.all(names.map((name) => describeWallet({ ...base, name })));
      print(all, all.map((w) => `${w.name}  ${w.coldkeypub}  hotkeys: ${w.hotkeys.map((h) => h.name).join(', ') || '(none)'}`).join('\n') || '(no wallets)');
      return 0;
    }
    case 'show': {
      const w = await describeWallet({ ...base, name: args[0] ?? base.name });
      print(w, [`wallet ${w.name} (${w.path})`, `coldkeypub ${w.coldkeypub}`, ...w.hotkeys.map((h) => `hotkey ${h.name}  ${h.address}`)].join('\n'));
      return 0;
    }
    case 'create': {
      const loc = resolveWalletLocation(base);
      const varName = passwordEnvVarName(join(loc.dir, 'coldkey'), sep);
      const password = await coldkeyPassword(io, varName, true);
      const r = await createWallet({ ...base, password, words, overwrite: values.overwrite });
      const obj = { coldkeypub: r.wallet.coldkeypub, hotkey: (await r.wallet.hotkey()).address, coldkeyMnemonic: r.coldkeyMnemonic, hotkeyMnemonic: r.hotkeyMnemonic };
      print(obj, `created wallet ${loc.name} in ${loc.dir}\ncoldkey ${obj.coldkeypub}\n  mnemonic: ${r.coldkeyMnemonic}\nhotkey ${loc.hotkey} ${obj.hotkey}\n  mnemonic: ${r.hotkeyMnemonic}\nWrite the mnemonics down now: they are the only backup and are not shown again.`);
      return 0;
    }
    case 'new-hotkey': {
      const [name, hotkey] = args;
      if (!name || !hotkey) throw new SubstrateLiteError('new-hotkey needs <name> <hotkey>');
      const r = await createHotkey({ ...base, name, hotkey, words, overwrite: values.overwrite });
      print({ hotkey, address: r.keypair.address, mnemonic: r.mnemonic }, `hotkey ${hotkey} ${r.keypair.address}\n  mnemonic: ${r.mnemonic}\nWrite the mnemonic down now: it is not shown again.`);
      return 0;
    }
    case 'sign': {
      if (args.length !== 1) throw new SubstrateLiteError('sign needs exactly one <message> (quote it)');
      const w = await openWallet(base);
      const kp = values.coldkey ? await w.coldkey(await coldkeyPassword(io, w.passwordEnvVar, false)) : await w.hotkey();
      const signature = toHex(kp.sign(new TextEncoder().encode(args[0])));
      print({ address: kp.address, signature }, `${kp.address}\n${signature}`);
      return 0;
    }
    default:
      throw new SubstrateLiteError(`unknown wallet command ${JSON.stringify(sub ?? '')}\n${WALLET_USAGE}`);
  }
}
