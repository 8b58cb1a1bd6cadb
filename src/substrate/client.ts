// SubstrateClient: the AsyncSubstrateInterface port. Storage, runtime calls, constants, blocks and
// events over one RpcClient, each decoded with the runtime of the block it reads. State that
// concurrent calls share lives in immutable snapshots (the runtime cache), never in a mutable
// "last block hash" field. Every public method checks its arguments first (./validate.ts), so a
// malformed call fails with an InvalidArgumentError before anything is sent.
import { RpcClient, type JsonRpcProvider, type RequestOptions, type RpcClientOptions } from '../rpc/index.js';
import { fromHex, storageKey, type Codec } from '../scale/index.js';
import { BlockNotFoundError, InvalidArgumentError } from './errors.js';
import type { MetadataStore } from './metadata-store.js';
import { readAtHead, type HeadRuntime } from './head-runtime.js';
import type { RuntimeCache, Runtime, RuntimeVersion } from './runtime.js';
import { decodeEvents, type ChainEvent } from './events.js';
import { type DecodedExtrinsic } from './extrinsic-decode.js';
import { iterateMap, queryMapOptionsArg, type MapSource, type QueryMapEntry, type QueryMapOptions } from './query-map.js';
import { decodeStorageValue, storageEntries, valuesOfKeys } from './storage-value.js';
import { hintedCallPlan, runtimeCallPlan, type Plan } from './runtime-call.js';
import { ResponseCache } from './response-cache.js';
import type { ArchiveFallback } from './archive.js';
import { readAtBlock } from './read-at.js';
import { blockHashOf, type BlockHashSource } from './block-hash.js';
import { connectOptionsArg, openSession, targetArg } from './session.js';
import { blockQueryArg, getBlock, getBlockHeader, type Block, type BlockOptions, type BlockQuery, type UndecodedExtrinsic } from './blocks.js';
import { subscribeHeads, subscribeStorage, type HeadsOptions, type HeadWithAuthor } from './subscriptions.js';
import {
  arrayArg, atArg, blockHashArg, callArgsArg, checkKeyCount, hexArg, keysArg, nameArg, objectArg, optBoolArg,
  optionsArg, optSignalArg, storageRequestsArg, uintArg, U32_MAX, type CheckedAt,
} from './validate.js';

export type { QueryMapEntry, QueryMapOptions } from './query-map.js';

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
  /** The block to read (0x + 64 hex digits, either case); absent (undefined or null) = the head. */
  blockHash?: string | null;
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

/** Codecs for a runtime API the metadata does not describe (V14). */
export interface RuntimeCallHint {
  inputs?: Codec<unknown>[];
  output: Codec<unknown>;
}

export type RuntimeCallOptions = AtOptions & { raw?: boolean; typeHint?: RuntimeCallHint; withRuntime?: boolean };

export type StorageRequest = [pallet: string, item: string, keys?: unknown[]];

const rq = (o: CheckedAt): RequestOptions => ({ signal: o.signal, timeoutMs: o.timeoutMs });

export class SubstrateClient {
  readonly rpc: RpcClient;
  readonly genesisHash: string;
  readonly runtimes: RuntimeCache;
  /** The head's runtime as last seen; only a guess to build requests with, always re-checked. */
  #latest: Runtime | undefined;
  /** The head's runtime as pushed by the node; makes a head read one request (head-runtime.ts). */
  #head: HeadRuntime | undefined;
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
    this.#hashes = { rpc, archive, facts: runtimes.facts, finalityAt: -Infinity };
  }

  readonly #hashes: BlockHashSource;

  /** Connect, read the genesis hash and load the current runtime's metadata. */
  static async connect(target: string | string[] | JsonRpcProvider | RpcClient, options: ConnectOptions = {}): Promise<SubstrateClient> {
    target = targetArg(target);
    const opt = connectOptionsArg(options);
    const rpc = target instanceof RpcClient ? target : new RpcClient(target, opt);
    try {
      const session = await openSession(rpc, opt);
      const client = new SubstrateClient(rpc, session.genesisHash, session.runtimes, new ResponseCache(opt.responseCacheBytes ?? undefined), session.archive);
      client.#head = session.head;
      client.#latest = session.latest;
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
   * request is rebuilt with the new runtime and re-sent only when it differs. `plan` runs before
   * anything is sent at the head, so the checks it makes (key counts) cost no request.
   */
  async #withRuntime<T>(opts: CheckedAt, plan: (rt: Runtime) => Plan<T>): Promise<T> {
    if (opts.blockHash === undefined && this.#head) {
      const done = await readAtHead(this.#head, (v) => this.runtimes.forVersion(v, undefined, rq(opts)), plan, (m, p) => this.#at(m, p, undefined, opts));
      if (done) return done.value;
    }
    const latest = opts.blockHash === undefined ? this.#latest : undefined;
    if (!latest) {
      const rt = await this.runtimes.at(opts.blockHash, rq(opts));
      if (opts.blockHash === undefined) this.#latest = rt;
      const p = plan(rt);
      return p.finish(await this.#at(p.method, p.params, opts.blockHash, opts));
    }
    const guess = plan(latest);
    const [rt, result] = await Promise.all([this.runtimes.at(undefined, rq(opts)), this.#at(guess.method, guess.params, undefined, opts)]);
    if (rt.version.specVersion === latest.version.specVersion) return guess.finish(result);
    this.#latest = rt;
    const again = plan(rt);
    if (JSON.stringify(again.params) === JSON.stringify(guess.params)) return again.finish(result);
    return again.finish(await this.#at(again.method, again.params, undefined, opts));
  }

  /** A read for an already-checked call: the same path as readAt (cache, typed errors, archive). */
  #at<T>(method: string, params: unknown[], blockHash: string | undefined, opts: CheckedAt): Promise<T> {
    return readAtBlock<T>(this, method, params, blockHash, rq(opts));
  }

  /**
   * An RPC reading the chain at `blockHash` (the head when absent): answered from the pinned-response
   * cache when it can be, typed StateUnavailableError / BlockNotFoundError when the node lacks the
   * block (a null reply counts as missing with `nullIsMissing`), then retried on `archiveEndpoints`.
   */
  async readAt<T>(method: string, params: unknown[], blockHash: string | null | undefined, opts: AtOptions & { nullIsMissing?: boolean } = {}): Promise<T> {
    nameArg(method, 'method');
    arrayArg(params, 'params');
    const at = blockHashArg(blockHash, 'blockHash');
    const o = atArg<{ nullIsMissing?: boolean }>(opts);
    return readAtBlock<T>(this, method, params, at, rq(o), optBoolArg(o.nullIsMissing, 'opts.nullIsMissing'));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  get ss58Prefix(): number {
    return this.runtimes.ss58Prefix ?? 42;
  }

  /** Runtime (metadata + registry) for the state at `blockHash` (latest when omitted). */
  async runtime(opts: AtOptions = {}): Promise<Runtime> {
    const o = atArg(opts);
    const head = o.blockHash === undefined ? this.#head?.current() : undefined;
    if (head) return this.runtimes.forVersion(head, undefined, rq(o));
    return this.runtimes.at(o.blockHash, rq(o));
  }

  // Chain

  async getChainHead(opts: AtOptions = {}): Promise<string> {
    return this.rpc.request<string>('chain_getBlockHash', [], rq(atArg(opts)));
  }

  async getChainFinalisedHead(opts: AtOptions = {}): Promise<string> {
    return this.rpc.request<string>('chain_getFinalizedHead', [], rq(atArg(opts)));
  }

  /** Hash of block `blockNumber` (a u32, as Substrate's BlockNumber is). */
  async getBlockHash(blockNumber: number, opts: AtOptions = {}): Promise<string> {
    uintArg(blockNumber, 'blockNumber', U32_MAX);
    return blockHashOf(this.#hashes, blockNumber, rq(atArg(opts)));
  }

  /** A header by `blockHash`, by `blockNumber`, or the (finalised with `finalizedOnly`) head's. */
  async getBlockHeader(opts: BlockQuery = {}): Promise<Header> {
    return getBlockHeader(this, blockQueryArg(opts));
  }

  /** The parent's hash of a block. */
  async getParentBlockHash(blockHash: string, opts: AtOptions = {}): Promise<string> {
    if (blockHash === undefined || blockHash === null) throw new InvalidArgumentError('blockHash: required', 'blockHash', blockHash);
    const hash = blockHashArg(blockHash, 'blockHash');
    return (await this.getBlockHeader({ ...atArg(opts), blockHash: hash })).parentHash;
  }

  async getBlockNumber(blockHash: string, opts: AtOptions = {}): Promise<number> {
    if (blockHash === undefined || blockHash === null) throw new InvalidArgumentError('blockHash: required (use getBlockHeader() for the head)', 'blockHash', blockHash);
    const hash = blockHashArg(blockHash, 'blockHash');
    return (await this.getBlockHeader({ ...atArg(opts), blockHash: hash })).number;
  }

  /**
   * A block (by hash, number or the head) with its extrinsics decoded against the runtime that
   * executed it; `author: true` adds the Aura author; `ignoreDecodingErrors: true` returns an
   * undecodable extrinsic raw with its DecodeError instead of failing the block.
   */
  getBlock(opts?: BlockOptions & { ignoreDecodingErrors?: false }): Promise<Block>;
  getBlock(opts: BlockOptions): Promise<Block<DecodedExtrinsic | UndecodedExtrinsic>>;
  async getBlock(opts: BlockOptions = {}): Promise<Block<DecodedExtrinsic | UndecodedExtrinsic>> {
    const o = blockQueryArg<BlockOptions>(opts);
    optBoolArg(o.author, 'opts.author');
    optBoolArg(o.ignoreDecodingErrors, 'opts.ignoreDecodingErrors');
    return getBlock(this, o);
  }

  async getExtrinsics(opts: AtOptions = {}): Promise<DecodedExtrinsic[]> {
    return (await this.getBlock(atArg(opts))).extrinsics;
  }

  /** System.Events of a block, decoded. */
  async getEvents(opts: AtOptions = {}): Promise<ChainEvent[]> {
    const o = atArg(opts);
    const blockHash = o.blockHash ?? (await this.getChainHead(o));
    const rt = await this.runtimes.at(blockHash, rq(o));
    const key = storageKey(rt.registry, 'System', 'Events');
    const hex = await this.#at<string | null>('state_getStorage', [key, blockHash], blockHash, o);
    if (!hex) return [];
    return decodeEvents(rt.registry, fromHex(hex));
  }

  // Storage

  createStorageKey(runtime: Runtime, pallet: string, item: string, keys: unknown[] = []): string {
    const rt = objectArg(runtime, 'runtime', 'a Runtime') as unknown as Runtime;
    return storageKey(rt.registry, nameArg(pallet, 'pallet'), nameArg(item, 'item'), keysArg(keys, 'keys'));
  }

  /** One storage value; a missing value gives the metadata default (null for Optional items). */
  async query<T = unknown>(pallet: string, item: string, keys: unknown[] = [], opts: AtOptions = {}): Promise<T> {
    nameArg(pallet, 'pallet');
    nameArg(item, 'item');
    const ks = keysArg(keys, 'keys');
    const o = atArg(opts);
    return this.#withRuntime(o, (rt) => {
      const { entry } = rt.registry.storageEntry(pallet, item);
      checkKeyCount(`${pallet}.${item}`, entry.hashers.length, ks, 'keys');
      const key = storageKey(rt.registry, pallet, item, ks);
      return {
        method: 'state_getStorage',
        params: o.blockHash ? [key, o.blockHash] : [key],
        finish: (hex: string | null) => decodeStorageValue(rt.registry, entry, hex, `${pallet}.${item}`) as T,
      };
    });
  }

  /** Raw storage by key (hex) → hex or null. */
  async getStorageByKey(key: string, opts: AtOptions = {}): Promise<string | null> {
    hexArg(key, 'key');
    const o = atArg(opts);
    return this.#at<string | null>('state_getStorage', o.blockHash ? [key, o.blockHash] : [key], o.blockHash, o);
  }

  /** Many storage values in ONE `state_queryStorageAt`, results in request order. */
  async queryMulti<T = unknown[]>(requests: StorageRequest[], opts: AtOptions = {}): Promise<T> {
    const reqs = storageRequestsArg(requests, 'requests');
    const o = atArg(opts);
    if (reqs.length === 0) return [] as T;
    return this.#withRuntime(o, (rt) => {
      const entries = storageEntries(rt, reqs);
      const keys = reqs.map(([p, i, k]) => storageKey(rt.registry, p, i, k));
      return {
        method: 'state_queryStorageAt',
        params: o.blockHash ? [keys, o.blockHash] : [keys],
        finish: (res: { block: string; changes: [string, string | null][] }[] | null) => {
          const values = valuesOfKeys(res, keys);
          return reqs.map(([p, i], n) => decodeStorageValue(rt.registry, entries[n], values[n], `${p}.${i}`)) as T;
        },
      };
    });
  }

  /**
   * Iterate a storage map (optionally under partial keys) at ONE block: the next page's keys are
   * requested while the current page's values are in flight. Arguments are checked at the call.
   */
  queryMap<K = unknown[], V = unknown>(pallet: string, item: string, partialKeys: unknown[] = [], opts: QueryMapOptions = {}): AsyncGenerator<QueryMapEntry<K, V>> {
    nameArg(pallet, 'pallet');
    nameArg(item, 'item');
    const ks = keysArg(partialKeys, 'partialKeys');
    const o = queryMapOptionsArg(opts);
    const src: MapSource = {
      head: (x) => this.getChainHead(x),
      runtime: (x) => this.runtimes.at(x.blockHash, rq(x)),
      read: (method, params, blockHash, x) => this.#at(method, params, blockHash, x),
    };
    return iterateMap<K, V>(src, pallet, item, ks, o);
  }

  // Runtime APIs and constants

  /** Call a runtime API method; args by position or by name; the result decoded from metadata. */
  async runtimeCall<T = unknown>(api: string, method: string, args: unknown[] | Record<string, unknown> = [], opts: RuntimeCallOptions = {}): Promise<T> {
    nameArg(api, 'api');
    nameArg(method, 'method');
    const a = callArgsArg(args, 'args');
    const o = atArg<RuntimeCallOptions>(opts);
    const raw = optBoolArg(o.raw, 'opts.raw');
    const withRuntime = optBoolArg(o.withRuntime, 'opts.withRuntime');
    const hint = o.typeHint == null ? undefined : (objectArg(o.typeHint, 'opts.typeHint', 'a { inputs?, output } codec hint') as unknown as RuntimeCallHint);
    if (hint) arrayArg(hint.inputs, 'opts.typeHint.inputs', true);
    const rt = hint ? await this.runtimes.at(o.blockHash, rq(o)) : null;
    if (hint && rt && !rt.metadata.apis.some((x) => x.name === api && x.methods.some((m) => m.name === method))) {
      // V14 runtimes do not describe their APIs: the caller supplies the codecs.
      const p = hintedCallPlan<T>(hint, api, method, a, { blockHash: o.blockHash, raw });
      return p.finish(await this.#at(p.method, p.params, o.blockHash, o));
    }
    return this.#withRuntime(o, (rt) => runtimeCallPlan<T>(rt, api, method, a, { blockHash: o.blockHash, raw, withRuntime }));
  }

  /** The undecoded result of a runtime API call plus the runtime it ran against (to decode it yourself). */
  runtimeCallRaw(api: string, method: string, args: unknown[] | Record<string, unknown> = [], opts: AtOptions = {}): Promise<{ runtime: Runtime; bytes: Uint8Array }> {
    return this.runtimeCall(api, method, args, { ...atArg(opts), withRuntime: true });
  }

  /** A pallet constant, decoded. */
  async getConstant<T = unknown>(pallet: string, name: string, opts: AtOptions = {}): Promise<T> {
    nameArg(pallet, 'pallet');
    nameArg(name, 'name');
    const rt = await this.runtime(opts);
    return rt.registry.constant(pallet, name).value as T;
  }

  async getMetadata(opts: AtOptions = {}) {
    return (await this.runtime(opts)).metadata;
  }

  async getRuntimeVersion(opts: AtOptions = {}): Promise<RuntimeVersion> {
    return (await this.runtime(opts)).version;
  }

  // Subscriptions

  /** New (or finalised) heads with their hash (and Aura author with `author: true`); `break` unsubscribes. */
  subscribeHeads(opts: HeadsOptions = {}): AsyncIterableIterator<HeadWithAuthor> {
    const o = optionsArg(opts, 'opts');
    const finalized = optBoolArg(o.finalized, 'opts.finalized');
    const author = optBoolArg(o.author, 'opts.author');
    return subscribeHeads(this, { finalized, author, signal: optSignalArg(o.signal, 'opts.signal') });
  }

  /**
   * Storage changes for the given keys, each change set decoded with its own block's runtime;
   * `break` unsubscribes. Shapes are checked at the call; key counts against the head's metadata
   * as last seen (nothing sent), and again against the runtime the subscription starts under.
   */
  subscribeStorage(requests: StorageRequest[], opts: { signal?: AbortSignal } = {}): AsyncGenerator<{ block: string; values: unknown[] }> {
    const reqs = storageRequestsArg(requests, 'requests');
    const signal = optSignalArg(optionsArg(opts, 'opts').signal, 'opts.signal');
    if (this.#latest) storageEntries(this.#latest, reqs);
    return subscribeStorage(this, reqs, { signal });
  }
}
