// Block number → hash. A finalised number names one block forever, so its hash is kept across
// restarts (block-facts.ts) and asked of the node once; an unfinalised one is always asked, since
// a re-org can still change it. Learning how far finality reaches costs two requests, so it is
// done only where facts persist, only for numbers above the known mark, at most every 6 s.
import type { RequestOptions, RpcClient } from '../rpc/index.js';
import type { ArchiveFallback } from './archive.js';
import type { BlockFacts } from './block-facts.js';
import { BlockNotFoundError } from './errors.js';

export interface BlockHashSource {
  rpc: RpcClient;
  archive: ArchiveFallback | undefined;
  facts: BlockFacts;
  /** When the finalised mark was last asked for (ms since epoch), and that question. */
  finalityAt: number;
  finality?: Promise<void>;
}

const FINALITY_EVERY_MS = 6_000;

export async function blockHashOf(src: BlockHashSource, n: number, opts: RequestOptions): Promise<string> {
  const known = await src.facts.hashOf(n);
  if (known) return known;
  const [hash] = await Promise.all([fromNode(src, n, opts), learnFinality(src, n, opts)]);
  await src.facts.addHash(n, hash);
  return hash;
}

async function fromNode(src: BlockHashSource, n: number, opts: RequestOptions): Promise<string> {
  const h = await src.rpc.request<string | null>('chain_getBlockHash', [n], opts);
  if (h) return h;
  // a node that synced from a checkpoint does not know old numbers; an archive does
  const old = await src.archive?.request<string | null>('chain_getBlockHash', [n], opts);
  if (!old) throw new BlockNotFoundError(n);
  return old;
}

/** Raise the finalised mark when `n` is above it; never at the cost of the read itself. */
async function learnFinality(src: BlockHashSource, n: number, opts: RequestOptions): Promise<void> {
  if (!src.facts.persists || (await src.facts.isFinalized(n))) return;
  // concurrent reads share one question; a fresh answer is not asked again for 6 s
  if (Date.now() - src.finalityAt >= FINALITY_EVERY_MS) {
    src.finalityAt = Date.now();
    src.finality = askFinalized(src, opts);
  }
  await src.finality;
}

async function askFinalized(src: BlockHashSource, opts: RequestOptions): Promise<void> {
  try {
    const fin = await src.rpc.request<string>('chain_getFinalizedHead', [], opts);
    const header = await src.rpc.request<{ number: string } | null>('chain_getHeader', [fin], opts);
    if (header) await src.facts.setFinalized(Number(header.number));
  } catch {
    // the mark stays where it was; the hash is then simply not kept
  }
}
