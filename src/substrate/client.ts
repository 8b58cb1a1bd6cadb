// SubstrateClient: the AsyncSubstrateInterface port. Storage, runtime calls, constants, blocks and
// events over one RpcClient, each decoded with the runtime of the block it reads. State that
// concurrent calls share lives in immutable snapshots (the runtime cache), never in a mutable
// "last block hash" field.
import { RpcClient, type JsonRpcProvider, type RequestOptions, type RpcClientOptions } from '../rpc/index.js';
import {
  concatBytes, decode, decodeStorageKey, encode, fromHex, ss58Encode, storageKey, toHex, DecodeError, EncodeError, type Codec,
  type Registry, type StorageEntry,
} from '../scale/index.js';
import { BlockNotFoundError, InvalidArgumentError, mapStateError } from './errors.js';
import { type MetadataStore } from './metadata-store.js';
import { resolveMetadataStore } from './metadata-cache.js';
import { HeadRuntime, readAtHead } from './head-runtime.js';
import { RuntimeCache, type Runtime, type RuntimeVersion } from './runtime.js';
import { decodeEvents, type ChainEvent } from './events.js';
import { decodeExtrinsic, type DecodedExtrinsic } from './extrinsic-decode.js';

export interface ConnectOptions extends RpcClientOptions {
  /** SS58 prefix for rendering addresses (default: the chain's System.SS58Prefix). */
  ss58Prefix?: number;
  /** Where metadata persists across runs (default: the platform cache, see README); `false` = memory only. */
  metadataStore?: MetadataStore | false;
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

  private constructor(rpc: RpcClient, genesisHash: string, runtimes: RuntimeCache) {
    this.rpc = rpc;
    this.genesisHash = genesisHash;
    this.runtimes = runtimes;
  }

  /** Connect, read the genesis hash and load the current runtime's metadata. */
  static async connect(target: string | string[] | JsonRpcProvider | RpcClient, options: ConnectOptions = {}): Promise<SubstrateClient> {
    const rpc = target instanceof RpcClient ? target : new RpcClient(target, options);
    try {
      const o = { signal: options.signal };
      // One round trip: with a warm metadata cache these two replies are all a start needs.
      const head = new HeadRuntime(rpc);
      const [genesisHash, version] = await Promise.all([
        rpc.request<string>('chain_getBlockHash', [0], o),
        rpc.request<RuntimeVersion>('state_getRuntimeVersion', [], o),
        head.start(options.signal),
      ]);
      if (!genesisHash) throw new BlockNotFoundError(0);
      const runtimes = new RuntimeCache(rpc, {
        genesisHash,
        store: resolveMetadataStore(options.metadataStore),
        ss58Prefix: options.ss58Prefix,
        maxRuntimes: options.maxRuntimes,
      });
      const client = new SubstrateClient(rpc, genesisHash, runtimes);
      client.head = head;
      client.latest = await runtimes.forVersion(version, undefined, o);
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
  private async at<T>(method: string, params: unknown[], blockHash: string | undefined, opts: AtOptions): Promise<T> {
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
    if (!h) throw new BlockNotFoundError(blockNumber);
    return h;
  }

  async getBlockHeader(opts: AtOptions = {}): Promise<Header> {
    // Head first, then its header: one consistent (hash, header) pair even while blocks arrive.
    const hash = opts.blockHash ?? (await this.getChainHead(opts));
    const h = await this.rpc.request<any>('chain_getHeader', [hash], rq(opts));
    if (!h) throw new BlockNotFoundError(hash);
    return { hash, parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] } };
  }

  async getBlockNumber(blockHash: string, opts: AtOptions = {}): Promise<number> {
    return (await this.getBlockHeader({ ...opts, blockHash })).number;
  }

  /**
   * A block with its extrinsics decoded against the runtime that executed it. With `author: true`,
   * also the block author: the Aura pre-runtime digest's slot indexes Aura.Authorities (at the parent).
   */
  async getBlock(opts: AtOptions & { author?: boolean } = {}): Promise<{ hash: string; header: Header; extrinsics: DecodedExtrinsic[]; author?: string | null }> {
    const hash = opts.blockHash ?? (await this.getChainHead(opts));
    const [raw, rt] = await Promise.all([
      this.rpc.request<any>('chain_getBlock', [hash], rq(opts)),
      this.runtime({ ...opts, blockHash: hash }),
    ]);
    if (!raw) throw new BlockNotFoundError(hash);
    const h = raw.block.header;
    const header: Header = { hash, parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] } };
    const extrinsics = (raw.block.extrinsics as string[]).map((x) => decodeExtrinsic(rt.registry, x));
    if (!opts.author) return { hash, header, extrinsics };
    return { hash, header, extrinsics, author: await this.blockAuthor(header, rt, opts) };
  }

  private async blockAuthor(header: Header, rt: Runtime, opts: AtOptions): Promise<string | null> {
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

  /** New (or finalised) heads as an async iterator; `break` unsubscribes. */
  subscribeHeads(opts: { finalized?: boolean; signal?: AbortSignal } = {}): AsyncIterableIterator<Header> {
    const [sub, unsub] = opts.finalized
      ? ['chain_subscribeFinalizedHeads', 'chain_unsubscribeFinalizedHeads']
      : ['chain_subscribeNewHeads', 'chain_unsubscribeNewHeads'];
    const it = this.rpc.subscribeIter<any>(sub, [], unsub, { signal: opts.signal });
    return mapIter(it, (h) => ({
      hash: '', parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] },
    }));
  }

  /** Storage changes for the given keys (decoded), as an async iterator; `break` unsubscribes. */
  async *subscribeStorage(requests: StorageRequest[], opts: { signal?: AbortSignal } = {}): AsyncGenerator<{ block: string; values: unknown[] }> {
    const rt = await this.runtime(opts);
    const entries = requests.map(([p, i]) => rt.registry.storageEntry(p, i).entry);
    const keys = requests.map(([p, i, k]) => storageKey(rt.registry, p, i, k ?? []));
    const current = new Map<string, string | null>();
    const it = this.rpc.subscribeIter<{ block: string; changes: [string, string | null][] }>('state_subscribeStorage', [keys], 'state_unsubscribeStorage', { signal: opts.signal });
    for await (const set of it) {
      for (const [k, v] of set.changes) current.set(k.toLowerCase(), v);
      yield {
        block: set.block,
        values: requests.map(([p, i], n) => decodeStorageValue(rt.registry, entries[n], current.get(keys[n].toLowerCase()) ?? null, `${p}.${i}`)),
      };
    }
  }
}

/** Slot number from an Aura PreRuntime digest item (0x06 ++ "aura" ++ Vec<u8> of a u64 slot). */
export function auraSlot(logs: string[]): bigint | null {
  for (const log of logs) {
    const b = fromHex(log);
    if (b.length === 14 && b[0] === 6 && b[1] === 0x61 && b[2] === 0x75 && b[3] === 0x72 && b[4] === 0x61 && b[5] === 0x20) {
      return new DataView(b.buffer, b.byteOffset).getBigUint64(6, true);
    }
  }
  return null;
}


async function* mapIter<A, B>(it: AsyncIterableIterator<A>, f: (a: A) => B): AsyncGenerator<B> {
  for await (const a of it) yield f(a);
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

