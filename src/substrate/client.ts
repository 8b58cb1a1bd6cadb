// SubstrateClient: the AsyncSubstrateInterface port. Storage, runtime calls, constants, blocks and
// events over one RpcClient, each decoded with the runtime of the block it reads. State that
// concurrent calls share lives in immutable snapshots (the runtime cache), never in a mutable
// "last block hash" field. Every public method checks its arguments first (./validate.ts), so a
// malformed call fails with an InvalidArgumentError before anything is sent.
import { RpcClient, type JsonRpcProvider, type RequestOptions, type RpcClientOptions } from '../rpc/index.js';
import type { RpcHeader, RpcResult } from '../rpc/methods.js';
import {
  fromHex, ss58Encode, storageKey, type Codec,
} from '../scale/index.js';
import { BlockNotFoundError, InvalidArgumentError, mapStateError } from './errors.js';
import { memoryMetadataStore, type MetadataStore } from './metadata-store.js';
import { RuntimeCache, type Runtime, type RuntimeVersion } from './runtime.js';
import { decodeEvents, type ChainEvent } from './events.js';
import { decodeExtrinsic, type DecodedExtrinsic } from './extrinsic-decode.js';
import { iterateMap, queryMapOptionsArg, type MapSource, type QueryMapEntry, type QueryMapOptions } from './query-map.js';
import { decodeStorageValue, storageEntries } from './storage-value.js';
import { auraSlot } from './aura.js';
import { hintedCallPlan, runtimeCallPlan, type Plan } from './runtime-call.js';
import {
  U32_MAX, arrayArg, atArg, blockHashArg, callArgsArg, checkKeyCount, hexArg, keysArg, nameArg, objectArg, optBoolArg,
  optionsArg, optSignalArg, optUintArg, storageRequestsArg, uintArg, type CheckedAt,
} from './validate.js';

export type { QueryMapEntry, QueryMapOptions } from './query-map.js';

export interface ConnectOptions extends RpcClientOptions {
  /** SS58 prefix for rendering addresses (default: the chain's System.SS58Prefix). */
  ss58Prefix?: number;
  metadataStore?: MetadataStore;
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
const MAX_SS58_PREFIX = 16383;

/** `target` of connect: URL(s), a provider function or an RpcClient. */
function targetArg(t: unknown): string | string[] | JsonRpcProvider | RpcClient {
  if (t instanceof RpcClient || typeof t === 'function') return t as JsonRpcProvider | RpcClient;
  if (typeof t === 'string' && t.length > 0) return t;
  if (Array.isArray(t) && t.length > 0) return t.map((u, i) => nameArg(u, `target[${i}]`));
  throw new InvalidArgumentError(`target: expected a URL, a non-empty URL list, a JsonRpcProvider or an RpcClient, got ${String(t)}`, 'target', t);
}

export class SubstrateClient {
  readonly rpc: RpcClient;
  readonly genesisHash: string;
  readonly runtimes: RuntimeCache;
  /** The head's runtime as last seen; only a guess to build requests with, always re-checked. */
  private latest: Runtime | undefined;

  private constructor(rpc: RpcClient, genesisHash: string, runtimes: RuntimeCache) {
    this.rpc = rpc;
    this.genesisHash = genesisHash;
    this.runtimes = runtimes;
  }

  /** Connect, read the genesis hash and load the current runtime's metadata. */
  static async connect(target: string | string[] | JsonRpcProvider | RpcClient, options: ConnectOptions = {}): Promise<SubstrateClient> {
    target = targetArg(target);
    const opt = optionsArg(options, 'options') as ConnectOptions;
    const ss58Prefix = optUintArg(opt.ss58Prefix, 'options.ss58Prefix', MAX_SS58_PREFIX);
    const maxRuntimes = optUintArg(opt.maxRuntimes, 'options.maxRuntimes', U32_MAX, 1);
    const signal = optSignalArg(opt.signal, 'options.signal');
    const store = opt.metadataStore ?? memoryMetadataStore();
    if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
      throw new InvalidArgumentError('options.metadataStore: expected { get, set }', 'options.metadataStore', store);
    }
    const rpc = target instanceof RpcClient ? target : new RpcClient(target, opt);
    try {
      const genesisHash = await rpc.request<string>('chain_getBlockHash', [0], { signal });
      if (!genesisHash) throw new BlockNotFoundError(0);
      const runtimes = new RuntimeCache(rpc, { genesisHash, store, ss58Prefix, maxRuntimes });
      const client = new SubstrateClient(rpc, genesisHash, runtimes);
      client.latest = await client.runtime({ signal });
      return client;
    } catch (e) {
      if (!(target instanceof RpcClient)) await rpc.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.rpc.close();
  }

  /**
   * Build a request with the runtime for `opts` and finish it with that runtime. At the head (no
   * blockHash) the request built from the last known runtime goes out in the same round trip as the
   * runtime-version check — one RTT per call instead of two; if the spec changed meanwhile, the
   * request is rebuilt with the new runtime and re-sent only when it differs. `plan` runs before
   * anything is sent at the head, so the checks it makes (key counts) cost no request.
   */
  async #withRuntime<T>(opts: CheckedAt, plan: (rt: Runtime) => Plan<T>): Promise<T> {
    const latest = opts.blockHash === undefined ? this.latest : undefined;
    if (!latest) {
      const rt = await this.runtimes.at(opts.blockHash, rq(opts));
      if (opts.blockHash === undefined) this.latest = rt;
      const p = plan(rt);
      return p.finish(await this.#at(p.method, p.params, opts.blockHash, opts));
    }
    const guess = plan(latest);
    const [rt, result] = await Promise.all([this.runtimes.at(undefined, rq(opts)), this.#at(guess.method, guess.params, undefined, opts)]);
    if (rt.version.specVersion === latest.version.specVersion) return guess.finish(result);
    this.latest = rt;
    const again = plan(rt);
    if (JSON.stringify(again.params) === JSON.stringify(guess.params)) return again.finish(result);
    return again.finish(await this.#at(again.method, again.params, undefined, opts));
  }

  /** An RPC reading state at `blockHash`: a pruned/unknown block becomes StateUnavailableError. */
  async #at<T>(method: string, params: unknown[], blockHash: string | undefined, opts: CheckedAt): Promise<T> {
    try {
      return await this.rpc.request<T>(method, params, rq(opts));
    } catch (e) {
      throw mapStateError(e, blockHash);
    }
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
    const o = atArg(opts);
    const h = await this.rpc.request<string | null>('chain_getBlockHash', [blockNumber], rq(o));
    if (!h) throw new BlockNotFoundError(blockNumber);
    return h;
  }

  async getBlockHeader(opts: AtOptions = {}): Promise<Header> {
    const o = atArg(opts);
    // Head first, then its header: one consistent (hash, header) pair even while blocks arrive.
    const hash = o.blockHash ?? (await this.getChainHead(o));
    const h = await this.rpc.request<RpcResult<'chain_getHeader'>>('chain_getHeader', [hash], rq(o));
    if (!h) throw new BlockNotFoundError(hash);
    return { hash, parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] } };
  }

  async getBlockNumber(blockHash: string, opts: AtOptions = {}): Promise<number> {
    if (blockHash === undefined || blockHash === null) throw new InvalidArgumentError('blockHash: required (use getBlockHeader() for the head)', 'blockHash', blockHash);
    const hash = blockHashArg(blockHash, 'blockHash');
    return (await this.getBlockHeader({ ...atArg(opts), blockHash: hash })).number;
  }

  /**
   * A block with its extrinsics decoded against the runtime that executed it. With `author: true`,
   * also the block author: the Aura pre-runtime digest's slot indexes Aura.Authorities (at the parent).
   */
  async getBlock(opts: AtOptions & { author?: boolean } = {}): Promise<{ hash: string; header: Header; extrinsics: DecodedExtrinsic[]; author?: string | null }> {
    const o = atArg<{ author?: boolean }>(opts);
    const author = optBoolArg(o.author, 'opts.author');
    const hash = o.blockHash ?? (await this.getChainHead(o));
    const [raw, rt] = await Promise.all([
      this.rpc.request<RpcResult<'chain_getBlock'>>('chain_getBlock', [hash], rq(o)),
      this.runtimes.at(hash, rq(o)),
    ]);
    if (!raw) throw new BlockNotFoundError(hash);
    const h = raw.block.header;
    const header: Header = { hash, parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] } };
    const extrinsics = (raw.block.extrinsics as string[]).map((x) => decodeExtrinsic(rt.registry, x));
    if (!author) return { hash, header, extrinsics };
    return { hash, header, extrinsics, author: await this.#blockAuthor(header, rt, o) };
  }

  async #blockAuthor(header: Header, rt: Runtime, opts: CheckedAt): Promise<string | null> {
    const slot = auraSlot(header.digest.logs);
    if (slot === null || header.number === 0) return null;
    if (!rt.metadata.pallets.some((p) => p.name === 'Aura')) return null;
    const authorities = await this.query<unknown>('Aura', 'Authorities', [], { ...opts, blockHash: header.parentHash });
    const list = (Array.isArray(authorities) ? authorities : []) as unknown[];
    if (list.length === 0) return null;
    const key = list[Number(slot % BigInt(list.length))];
    const bytes = key instanceof Uint8Array ? key : typeof key === 'string' && key.startsWith('0x') ? fromHex(key) : null;
    return bytes ? ss58Encode(bytes, rt.registry.ss58Prefix) : (key as string);
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
          const byKey = new Map<string, string | null>();
          for (const set of res ?? []) for (const [k, v] of set.changes) byKey.set(k.toLowerCase(), v);
          return reqs.map(([p, i], n) => decodeStorageValue(rt.registry, entries[n], byKey.get(keys[n].toLowerCase()) ?? null, `${p}.${i}`)) as T;
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

  /** New (or finalised) heads as an async iterator; `break` unsubscribes. */
  subscribeHeads(opts: { finalized?: boolean; signal?: AbortSignal } = {}): AsyncIterableIterator<Header> {
    const o = optionsArg(opts, 'opts');
    const finalized = optBoolArg(o.finalized, 'opts.finalized');
    const signal = optSignalArg(o.signal, 'opts.signal');
    const [sub, unsub] = finalized
      ? ['chain_subscribeFinalizedHeads', 'chain_unsubscribeFinalizedHeads']
      : ['chain_subscribeNewHeads', 'chain_unsubscribeNewHeads'];
    const it = this.rpc.subscribeIter<RpcHeader>(sub, [], unsub, { signal });
    return mapIter(it, (h) => ({
      hash: '', parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] },
    }));
  }

  /**
   * Storage changes for the given keys (decoded), as an async iterator; `break` unsubscribes. Shapes
   * are checked at the call; key counts against the head's metadata before subscribing.
   */
  subscribeStorage(requests: StorageRequest[], opts: { signal?: AbortSignal } = {}): AsyncGenerator<{ block: string; values: unknown[] }> {
    const reqs = storageRequestsArg(requests, 'requests');
    const signal = optSignalArg(optionsArg(opts, 'opts').signal, 'opts.signal');
    // Check against the head's runtime as last seen now, so a bad request fails at the call with
    // nothing sent; checked again below against the runtime the subscription starts under.
    if (this.latest) storageEntries(this.latest, reqs);
    return this.#storageChanges(reqs, signal);
  }

  async *#storageChanges(reqs: [string, string, unknown[]][], signal: AbortSignal | undefined): AsyncGenerator<{ block: string; values: unknown[] }> {
    const rt = await this.runtimes.at(undefined, { signal });
    const entries = storageEntries(rt, reqs);
    const keys = reqs.map(([p, i, k]) => storageKey(rt.registry, p, i, k));
    const current = new Map<string, string | null>();
    const it = this.rpc.subscribeIter<{ block: string; changes: [string, string | null][] }>('state_subscribeStorage', [keys], 'state_unsubscribeStorage', { signal });
    for await (const set of it) {
      for (const [k, v] of set.changes) current.set(k.toLowerCase(), v);
      yield {
        block: set.block,
        values: reqs.map(([p, i], n) => decodeStorageValue(rt.registry, entries[n], current.get(keys[n].toLowerCase()) ?? null, `${p}.${i}`)),
      };
    }
  }
}

async function* mapIter<A, B>(it: AsyncIterableIterator<A>, f: (a: A) => B): AsyncGenerator<B> {
  for await (const a of it) yield f(a);
}
