// `substrate-lite <write>`: signed Subtensor writes from the command line, with a bittensor wallet.
//   transfer <dest> <tao> | transfer <dest> --all
//   stake add <hotkey> <netuid> <tao> | stake remove <hotkey> <netuid> <tao>
//   stake move <from-hotkey> <from-netuid> <to-hotkey> <to-netuid> <tao>
//   weights set <netuid> <uid:weight,…> | weights commit <netuid> <uid:weight,…> --salt a,b,… | weights reveal <netuid> <uid:weight,…> --salt a,b,…
//   register <netuid>             burned registration of the wallet's hotkey
//   axon serve <netuid> <ip> <port>
// Each write is priced first (a dry run: every check Python makes, nothing sent), the fee shown,
// and sent only after a "y" at the prompt — or with --yes. Without a terminal and without --yes it
// refuses. The coldkey signs staking, transfers and registration; the hotkey signs weights and axons.
import { parseArgs } from 'node:util';
import { SubstrateLiteError } from './errors.js';
import { revealPassword } from './keys/index.js';
import { openWallet, type WalletOptions } from './keys/node/index.js';
import type { ExtrinsicReceipt, Signer } from './substrate/index.js';
import { Subtensor, formatBalance, resolveEndpoints, balance } from './subtensor/index.js';
import type { WriteOptions } from './subtensor/write.js';
import { readPasswordFromTty } from './cli-password.js';
import { writeCommand, WRITE_COMMANDS, type WriteCommand } from './cli-write-commands.js';

export const WRITES_USAGE = `writes (signed with a bittensor wallet; the fee is shown and confirmed unless --yes):
  transfer <dest> <tao> | transfer <dest> --all
  stake add|remove <hotkey> <netuid> <tao>
  stake move <from-hotkey> <from-netuid> <to-hotkey> <to-netuid> <tao>
  weights set|commit|reveal <netuid> <uid:weight,…> [--salt n,n,…]
  register <netuid>                 burned registration of the wallet's hotkey
  axon serve <netuid> <ip> <port>
  wallet options: --wallet name --hotkey name --wallet-path dir (or BT_WALLET_NAME/BT_WALLET_HOTKEY/BT_WALLET_PATH);
  --yes (no prompt), --wait none|inclusion|finalization, --json`;

export interface WriteCliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  readPassword: (prompt: string) => Promise<string>;
  /** Ask yes/no; resolve true to send. Default: the terminal; false without one. */
  confirm: (question: string) => Promise<boolean>;
  walletOptions?: Partial<WalletOptions>;
  /** Connect to this Subtensor instead of --url/--network (tests). */
  subtensor?: Subtensor;
}

async function confirmOnTty(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  process.stderr.write(`${question} [y/N] `);
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin });
  const answer = await new Promise<string>((r) => rl.once('line', r));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

const defaultIo = (): WriteCliIo => ({
  env: process.env, out: (l) => console.log(l), err: (l) => process.stderr.write(`${l}\n`), readPassword: readPasswordFromTty, confirm: confirmOnTty,
});

/** Whether the command line is a write (`stake <coldkey>` stays the read; `stake add|remove|move` write). */
export function isWriteCommand(argv: string[]): boolean {
  const [cmd, sub] = argv;
  if (cmd === 'stake') return sub === 'add' || sub === 'remove' || sub === 'move';
  return cmd !== undefined && WRITE_COMMANDS.has(cmd);
}

function parseWriteArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      network: { type: 'string' },
      wallet: { type: 'string' },
      hotkey: { type: 'string' },
      'wallet-path': { type: 'string' },
      yes: { type: 'boolean', short: 'y', default: false },
      all: { type: 'boolean', default: false },
      salt: { type: 'string' },
      wait: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
}

async function coldkeySigner(io: WriteCliIo, opts: WalletOptions): Promise<Signer> {
  const w = await openWallet(opts);
  const fromEnv = io.env[w.passwordEnvVar];
  const pw = fromEnv !== undefined ? revealPassword(fromEnv, w.passwordEnvVar) : await io.readPassword(`password for coldkey of ${w.location.name}: `);
  if (pw === undefined) throw new SubstrateLiteError(`${w.passwordEnvVar} does not hold a bittensor-obfuscated password`);
  return w.coldkey(pw);
}

/** Run a write command; returns the exit code (0 sent and succeeded, 1 declined or failed). */
export async function writeMain(argv: string[], io: WriteCliIo = defaultIo()): Promise<number> {
  const { values, positionals } = parseWriteArgs(argv);
  const command = writeCommand(positionals, { all: values.all, salt: values.salt });
  const waitFor = (values.wait ?? 'inclusion') as WriteOptions['waitFor'];
  if (!['none', 'inclusion', 'finalization'].includes(waitFor!)) throw new SubstrateLiteError(`--wait must be none, inclusion or finalization, got ${values.wait}`);
  const wopts: WalletOptions = { ...io.walletOptions, path: values['wallet-path'], name: values.wallet, hotkey: values.hotkey, env: io.env };
  const wallet = await openWallet(wopts);
  const st = io.subtensor ?? (await Subtensor.connect(resolveEndpoints(values.url ?? values.network), { timeoutMs: 120_000 }));
  try {
    const signer = command.key === 'coldkey' ? await coldkeySigner(io, wopts) : await wallet.hotkey();
    const ctx = { hotkey: await wallet.hotkeyAddress(wopts.hotkey ?? undefined), coldkey: wallet.coldkeypub };
    const priced = await command.run(st, signer, ctx, { dryRun: true });
    if (priced === null) {
      io.out('nothing to do: the chain already holds this (already registered, or the same axon)');
      return 0;
    }
    io.err(`${command.describe}\nfee: ${formatBalance(balance(priced.fee ?? 0n))} (signed by the ${command.key} ${command.key === 'coldkey' ? ctx.coldkey : ctx.hotkey})`);
    if (!values.yes && !(await io.confirm('send it?'))) {
      io.err('not sent');
      return 1;
    }
    const r = await command.run(st, signer, ctx, { waitFor, raiseError: false });
    if (r === null) {
      io.out('nothing to do: the chain already holds this');
      return 0;
    }
    io.out(values.json ? receiptJson(r) : receiptText(r));
    return r.success ? 0 : 1;
  } finally {
    if (!io.subtensor) await st.close();
  }
}

function receiptJson(r: ExtrinsicReceipt): string {
  return JSON.stringify({ ...r, events: r.events.map((e) => `${e.pallet}.${e.name}`) }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

function receiptText(r: ExtrinsicReceipt): string {
  if (r.status === 'none') return `submitted ${r.extrinsicHash}`;
  const where = `block ${r.blockNumber} (${r.blockHash}) extrinsic ${r.extrinsicIndex}`;
  if (r.success) return `ok: ${where}, fee ${formatBalance(balance(r.fee ?? 0n))}`;
  const d = r.dispatchError;
  return `failed: ${where}: ${d ? [d.pallet, d.name].filter(Boolean).join('.') || d.type : 'unknown'}${d?.docs?.length ? ` — ${d.docs.join(' ')}` : ''}`;
}

export type { WriteCommand };
