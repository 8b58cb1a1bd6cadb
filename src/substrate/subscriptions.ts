// Subscriptions over the client: heads (with their real hash and, on Aura chains, the author),
// Python's callback form `subscribe_block_headers`, waiting for a block number, and storage changes
// decoded with the runtime of the block each change came from.
import { storageKey } from '../scale/index.js';
import type { Header, SubstrateClient } from './client.js';
import { blockAuthor, headerHash, toHeader, type RawHeader } from './blocks.js';
import { SubstrateLiteError } from '../errors.js';
import { decodeStorageValue, storageEntries } from './storage-value.js';
import { U32_MAX, clientArg, functionArg, optBoolArg, optionsArg, optSignalArg, uintArg } from './validate.js';

export interface HeadsOptions {
  finalized?: boolean;
  /** Also resolve each block's Aura author (one storage read per head). */
  author?: boolean;
  signal?: AbortSignal;
}

export type HeadWithAuthor = Header & { author?: string | null };

/** New (or finalised) heads as an async iterator; `break` unsubscribes. Options checked by the caller. */
export async function* subscribeHeads(client: SubstrateClient, opts: HeadsOptions = {}): AsyncGenerator<HeadWithAuthor> {
  const [sub, unsub] = opts.finalized
    ? ['chain_subscribeFinalizedHeads', 'chain_unsubscribeFinalizedHeads']
    : ['chain_subscribeNewHeads', 'chain_unsubscribeNewHeads'];
  for await (const raw of client.rpc.subscribeIter<RawHeader>(sub, [], unsub, { signal: opts.signal })) {
    const header = toHeader(headerHash(raw), raw);
    if (!opts.author) {
      yield header;
      continue;
    }
    const rt = await client.runtime({ blockHash: header.hash, signal: opts.signal });
    yield { ...header, author: await blockAuthor(client, header, rt, { signal: opts.signal }) };
  }
}

/**
 * Callback form (AsyncSubstrateInterface's `subscribe_block_headers`): `handler(header, updateNr,
 * subscriptionId)` runs for each head until it returns something other than undefined, which
 * becomes the result.
 */
export async function subscribeBlockHeaders<T>(
  client: SubstrateClient,
  handler: (header: HeadWithAuthor, updateNr: number, subscriptionId: string) => T | undefined | Promise<T | undefined>,
  optsIn: { finalizedOnly?: boolean; author?: boolean; signal?: AbortSignal } = {},
): Promise<T> {
  clientArg(client, 'client');
  functionArg(handler, 'handler');
  const opts = waitOptionsArg(optsIn);
  optBoolArg(opts.author, 'opts.author');
  let n = 0;
  const id = `heads-${Math.random().toString(36).slice(2, 10)}`;
  for await (const h of subscribeHeads(client, { finalized: opts.finalizedOnly, author: opts.author, signal: opts.signal })) {
    const r = await handler(h, n++, id);
    if (r !== undefined) return r;
  }
  throw new SubstrateLiteError('the head subscription ended before the handler returned a result');
}

/** Resolve with block `n`'s header once the chain (finalised with `finalizedOnly`) reaches it. */
export async function waitForBlock(client: SubstrateClient, n: number, optsIn: { finalizedOnly?: boolean; signal?: AbortSignal } = {}): Promise<Header> {
  clientArg(client, 'client');
  uintArg(n, 'n', U32_MAX);
  const opts = waitOptionsArg(optsIn);
  for await (const h of subscribeHeads(client, { finalized: opts.finalizedOnly, signal: opts.signal })) {
    if (h.number === n) return h;
    if (h.number > n) return client.getBlockHeader({ blockNumber: n, signal: opts.signal });
  }
  throw new SubstrateLiteError(`the head subscription ended before block ${n}`);
}

function waitOptionsArg(v: unknown): { finalizedOnly?: boolean; author?: boolean; signal?: AbortSignal } {
  const o = optionsArg(v, 'opts');
  return { ...o, finalizedOnly: optBoolArg(o.finalizedOnly, 'opts.finalizedOnly'), signal: optSignalArg(o.signal, 'opts.signal') };
}

/**
 * Storage changes for the given (checked) requests, each change set decoded with its own block's
 * runtime; key counts are checked against the runtime the subscription starts under.
 */
export async function* subscribeStorage(client: SubstrateClient, requests: [string, string, unknown[]][], opts: { signal?: AbortSignal } = {}): AsyncGenerator<{ block: string; values: unknown[] }> {
  const rt0 = await client.runtime(opts);
  storageEntries(rt0, requests);
  const keys = requests.map(([p, i, k]) => storageKey(rt0.registry, p, i, k));
  const current = new Map<string, string | null>();
  const it = client.rpc.subscribeIter<{ block: string; changes: [string, string | null][] }>('state_subscribeStorage', [keys], 'state_unsubscribeStorage', { signal: opts.signal });
  for await (const set of it) {
    for (const [k, v] of set.changes) current.set(k.toLowerCase(), v);
    const rt = await client.runtime({ blockHash: set.block, signal: opts.signal });
    yield {
      block: set.block,
      values: requests.map(([p, i], n) => decodeStorageValue(rt.registry, rt.registry.storageEntry(p, i).entry, current.get(keys[n].toLowerCase()) ?? null, `${p}.${i}`)),
    };
  }
}
