// Replies to reads pinned to a block hash never change (a block's state, header and body are
// immutable), so repeated identical questions at one block can be answered from memory — as
// polkadot-api does for runtime calls. Only requests carrying a block hash in the method's
// block-hash position are eligible, so head reads are never cached; `chain_getBlockHash(n)` is
// not eligible either, since a number's hash can change with a re-org. Concurrent identical misses are already
// merged into one request by RpcClient's coalescing; this cache keeps the answer afterwards.
// Bounded by an estimate of the bytes held (JSON length of each reply), least recently used first.
import type { RequestOptions, RpcClient } from '../rpc/index.js';

/** Where each eligible method takes its block hash. By position, not by shape: a plain storage key
 * or an AccountId argument is 32 bytes of hex too, and must not make a head read look pinned. */
const HASH_AT: Record<string, number> = {
  state_getStorage: 1, state_queryStorageAt: 1, state_call: 2, state_getKeysPaged: 3, state_getMetadata: 0, state_getRuntimeVersion: 0,
  chain_getHeader: 0, chain_getBlock: 0,
};
const HASH = /^0x[0-9a-fA-F]{64}$/;

export class ResponseCache {
  readonly #entries = new Map<string, { value: unknown; bytes: number }>();
  readonly #maxBytes: number;
  #held = 0;
  hits = 0;
  misses = 0;

  /** `maxBytes` 0 turns the cache off. */
  constructor(maxBytes = 4 * 1024 * 1024) {
    this.#maxBytes = Math.max(0, maxBytes);
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#held;
  }

  /** `rpc.request`, answered from the cache when the request is pinned to a block and seen before. */
  async request<T>(rpc: RpcClient, method: string, params: unknown[], opts: RequestOptions = {}): Promise<T> {
    const at = HASH_AT[method];
    const hash = at === undefined || params.length !== at + 1 ? undefined : params[at];
    if (this.#maxBytes === 0 || typeof hash !== 'string' || !HASH.test(hash)) {
      return rpc.request<T>(method, params, opts);
    }
    const key = method + JSON.stringify(params).toLowerCase();
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key); // refresh LRU position
      this.#entries.set(key, hit);
      this.hits++;
      return hit.value as T;
    }
    this.misses++;
    const value = await rpc.request<T>(method, params, opts);
    // A null header or block means "not (yet) known here", not an immutable answer; a null storage
    // value at an existing block is one (an unknown block makes state_* fail instead).
    if (value !== undefined && (value !== null || method.startsWith('state_'))) this.#put(key, value);
    return value;
  }

  #put(key: string, value: unknown): void {
    const bytes = key.length + (typeof value === 'string' ? value.length : JSON.stringify(value).length);
    if (bytes > this.#maxBytes / 4) return; // one huge reply (a full block) must not flush everything
    const old = this.#entries.get(key);
    if (old) this.#held -= old.bytes;
    this.#entries.delete(key);
    this.#entries.set(key, { value, bytes });
    this.#held += bytes;
    for (const [k, e] of this.#entries) {
      if (this.#held <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#held -= e.bytes;
    }
  }
}
