#!/usr/bin/env node
// substrate-lite command line: quick reads against a node without writing code.
//   substrate-lite query SubtensorModule TotalNetworks
//   substrate-lite balance <ss58>... [--json]
//   substrate-lite neurons <netuid> [--lite] [--json]
//   substrate-lite subnets
//   substrate-lite metagraph <netuid> [--full] | neuron <netuid> <uid|hotkey> | stake <coldkey>  (cli-reads.ts)
//   substrate-lite wallet list | create | show <name> | new-hotkey <name> <hotkey> | sign <message>  (cli-wallet.ts)
//   substrate-lite transfer | stake | weights | register | axon …  signed writes with a wallet (cli-writes.ts)
// Options: --url ws://… | --network finney|test|archive|local, --block <n>, --json
import { parseArgs } from 'node:util';
import { SubstrateLiteError } from './errors.js';
import { toHex } from './scale/index.js';
import { typegenMain, TYPEGEN_USAGE } from './cli-typegen.js';
import { Subtensor, formatBalance, resolveEndpoints, type Balance } from './subtensor/index.js';
import { walletMain } from './cli-wallet.js';
import { subnetRows, subnetTable } from './cli-subnets.js';
import { readCommand } from './cli-reads.js';
import { isWriteCommand, writeMain, WRITES_USAGE } from './cli-writes.js';

const USAGE = `usage: substrate-lite <command> [args] [--url ws://… | --network finney] [--block n] [--json]
commands:
  query <Pallet> <Item> [key...]   read one storage value (keys as JSON or strings)
  balance <ss58>...                free balances, all in one request
  neurons <netuid> [--lite]        neurons of a subnet
  subnets                          every subnet: netuid, name, price, emission, tempo, n
  metagraph <netuid> [--full]      the subnet's metagraph columns (--full: with weights and bonds)
  neuron <netuid> <uid|hotkey>     one neuron
  stake <coldkey>                  the coldkey's stake per hotkey and subnet
  block                            current block number and hash
  wallet <list|create|show|new-hotkey|sign>  bittensor wallets (substrate-lite wallet --help)
${WRITES_USAGE}
${TYPEGEN_USAGE}`;

export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? toHex(x) : x), 2);
}

function parseKey(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'typegen') return typegenMain(argv.slice(1));
  if (argv[0] === 'wallet') return walletMain(argv.slice(1)); // its own options; no chain connection
  if (isWriteCommand(argv)) return writeMain(argv); // its own options: wallet, --yes, --wait
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      network: { type: 'string' },
      block: { type: 'string' },
      json: { type: 'boolean', default: false },
      lite: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [cmd, ...args] = positionals;
  if (values.help || !cmd) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const endpoints = resolveEndpoints(values.url ?? values.network);
  const block = values.block === undefined ? undefined : Number(values.block);
  if (block !== undefined && !Number.isSafeInteger(block)) throw new SubstrateLiteError(`--block must be a block number, got ${values.block}`);
  process.stderr.write(`connecting to ${endpoints[0]}…\n`);
  const st = await Subtensor.connect(endpoints, { timeoutMs: 120_000 });
  try {
    const blockHash = block === undefined ? undefined : await st.getBlockHash(block);
    const sel = { blockHash };
    let out: unknown;
    let text: string | undefined;
    switch (cmd) {
      case 'query': {
        const [pallet, item, ...keys] = args;
        if (!pallet || !item) throw new SubstrateLiteError('query needs <Pallet> <Item> [key...]');
        out = await st.client.query(pallet, item, keys.map(parseKey), sel);
        break;
      }
      case 'balance': {
        if (args.length === 0) throw new SubstrateLiteError('balance needs at least one ss58 address');
        const b = await st.getBalances(args, sel);
        out = b;
        text = Object.entries(b).map(([a, x]) => `${a}  ${formatBalance(x as Balance)}`).join('\n');
        break;
      }
      case 'neurons': {
        const netuid = Number(args[0]);
        if (!Number.isInteger(netuid)) throw new SubstrateLiteError('neurons needs a numeric <netuid>');
        process.stderr.write(`fetching ${values.lite ? 'lite ' : ''}neurons of subnet ${netuid}…\n`);
        const list = values.lite ? await st.neuronsLite(netuid, sel) : await st.neurons(netuid, sel);
        out = list;
        text = list.map((n) => `${String(n.uid).padStart(4)}  ${n.hotkey}  stake ${formatBalance(n.totalStake)}  rank ${n.rank.toFixed(4)}`).join('\n') + `\n${list.length} neurons`;
        break;
      }
      case 'subnets': {
        const rows = await subnetRows(st, blockHash);
        out = rows;
        text = subnetTable(rows);
        break;
      }
      case 'block': {
        const hash = blockHash ?? (await st.getBlockHash());
        out = { number: await st.client.getBlockNumber(hash), hash };
        break;
      }
      default: {
        const r = await readCommand(st, cmd, args, blockHash, values.full);
        if (r) {
          ({ out, text } = r);
          break;
        }
        throw new SubstrateLiteError(`unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
      }
    }
    console.log(values.json || text === undefined ? toJson(out) : text);
    return 0;
  } finally {
    await st.close();
  }
}

const invoked = typeof process !== 'undefined' && process.argv[1] && /cli\.(c?js|ts)$/.test(process.argv[1]);
if (invoked) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      const err = e as Error;
      // ConnectionError's message already reads "cannot reach <url>: <cause>".
      if (err.name === 'ConnectionError') console.error(err.message);
      else console.error(`error: ${err instanceof SubstrateLiteError ? `${err.name}: ` : ''}${err.message}`);
      process.exit(1);
    },
  );
}
