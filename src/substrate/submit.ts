// Submitting a signed extrinsic and following it to inclusion or finalization. It never waits
// forever: the pool's verdicts (invalid, dropped, usurped, finality timeout) reject with a typed
// ExtrinsicError saying which; a mortal transaction still not in a block when its era ends rejects
// as 'era-expired' (new heads are watched against the era's last block); `timeoutMs` and the
// signal bound the rest. A rejection also makes the signer's reserved nonces resync from the node.
import { blake2_256, fromHex, toHex } from '../scale/index.js';
import { RpcError } from '../rpc/errors.js';
import { AbortError } from '../errors.js';
import type { SubstrateClient } from './client.js';
import { ExtrinsicError } from './errors.js';
import { decodeExtrinsic } from './extrinsic-decode.js';
import { eraDeath, eraParts } from './extensions.js';
import { markSent, resyncNonce, submitTurn } from './nonce.js';
import { receiptFromEvents, type ExtrinsicReceipt } from './receipt.js';
import { subscribeHeads } from './subscriptions.js';
import { atArg, clientArg, hexArg, optOneOfArg, optUintArg } from './validate.js';

export interface SubmitOptions {
  /** 'inclusion' (default), 'finalization', or 'none' (returns once the pool accepts it). */
  waitFor?: 'none' | 'inclusion' | 'finalization';
  signal?: AbortSignal;
  /** Give up after this many ms with ExtrinsicError 'timeout' (the watch is closed; the transaction may still land). */
  timeoutMs?: number;
}

const FAILURES = ['dropped', 'invalid', 'usurped', 'finalityTimeout'];
const STATUS_NAME: Record<string, string> = { finalityTimeout: 'finality-timeout' };

/** What submission needs to know of a signed extrinsic: its signer, nonce and era, where decodable. */
interface Facts {
  signer: string | null;
  nonce: number | null;
  /** Encoded mortal era (two bytes as a number), or null when immortal or unknown. */
  era: number | null;
}

async function factsOf(client: SubstrateClient, hex: string, signal?: AbortSignal): Promise<Facts> {
  try {
    const rt = await client.runtime({ signal });
    const x = decodeExtrinsic(rt.registry, hex);
    const ext = x.extensions ?? {};
    const e = (ext.CheckMortality ?? ext.CheckEra) as { type?: unknown; value?: unknown } | null | undefined;
    const m = typeof e?.type === 'string' ? /^Mortal(\d+)$/.exec(e.type) : null;
    const nonce = ext.CheckNonce;
    return {
      signer: typeof x.signer === 'string' ? x.signer : null,
      nonce: typeof nonce === 'number' || typeof nonce === 'bigint' ? Number(nonce) : null,
      era: m && typeof e!.value === 'number' ? Number(m[1]) | (e!.value << 8) : null,
    };
  } catch {
    return { signer: null, nonce: null, era: null }; // not ours to judge: the node will say
  }
}

/** A status's payload as text for the error message (a block hash, or the node's reason object). */
function detailOf(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v).slice(0, 300);
  } catch {
    return undefined;
  }
}

function rejection(hash: string, status: string, detail?: string): ExtrinsicError {
  const s = STATUS_NAME[status] ?? status;
  return new ExtrinsicError(`extrinsic ${hash} ${s}${detail ? `: ${detail}` : ''}`, s);
}

/** The pool refused the extrinsic outright (author_submit* returned an error). */
function poolRefusal(hash: string, e: RpcError): ExtrinsicError {
  const data = typeof e.data === 'string' ? e.data : e.data === undefined ? '' : JSON.stringify(e.data);
  return new ExtrinsicError(`extrinsic ${hash} invalid: ${e.rpcMessage}${data ? ` (${data})` : ''}`, 'invalid');
}

/**
 * Submit a signed extrinsic. waitFor 'none' returns once the pool accepts it; 'inclusion' and
 * 'finalization' follow `author_submitAndWatchExtrinsic` and read the block's events.
 */
export async function submitExtrinsic(client: SubstrateClient, extrinsicHex: string, opts: SubmitOptions = {}): Promise<ExtrinsicReceipt> {
  clientArg(client, 'client');
  hexArg(extrinsicHex, 'extrinsicHex');
  opts = atArg(opts);
  const waitFor = optOneOfArg(opts.waitFor, 'opts.waitFor', ['none', 'inclusion', 'finalization'] as const) ?? 'inclusion';
  const timeoutMs = optUintArg(opts.timeoutMs, 'opts.timeoutMs');
  const hash = toHex(blake2_256(fromHex(extrinsicHex)));
  const facts = await factsOf(client, extrinsicHex, opts.signal);
  const { signer, nonce } = facts;
  if (signer !== null && nonce !== null) await submitTurn(client, signer, nonce);
  const reached = () => {
    if (signer !== null && nonce !== null) markSent(client, signer, nonce);
  };
  const refused = (e: unknown) => {
    reached();
    if (signer) resyncNonce(client, signer);
    return e instanceof RpcError ? poolRefusal(hash, e) : e;
  };
  if (waitFor === 'none') {
    try {
      await client.rpc.request('author_submitExtrinsic', [extrinsicHex], { signal: opts.signal });
    } catch (e) {
      throw refused(e);
    }
    reached();
    return { extrinsicHash: hash, blockHash: null, blockNumber: null, extrinsicIndex: null, success: true, dispatchError: null, fee: null, weight: null, events: [], status: 'none' };
  }
  const stop = new AbortController();
  const onAbort = () => stop.abort(new AbortError('submitExtrinsic', opts.signal!.reason));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs ? setTimeout(() => stop.abort(rejection(hash, 'timeout', `not ${waitFor === 'inclusion' ? 'included' : 'finalized'} within ${timeoutMs} ms`)), timeoutMs) : undefined;
  const state = { included: false };
  try {
    const watch = watchStatus(client, extrinsicHex, hash, waitFor, state, reached, stop.signal);
    const expiry = watchEra(client, facts.era, hash, state, stop.signal);
    const done = aborted(stop.signal);
    for (const p of [watch, expiry, done]) p.catch(() => undefined); // the losers of the race settle unobserved
    const blockHash = await Promise.race([watch, expiry, done]);
    return await receipt(client, hash, blockHash, waitFor, opts.signal);
  } catch (e) {
    if (e instanceof ExtrinsicError && e.status === 'timeout') throw e;
    throw e instanceof ExtrinsicError || e instanceof RpcError ? refused(e) : e;
  } finally {
    reached();
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

function watchStatus(
  client: SubstrateClient, hex: string, hash: string, waitFor: 'inclusion' | 'finalization', state: { included: boolean }, accepted: () => void, signal: AbortSignal,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const onStatus = (status: unknown) => {
      if (typeof status === 'string') {
        // some nodes send 'usurped' bare rather than as { usurped: hash }
        if (FAILURES.includes(status)) reject(rejection(hash, status));
        return;
      }
      if (typeof status !== 'object' || status === null) return;
      const s = status as Record<string, unknown>;
      const kind = Object.keys(s)[0];
      if (typeof s.inBlock === 'string') {
        state.included = true;
        if (waitFor === 'inclusion') resolve(s.inBlock);
      } else if ('retracted' in s) state.included = false;
      else if (typeof s.finalized === 'string') resolve(s.finalized);
      else if (FAILURES.includes(kind)) reject(rejection(hash, kind, detailOf(s[kind])));
    };
    const opened = client.rpc.subscribe('author_submitAndWatchExtrinsic', [hex], 'author_unwatchExtrinsic', onStatus, {
      signal,
      onError: (e) => reject(e),
      // closed under us (the client closed, or unsubscribed) without a verdict: say so rather than wait
      onEnd: () => reject(rejection(hash, 'ended', `the watch ended before ${waitFor}`)),
    });
    opened.then(
      (sub) => {
        accepted(); // the pool took it: the signer's next nonce may go
        signal.addEventListener('abort', () => void sub.unsubscribe().catch(() => undefined), { once: true });
        if (signal.aborted) void sub.unsubscribe().catch(() => undefined);
      },
      reject,
    );
  });
}

/** Rejects with 'era-expired' once a new head reaches the era's end while the extrinsic is in no block; never resolves. */
async function watchEra(client: SubstrateClient, era: number | null, hash: string, state: { included: boolean }, signal: AbortSignal): Promise<never> {
  if (era === null) return new Promise<never>(() => undefined);
  const { period, phase } = eraParts(era);
  let end: number;
  try {
    end = eraDeath(period, phase, (await client.getBlockHeader({ signal })).number);
  } catch {
    return new Promise<never>(() => undefined); // no head to judge by: the pool's verdicts still apply
  }
  for await (const head of subscribeHeads(client, { signal })) {
    if (head.number >= end && !state.included) throw rejection(hash, 'era-expired', `its mortal era ended at block ${end} before it was included`);
  }
  return new Promise<never>(() => undefined);
}

async function receipt(client: SubstrateClient, hash: string, blockHash: string, waitFor: 'inclusion' | 'finalization', signal?: AbortSignal): Promise<ExtrinsicReceipt> {
  const at = { blockHash, signal };
  const [block, events, rt] = await Promise.all([client.getBlock(at), client.getEvents(at), client.runtime(at)]);
  const index = block.extrinsics.findIndex((x) => x.hash === hash);
  if (index < 0) {
    return { extrinsicHash: hash, blockHash, blockNumber: block.header.number, extrinsicIndex: null, success: false, dispatchError: null, fee: null, weight: null, events: [], status: waitFor };
  }
  return receiptFromEvents(rt.registry, { hash: blockHash, number: block.header.number }, hash, index, events, waitFor);
}
