// SubstrateClient: the AsyncSubstrateInterface port. Storage, runtime calls, constants, blocks and
// events over one RpcClient, each decoded with the runtime of the block it reads. State that
// concurrent calls share lives in immutable snapshots (the runtime cache), never in a mutable
// "last block hash" field.
import { RpcClient, type JsonRpcProvider, type RequestOptions, type RpcClientOptions } from '../rpc/index.js';
import {
  concatBytes, decode, decodeStorageKey, encode, fromHex, storageKey, toHex, DecodeError, EncodeError, type Codec,
  type Registry, type StorageEntry,
} from '../scale/index.js';
import { BlockNotFoundError, InvalidArgumentError, mapStateError } from './errors.js';
import { type MetadataStore } from './metadata-store.js';
import { resolveMetadataStore } from './metadata-cache.js';
import { HeadRuntime, readAtHead } from './head-runtime.js';
import { RuntimeCache, type Runtime, type RuntimeVersion } from './runtime.js';
import { decodeEvents, type ChainEvent } from './events.js';
import { type DecodedExtrinsic } from './extrinsic-decode.js';
import { ResponseCache } from './response-cache.js';
import { ArchiveFallback } from './archive.js';
import { getBlock, getBlockHeader, type Block, type BlockOptions, type BlockQuery, type UndecodedExtrinsic } from './blocks.js';
import { subscribeHeads, subscribeStorage, type HeadsOptions, type HeadWithAuthor } from './subscriptions.js';

export interface ConnectOptions extends RpcClientOptions {
  /** SS58 prefix for rendering addresses (default: the chain's System.SS58Prefix). */
  ss58Prefix?: number;
  /** Where metadata persists across runs (default: the platform cache, see README); `false` = memory only. */
  metadataStore?: MetadataStore | false;
  /** Endpoints of archive nodes: reads of blocks the primary has pruned are retried there (opened on first need). */
  archiveEndpoints?: string[];
  /** Bytes of replies pinned to a block hash kept for repeated questions (default 4 MiB; 0 = off). */
  responseCacheBytes?: number;
  /** Decoded runtimes kept in memory (default 4). */
  maxRuntimes?: number;
  signal?: AbortSignal;
}

export interface AtOptions {
  blockHash?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Header {
  hash: string;
  parentHash: string;
  number: number;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

export interface QueryMapEntry<K = unknown[], V = unknown> {
  /** Full storage key (hex). */
  key: string;
  /** Decoded map keys (all of them, including the partial keys given). */
  keys: K;
  value: V;
}

export interface QueryMapOptions extends AtOptions {
  pageSize?: number;
  /** Total cap on entries yielded. */
  maxResults?: number;
  startKey?: string;
  /** Fetch all keys first, then every value page in parallel. */
  fullyExhaust?: boolean;
  onProgress?: (done: number, total?: number) => void;
}

/** Codecs for a runtime API the metadata does not describe (V14). */
export interface RuntimeCallHint {
  inputs?: Codec<any>[];
  output: Codec<any>;
}

interface Plan<T> {
  method: string;
  params: unknown[];
  finish(result: any): T;
}

export type StorageRequest = [pallet: string, item: string, keys?: unknown[]];

const rq = (o: AtOptions): RequestOptions => ({ signal: o.signal, timeoutMs: o.timeoutMs });

export class SubstrateClient {
  readonly rpc: RpcClient;
  readonly genesisHash: string;
  readonly runtimes: RuntimeCache;
  /** The head's runtime as last seen; only a guess to build requests with, always re-checked. */
  private latest: Runtime | undefined;
  /** The head's runtime as pushed by the node; makes a head read one request (head-runtime.ts). */
  private head: HeadRuntime | undefined;
  /** Replies to block-pinned reads (response-cache.ts); head reads never go in. */
  readonly responses: ResponseCache;
  /** Where reads of pruned blocks are retried (archive.ts); undefined without archiveEndpoints. */
  readonly archive: ArchiveFallback | undefined;

  private constructor(rpc: RpcClient, genesisHash: string, runtimes: RuntimeCache, responses: ResponseCache, archive: ArchiveFallback | undefined) {
    this.rpc = rpc;
    this.genesisHash = genesisHash;
    this.runtimes = runtimes;
    this.responses = responses;
    this.archive = archive;
  }

  /** Connect, read the genesis hash and load the current runtime's metadata. */
  static async connect(target: string | string[] | JsonRpcProvider | RpcClient, options: ConnectOptions = {}): Promise<SubstrateClient> {
    const rpc = target instanceof RpcClient ? target : new RpcClient(target, options);
    try {
      const o = { signal: options.signal };
      // One round trip: the genesis hash, and the head's runtime version from the subscription
      // that then keeps following it (asked directly only where subscriptions are not served).
      // With a warm metadata cache that is all a start needs.
      const head = new HeadRuntime(rpc);
      const [genesisHash, version] = await Promise.all([
        rpc.request<string>('chain_getBlockHash', [0], o),
        head.start(options.signal)
          .then((live) => (live ? head.firstVersion(2000) : undefined))
          .then((v) => v ?? rpc.request<RuntimeVersion>('state_getRuntimeVersion', [], o)),
      ]);
      if (!genesisHash) throw new BlockNotFoundError(0);
      const archive = options.archiveEndpoints?.length ? new ArchiveFallback(options.archiveEndpoints, { ...options, onStatus: undefined }) : undefined;
      const runtimes = new RuntimeCache(rpc, {
        archive,
        genesisHash,
        store: resolveMetadataStore(options.metadataStore),
        ss58Prefix: options.ss58Prefix,
        maxRuntimes: options.maxRuntimes,
      });
      const client = new SubstrateClient(rpc, genesisHash, runtimes, new ResponseCache(options.responseCacheBytes), archive);
      client.head = head;
      client.latest = await runtimes.forVersion(version, undefined, o);
      return client;
    } catch (e) {
      if (!(target instanceof RpcClient)) await rpc.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.runtimes.facts.flush();
    await Promise.all([this.rpc.close(), this.archive?.close()]);
  }

  /**
   * Build a request with the runtime for `opts` and finish it with that runtime. At the head (no
   * blockHash) the request built from the last known runtime goes out in the same round trip as the
   * runtime-version check — one RTT per call instead of two; if the spec changed meanwhile, the
   * request is rebuilt with the new runtime and re-sent only when it differs.
   */
  private async withRuntime<T>(opts: AtOptions, plan: (rt: Runtime) => Plan<T>): Promise<T> {
    if (opts.blockHash === undefined && this.head) {
      const done = await readAtHead(this.head, (v) => this.runtimes.forVersion(v, undefined, rq(opts)), plan, (m, p) => this.at(m, p, undefined, opts));
      if (done) return done.value;
    }
    const latest = opts.blockHash === undefined ? this.latest : undefined;
    if (!latest) {
      const rt = await this.runtime(opts);
      if (opts.blockHash === undefined) this.latest = rt;
      const p = plan(rt);
      return p.finish(await this.at(p.method, p.params, opts.blockHash, opts));
    }
    const guess = plan(latest);
    const [rt, result] = await Promise.all([this.runtime(opts), this.at(guess.method, guess.params, undefined, opts)]);
    if (rt.version.specVersion === latest.version.specVersion) return guess.finish(result);
    this.latest = rt;
    const again = plan(rt);
    if (JSON.stringify(again.params) === JSON.stringify(guess.params)) return again.finish(result);
    return again.finish(await this.at(again.method, again.params, undefined, opts));
  }

  /** An RPC reading state at `blockHash`: a pruned/unknown block becomes StateUnavailableError. */
  private at<T>(method: string, params: unknown[], blockHash: string | undefined, opts: AtOptions): Promise<T> {
    return this.readAt<T>(method, params, blockHash, opts);
  }

  /**
   * An RPC reading the chain at `blockHash`: answered from the pinned-response cache when it can
   * be, typed StateUnavailableError / BlockNotFoundError when the node lacks the block (a null
   * reply counts as missing with `nullIsMissing`), and then retried on `archiveEndpoints`.
   */
  readAt<T>(method: string, params: unknown[], blockHash: string | undefined, opts: AtOptions & { nullIsMissing?: boolean } = {}): Promise<T> {
    const read = async (rpc: RpcClient) => {
      let r: T;
      try {
        r = await this.responses.request<T>(rpc, method, params, rq(opts));
      } catch (e) {
        throw mapStateError(e, blockHash);
      }
      if (opts.nullIsMissing && r === null && blockHash) throw new BlockNotFoundError(blockHash);
      return r;
    };
    return this.archive && blockHash ? this.archive.orArchive(read, this.rpc) : read(this.rpc);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  get ss58Prefix(): number {
    return this.runtimes.ss58Prefix ?? 42;
  }

  /** Runtime (metadata + registry) for the state at `blockHash` (latest when omitted). */
  runtime(opts: AtOptions = {}): Promise<Runtime> {
    const head = opts.blockHash === undefined ? this.head?.current() : undefined;
    if (head) return this.runtimes.forVersion(head, undefined, rq(opts));
    return this.runtimes.at(opts.blockHash, rq(opts));
  }

  // ---- chain --------------------------------------------------------------------------------

  async getChainHead(opts: AtOptions = {}): Promise<string> {
    return this.rpc.request<string>('chain_getBlockHash', [], rq(opts));
  }

  async getChainFinalisedHead(opts: AtOptions = {}): Promise<string> {
    return this.rpc.request<string>('chain_getFinalizedHead', [], rq(opts));
  }

  async getBlockHash(blockNumber: number, opts: AtOptions = {}): Promise<string> {
    if (!Number.isSafeInteger(blockNumber) || blockNumber < 0) throw new InvalidArgumentError(`block number must be a non-negative integer, got ${blockNumber}`);
    const h = await this.rpc.request<string | null>('chain_getBlockHash', [blockNumber], rq(opts));
    if (h) return h;
    // a node that synced from a checkpoint does not know old numbers; an archive does
    const old = await this.archive?.request<string | null>('chain_getBlockHash', [blockNumber], rq(opts));
    if (!old) throw new BlockNotFoundError(blockNumber);
    return old;
  }

  /** A header by `blockHash`, by `blockNumber`, or the (finalised with `finalizedOnly`) head's. */
  getBlockHeader(opts: BlockQuery = {}): Promise<Header> {
    return getBlockHeader(this, opts);
  }

  /** The parent's hash of a block. */
  async getParentBlockHash(blockHash: string, opts: AtOptions = {}): Promise<string> {
    return (await this.getBlockHeader({ ...opts, blockHash })).parentHash;
  }

  async getBlockNumber(blockHash: string, opts: AtOptions = {}): Promise<number> {
    return (await this.getBlockHeader({ ...opts, blockHash })).number;
  }

  /**
   * A block (by hash, number or the head) with its extrinsics decoded against the runtime that
   * executed it; `author: true` adds the Aura author; `ignoreDecodingErrors: true` returns an
   * undecodable extrinsic raw with its DecodeError instead of failing the block.
   */
  getBlock(opts?: BlockOptions & { ignoreDecodingErrors?: false }): Promise<Block>;
  getBlock(opts: BlockOptions): Promise<Block<DecodedExtrinsic | UndecodedExtrinsic>>;
  getBlock(opts: BlockOptions = {}): Promise<Block<DecodedExtrinsic | UndecodedExtrinsic>> {
    return getBlock(this, opts);
  }

  async getExtrinsics(opts: AtOptions = {}): Promise<DecodedExtrinsic[]> {
    return (await this.getBlock(opts)).extrinsics;
  }

  /** System.Events of a block, decoded. */
  async getEvents(opts: AtOptions = {}): Promise<ChainEvent[]> {
    const blockHash = opts.blockHash ?? (await this.getChainHead(opts));
    const rt = await this.runtime({ ...opts, blockHash });
    const key = storageKey(rt.registry, 'System', 'Events');
    const hex = await this.at<string | null>('state_getStorage', [key, blockHash], blockHash, opts);
    if (!hex) return [];
    return decodeEvents(rt.registry, fromHex(hex));
  }

  // ---- storage ------------------------------------------------------------------------------

  createStorageKey(runtime: Runtime, pallet: string, item: string, keys: unknown[] = []): string {
    return storageKey(runtime.registry, pallet, item, keys);
  }

  /** One storage value; a missing value gives the metadata default (null for Optional items). */
  async query<T = unknown>(pallet: string, item: string, keys: unknown[] = [], opts: AtOptions = {}): Promise<T> {
    return this.withRuntime(opts, (rt) => {
      const { entry } = rt.registry.storageEntry(pallet, item);
      const want = entry.hashers.length;
      if (keys.length !== want) throw new InvalidArgumentError(`${pallet}.${item} takes ${want} key(s), got ${keys.length}; use queryMap for partial keys`);
      const key = storageKey(rt.registry, pallet, item, keys);
      return {
        method: 'state_getStorage',
        params: opts.blockHash ? [key, opts.blockHash] : [key],
        finish: (hex: string | null) => decodeStorageValue(rt.registry, entry, hex, `${pallet}.${item}`) as T,
      };
    });
  }

  /** Raw storage by key (hex) → hex or null. */
  getStorageByKey(key: string, opts: AtOptions = {}): Promise<string | null> {
    return this.at<string | null>('state_getStorage', opts.blockHash ? [key, opts.blockHash] : [key], opts.blockHash, opts);
  }

  /** Many storage values in ONE `state_queryStorageAt`, results in request order. */
  async queryMulti<T = unknown[]>(requests: StorageRequest[], opts: AtOptions = {}): Promise<T> {
    if (requests.length === 0) return [] as T;
    return this.withRuntime(opts, (rt) => {
      const entries = requests.map(([p, i]) => rt.registry.storageEntry(p, i).entry);
      const keys = requests.map(([p, i, k]) => storageKey(rt.registry, p, i, k ?? []));
      return {
        method: 'state_queryStorageAt',
        params: opts.blockHash ? [keys, opts.blockHash] : [keys],
        finish: (res: { block: string; changes: [string, string | null][] }[] | null) => {
          const byKey = new Map<string, string | null>();
          for (const set of res ?? []) for (const [k, v] of set.changes) byKey.set(k.toLowerCase(), v);
          return requests.map(([p, i], n) => decodeStorageValue(rt.registry, entries[n], byKey.get(keys[n].toLowerCase()) ?? null, `${p}.${i}`)) as T;
        },
      };
    });
  }

  /**
   * Iterate a storage map (optionally under partial keys) at ONE block: the next page's keys are
   * requested while the current page's values are in flight.
   */
  async *queryMap<K = unknown[], V = unknown>(pallet: string, item: string, partialKeys: unknown[] = [], opts: QueryMapOptions = {}): AsyncGenerator<QueryMapEntry<K, V>> {
    const blockHash = opts.blockHash ?? (await this.getChainHead(opts));
    const rt = await this.runtime({ ...opts, blockHash });
    const { entry } = rt.registry.storageEntry(pallet, item);
    if (entry.hashers.length === 0) throw new InvalidArgumentError(`${pallet}.${item} is a plain value, not a map`);
    if (partialKeys.length >= entry.hashers.length) throw new InvalidArgumentError(`${pallet}.${item} has ${entry.hashers.length} key(s); give fewer than that to iterate`);
    const prefix = storageKey(rt.registry, pallet, item, partialKeys);
    const pageSize = Math.max(1, Math.min(opts.pageSize ?? 100, 1000));
    const max = opts.maxResults ?? Infinity;
    const keysPage = (start: string | undefined) =>
      this.at<string[]>('state_getKeysPaged', [prefix, Math.min(pageSize, max), start ?? null, blockHash], blockHash, opts);
    const values = async (keys: string[]) => {
      if (keys.length === 0) return [];
      const res = await this.at<{ changes: [string, string | null][] }[]>('state_queryStorageAt', [keys, blockHash], blockHash, opts);
      const m = new Map<string, string | null>();
      for (const s of res ?? []) for (const [k, v] of s.changes) m.set(k.toLowerCase(), v);
      return keys.map((k) => m.get(k.toLowerCase()) ?? null);
    };
    const decodeEntry = (k: string, v: string | null): QueryMapEntry<K, V> => ({
      key: k,
      keys: decodeStorageKey(rt.registry, pallet, item, k) as K,
      value: decodeStorageValue(rt.registry, entry, v, `${pallet}.${item}`) as V,
    });

    let done = 0;
    if (opts.fullyExhaust) {
      const all: string[] = [];
      let start = opts.startKey;
      for (;;) {
        const page = await keysPage(start);
        all.push(...page);
        if (page.length < pageSize || all.length >= max) break;
        start = page[page.length - 1];
      }
      const keys = all.slice(0, max === Infinity ? undefined : max);
      const pages: string[][] = [];
      for (let i = 0; i < keys.length; i += pageSize) pages.push(keys.slice(i, i + pageSize));
      const vals = await Promise.all(pages.map(values));
      for (let p = 0; p < pages.length; p++) {
        for (let i = 0; i < pages[p].length; i++) yield decodeEntry(pages[p][i], vals[p][i]);
        done += pages[p].length;
        opts.onProgress?.(done, keys.length);
      }
      return;
    }

    let keys = await keysPage(opts.startKey);
    while (keys.length > 0 && done < max) {
      if (done + keys.length > max) keys = keys.slice(0, max - done);
      const full = keys.length === pageSize && done + keys.length < max;
      const next = full ? keysPage(keys[keys.length - 1]) : null;
      next?.catch(() => {}); // surfaced when awaited below
      const vals = await values(keys);
      for (let i = 0; i < keys.length; i++) yield decodeEntry(keys[i], vals[i]);
      done += keys.length;
      opts.onProgress?.(done);
      if (!next) break;
      keys = await next;
    }
  }

  // ---- runtime APIs and constants -----------------------------------------------------------

  /** Call a runtime API method; args by position or by name; the result decoded from metadata. */
  async runtimeCall<T = unknown>(
    api: string,
    method: string,
    args: unknown[] | Record<string, unknown> = [],
    opts: AtOptions & { raw?: boolean; typeHint?: RuntimeCallHint; withRuntime?: boolean } = {},
  ): Promise<T> {
    const hint = opts.typeHint;
    const rt = hint ? await this.runtime(opts) : null;
    if (hint && rt && !rt.metadata.apis.some((a) => a.name === api && a.methods.some((x) => x.name === method))) {
      // V14 runtimes do not describe their APIs: the caller supplies the codecs.
      const list = Array.isArray(args) ? args : Object.values(args);
      const parts = (hint.inputs ?? []).map((c, i) => encode(c, list[i]));
      const hex = await this.at<string>('state_call', [`${api}_${method}`, toHex(concatBytes(...parts)), ...(opts.blockHash ? [opts.blockHash] : [])], opts.blockHash, opts);
      return (opts.raw ? fromHex(hex) : decode(hint.output, hex)) as T;
    }
    return this.withRuntime(opts, (rt) => {
      const m = rt.registry.runtimeApi(api, method);
      const list = Array.isArray(args) ? args : m.inputs.map((i) => (args as Record<string, unknown>)[i.name]);
      if (list.length !== m.inputs.length) {
        throw new InvalidArgumentError(`${api}_${method} takes ${m.inputs.length} argument(s) (${m.inputs.map((i) => i.name).join(', ')}), got ${list.length}`);
      }
      const parts = m.inputs.map((input, i) => {
        try {
          return encode(rt.registry.codec(input.type), list[i]);
        } catch (e) {
          if (e instanceof EncodeError) e.within(`${api}_${method}(${input.name})`);
          throw e;
        }
      });
      const data = toHex(concatBytes(...parts));
      return {
        method: 'state_call',
        params: opts.blockHash ? [`${api}_${method}`, data, opts.blockHash] : [`${api}_${method}`, data],
        finish: (hex: string) => {
          if (opts.withRuntime) return { runtime: rt, bytes: fromHex(hex) } as T;
          if (opts.raw) return fromHex(hex) as T;
          try {
            return decode(rt.registry.codec(m.output), hex) as T;
          } catch (e) {
            if (e instanceof DecodeError) e.within(`${api}_${method}`);
            throw e;
          }
        },
      };
    });
  }

  /** The undecoded result of a runtime API call plus the runtime it ran against (to decode it yourself). */
  runtimeCallRaw(api: string, method: string, args: unknown[] | Record<string, unknown> = [], opts: AtOptions = {}): Promise<{ runtime: Runtime; bytes: Uint8Array }> {
    return this.runtimeCall(api, method, args, { ...opts, withRuntime: true });
  }

  /** A pallet constant, decoded. */
  async getConstant<T = unknown>(pallet: string, name: string, opts: AtOptions = {}): Promise<T> {
    const rt = await this.runtime(opts);
    return rt.registry.constant(pallet, name).value as T;
  }

  async getMetadata(opts: AtOptions = {}) {
    return (await this.runtime(opts)).metadata;
  }

  async getRuntimeVersion(opts: AtOptions = {}): Promise<RuntimeVersion> {
    return (await this.runtime(opts)).version;
  }

  // ---- subscriptions ------------------------------------------------------------------------

  /** New (or finalised) heads with their hash (and Aura author with `author: true`); `break` unsubscribes. */
  subscribeHeads(opts: HeadsOptions = {}): AsyncIterableIterator<HeadWithAuthor> {
    return subscribeHeads(this, opts);
  }

  /** Storage changes for the given keys, each decoded with its block's runtime; `break` unsubscribes. */
  subscribeStorage(requests: StorageRequest[], opts: { signal?: AbortSignal } = {}): AsyncGenerator<{ block: string; values: unknown[] }> {
    return subscribeStorage(this, requests, opts);
  }
}

/** Decode a storage value (hex or null) with the entry's modifier rules. */
export function decodeStorageValue(registry: Registry, entry: StorageEntry, hex: string | null, what: string): unknown {
  try {
    if (hex === null || hex === undefined) {
      return entry.modifier === 'Optional' ? null : decode(registry.codec(entry.valueType), entry.default);
    }
    return decode(registry.codec(entry.valueType), hex);
  } catch (e) {
    if (e instanceof DecodeError) e.within(what);
    throw e;
  }
}

