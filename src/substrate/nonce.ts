// Nonce reservation: concurrent signatures for one account get consecutive nonces without waiting
// for the pool. A reservation asks the node (`system_accountNextIndex`, which counts the account's
// transactions still in the pool; the on-chain nonce where a node lacks it) unless earlier
// reservations are still on their way to the pool — then it counts up locally. A reservation that was never sent is given back when it is the
// latest, else the account resyncs from the node at its next reservation, and so does one whose
// transaction the pool rejected — a nonce is never skipped silently. Each account has its own
// queue, so many signers in one process never wait on each other. Submissions keep nonce order:
// the transaction with nonce n goes to the node once n - 1 (if this process reserved it) has been
// accepted or refused by the pool — or after a short grace period, should n - 1 never be sent — so
// a pool that applies transactions in arrival order never sees n before n - 1.
import type { AtOptions, SubstrateClient } from './client.js';
import { ss58Decode, toHex } from '../scale/index.js';
import { addressArg, atArg, clientArg } from './validate.js';

interface Book {
  /** Next nonce to hand out, or null: ask the node first. */
  next: number | null;
  /** The queue every reservation for this account goes through, one after the other. */
  queue: Promise<unknown>;
  /** Reserved nonces not yet accepted or refused by the pool → resolves when they are (or the grace ends). */
  unsent: Map<number, { done: Promise<void>; resolve(): void; submitting: Promise<void>; startSubmitting(): void; at: number }>;
}

/** How long a submission waits for the previous reserved nonce to reach the pool. */
const GRACE_MS = 3000;
/** A reservation not submitted within this long no longer counts as on its way. */
const STALE_MS = 60_000;

const books = new WeakMap<object, Map<string, Book>>();

// Books are keyed by the account id, so one account under two SS58 prefixes is one account.
const accountKey = (address: string): string => toHex(ss58Decode(address).publicKey);

function book(client: SubstrateClient, address: string): Book {
  let byAccount = books.get(client);
  if (!byAccount) books.set(client, (byAccount = new Map()));
  const key = accountKey(address);
  let b = byAccount.get(key);
  if (!b) byAccount.set(key, (b = { next: null, queue: Promise.resolve(), unsent: new Map() }));
  return b;
}

/** Reserve the next nonce of `address` on `client`'s chain. */
export function reserveNonce(client: SubstrateClient, address: string, opts: AtOptions = {}): Promise<number> {
  const b = book(client, address);
  const turn = b.queue.then(async () => {
    prune(b);
    // count locally only while earlier reservations are still on their way to the pool; otherwise
    // the node knows best (another process may have used the account since)
    if (b.next === null || b.unsent.size === 0) b.next = await poolAwareNonce(client, address, opts);
    const n = b.next++;
    track(b, n);
    return n;
  });
  // a failed fetch must not block the reservations queued behind it
  b.queue = turn.catch(() => undefined);
  return turn;
}

/**
 * Give back a reserved nonce that was never sent (signing failed or was aborted): the latest one
 * is reused, an earlier one makes the account resync from the node.
 */
export function releaseNonce(client: SubstrateClient, address: string, nonce: number): void {
  const b = book(client, address);
  markSent(client, address, nonce);
  if (b.next !== null && nonce === b.next - 1) b.next = nonce;
  else b.next = null;
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function track(b: Book, n: number): void {
  const done = deferred();
  const submitting = deferred();
  b.unsent.set(n, { done: done.promise, resolve: done.resolve, submitting: submitting.promise, startSubmitting: submitting.resolve, at: Date.now() });
}

/** Forget reservations signed long ago and never submitted (held offline, or dropped). */
function prune(b: Book): void {
  const old = Date.now() - STALE_MS;
  for (const [n, e] of b.unsent) {
    if (e.at >= old) continue;
    e.startSubmitting();
    e.resolve();
    b.unsent.delete(n);
  }
}

/**
 * `nonce` is being submitted: wait until nonce - 1, if reserved here, has reached the pool. A
 * predecessor already being submitted is waited for to the end (its submission always settles);
 * one not handed to submission yet, at most the grace period (it may be held for offline use).
 */
export async function submitTurn(client: SubstrateClient, address: string, nonce: number): Promise<void> {
  const b = books.get(client)?.get(accountKey(address));
  b?.unsent.get(nonce)?.startSubmitting();
  const prev = b?.unsent.get(nonce - 1);
  if (!prev) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<'grace'>((r) => (timer = setTimeout(() => r('grace'), GRACE_MS)));
  const first = await Promise.race([prev.done.then(() => 'done' as const), prev.submitting.then(() => 'submitting' as const), grace]);
  clearTimeout(timer);
  if (first === 'submitting') await prev.done;
}

/** The pool accepted or refused `nonce`'s transaction: the one after it may go. */
export function markSent(client: SubstrateClient, address: string, nonce: number): void {
  const b = books.get(client)?.get(accountKey(address));
  const e = b?.unsent.get(nonce);
  if (!e) return;
  e.startSubmitting();
  e.resolve();
  b!.unsent.delete(nonce);
}

/** Forget what was counted for `address` (the pool rejected one of its transactions): the next reservation asks the node. */
export function resyncNonce(client: SubstrateClient, address: string): void {
  const b = books.get(client)?.get(accountKey(address));
  if (!b) return;
  b.next = null;
  for (const e of b.unsent.values()) {
    e.startSubmitting();
    e.resolve();
  }
  b.unsent.clear();
}

/**
 * Nonce for a new transaction: `system_accountNextIndex` counts transactions still in the pool (two
 * quick submits must not reuse a nonce); where a node lacks it, the on-chain nonce.
 */
async function poolAwareNonce(client: SubstrateClient, address: string, opts: AtOptions): Promise<number> {
  try {
    return Number(await client.rpc.request<number>('system_accountNextIndex', [address], opts));
  } catch (e) {
    if ((e as Error).name !== 'RpcError') throw e;
    return getAccountNonce(client, address, opts);
  }
}

/** On-chain next nonce: AccountNonceApi when the runtime has it, else `system_accountNextIndex`. */
export async function getAccountNonce(client: SubstrateClient, address: string, opts: AtOptions = {}): Promise<number> {
  clientArg(client, 'client');
  addressArg(address, 'address');
  opts = atArg(opts);
  try {
    return Number(await client.runtimeCall('AccountNonceApi', 'account_nonce', [address], opts));
  } catch (e) {
    if ((e as Error).name !== 'MetadataError') throw e;
  }
  return client.rpc.request<number>('system_accountNextIndex', [address], opts);
}
