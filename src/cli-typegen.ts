// `substrate-lite typegen`: chain types from metadata, as a file or on stdout.
//   substrate-lite typegen metadata.scale|metadata.hex [--out chain.ts]
//   substrate-lite typegen ws://host:9944 [--block n|0xhash] [--out chain.ts]
//   substrate-lite typegen [--url ws://… | --network finney] [--out chain.ts]   (default endpoint as the other commands)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SubstrateLiteError } from './errors.js';
import type { Metadata } from './scale/index.js';
import { SubstrateClient } from './substrate/index.js';
import { resolveEndpoints } from './subtensor/index.js';
import { generateTypes } from './typegen/index.js';

export const TYPEGEN_USAGE = '  typegen [file.scale|file.hex|ws-url] [--block n|hash] [--out file]   TypeScript types from metadata';

/** Metadata bytes from a file: `.hex` (or text starting 0x) as hex, otherwise raw SCALE. */
function readMetadataFile(path: string): Uint8Array | string {
  const buf = readFileSync(path);
  const head = buf.subarray(0, 2).toString('latin1');
  return path.endsWith('.hex') || head === '0x' ? buf.toString('utf8').trim() : new Uint8Array(buf);
}

async function metadataAt(endpoints: string[], block: string | undefined): Promise<Metadata> {
  const client = await SubstrateClient.connect(endpoints, { timeoutMs: 120_000 });
  try {
    let blockHash: string | undefined;
    if (block !== undefined) {
      if (/^0x[0-9a-fA-F]{64}$/.test(block)) blockHash = block;
      else if (/^\d+$/.test(block)) blockHash = await client.getBlockHash(Number(block));
      else throw new TypegenArgumentError(`--block must be a block number or a 0x block hash, got ${JSON.stringify(block)}`, block);
    }
    return await client.getMetadata({ blockHash });
  } finally {
    await client.close();
  }
}

/** A bad `typegen` command line; keeps the offending argument. */
export class TypegenArgumentError extends SubstrateLiteError {
  override name = 'TypegenArgumentError';
  readonly argument: string;
  constructor(message: string, argument: string) {
    super(message);
    this.argument = argument;
  }
}

export async function typegenMain(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, block: { type: 'string' }, url: { type: 'string' }, network: { type: 'string' } },
  });
  if (positionals.length > 1) throw new TypegenArgumentError(`typegen takes one metadata source, got ${positionals.length}`, positionals.join(' '));
  const source = positionals[0];
  const remote = source === undefined || /^wss?:\/\//.test(source);
  if (!remote && values.block !== undefined) throw new TypegenArgumentError('--block applies to a ws URL, not a metadata file', values.block);
  const endpoints = source !== undefined && remote ? [source] : resolveEndpoints(values.url ?? values.network);
  const input = remote ? await metadataAt(endpoints, values.block) : readMetadataFile(source);
  const origin = remote ? `${endpoints[0]}${values.block ? ` at block ${values.block}` : ''}` : source;
  const text = generateTypes(input, { source: origin, command: `substrate-lite typegen ${argv.join(' ')}` });
  if (values.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  writeFileSync(values.out, text);
  const named = text.match(/^export (?:interface|type) /gm)?.length ?? 0;
  console.log(`wrote ${values.out}: ${named} types, ${(text.length / 1024).toFixed(0)} KiB, from ${origin}`);
  return 0;
}
