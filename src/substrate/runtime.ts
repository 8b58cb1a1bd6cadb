// Per-block runtime resolution. The state of block B was produced by the code in B's parent state,
// so B decodes with the runtime version reported at its parent (genesis uses its own). Metadata is
// fetched once per spec version — V16/V15 through `Metadata_metadata_at_version`, V14 through
// `state_getMetadata` — kept in a small LRU, and concurrent first uses of one spec share one fetch.
import type { RpcClient, RequestOptions } from '../rpc/index.js';
import { RpcError } from '../rpc/index.js';
import type { ArchiveFallback } from './archive.js';
import {
  createRegistry, decodeMetadata, fromHex, toHex, decode, vec, u32, type Metadata, type Registry,
} from '../scale/index.js';
import type { MetadataStore } from './metadata-store.js';
import { metadataVersion } from './metadata-envelope.js';
import { BlockFacts } from './block-facts.js';
import { BlockNotFoundError, mapStateError } from './errors.js';
import { U32_MAX, blockHashArg, objectArg, optUintArg, uintArg } from './validate.js';

export interface RuntimeVersion {
  specName: string;
  specVersion: number;
  transactionVersion: number;
  implVersion?: number;
  apis?: [string, number][];
}

export interface Runtime {
  readonly version: RuntimeVersion;
  readonly metadata: Metadata;
  readonly registry: Registry;
}

export interface RuntimeCacheOptions {
  ss58Prefix?: number;
  store: MetadataStore;
  genesisHash: string;
  /** How many runtimes to keep decoded (default 4). */
  maxRuntimes?: number;
  /** Where reads of pruned blocks are retried (archive.ts). */
  archive?: ArchiveFallback;
  /** Highest metadata version to ask for (default 16). */
  maxMetadataVersion?: number;
}

const SUPPORTED = [16, 15];

export class RuntimeCache {
  readonly #rpc: RpcClient;
  readonly #opts: RuntimeCacheOptions;
  readonly #runtimes = new Map<number, Promise<Runtime>>();
  readonly #specOfBlock = new Map<string, Promise<{ version: RuntimeVersion; codeAt: string | undefined }>>();
  #ss58: number | undefined;
  /** Which runtime each block ran on, kept across restarts by the store (block-facts.ts). */
  readonly facts: BlockFacts;

  constructor(rpc: RpcClient, opts: RuntimeCacheOptions) {
    objectArg(rpc, 'rpc', 'an RpcClient');
    const o = objectArg(opts, 'opts', 'RuntimeCacheOptions');
    objectArg(o.store, 'opts.store', 'a MetadataStore');
    blockHashArg(o.genesisHash, 'opts.genesisHash');
    optUintArg(o.maxRuntimes, 'opts.maxRuntimes', U32_MAX, 1);
    optUintArg(o.maxMetadataVersion, 'opts.maxMetadataVersion', 255);
    if (o.archive !== undefined) objectArg(o.archive, 'opts.archive', 'an ArchiveFallback');
    this.#rpc = rpc;
    this.#opts = opts;
    this.facts = new BlockFacts(opts.store, opts.genesisHash);
    this.#ss58 = opts.ss58Prefix;
  }

  get ss58Prefix(): number | undefined {
    return this.#ss58;
  }

  /** The runtime for the state at `blockHash`; the latest when omitted. */
  async at(blockHash: string | null | undefined, opts: RequestOptions = {}): Promise<Runtime> {
    const { version, codeAt } = await this.versionAt(blockHash, opts);
    return this.forVersion(version, codeAt, opts);
  }

  /**
   * Runtime version governing the state at `blockHash` (its parent's version), and the block whose
   * state holds that runtime's code (the parent), where its metadata must be fetched.
   */
  async versionAt(blockHashIn: string | null | undefined, opts: RequestOptions = {}): Promise<{ version: RuntimeVersion; codeAt: string | undefined }> {
    const blockHash = blockHashArg(blockHashIn, 'blockHash');
    if (blockHash === undefined) {
      return this.#rpc.request<RuntimeVersion>('state_getRuntimeVersion', [], opts).then((version) => ({ version, codeAt: undefined }));
    }
    const key = blockHash.toLowerCase();
    let p = this.#specOfBlock.get(key);
    if (!p) {
      const read = async (rpc: RpcClient) => {
        try {
          const header = await rpc.request<{ parentHash: string; number: string } | null>('chain_getHeader', [blockHash], opts);
          if (!header) throw new BlockNotFoundError(blockHash);
          const at = Number(header.number) === 0 ? blockHash : header.parentHash;
          return { version: await rpc.request<RuntimeVersion>('state_getRuntimeVersion', [at], opts), codeAt: at };
        } catch (e) {
          throw mapStateError(e, blockHash);
        }
      };
      const ask = () => (this.#opts.archive ? this.#opts.archive.orArchive(read, this.#rpc) : read(this.#rpc));
      p = this.facts.get(key).then(async (known) => {
        if (known) return known;
        const r = await ask();
        void this.facts.add(key, r);
        return r;
      });
      p.catch(() => this.#specOfBlock.delete(key));
      if (this.#specOfBlock.size > 4096) this.#specOfBlock.delete(this.#specOfBlock.keys().next().value!);
      this.#specOfBlock.set(key, p);
    }
    return p;
  }

  /** Runtime for a known version; `fetchAt` is a block whose state holds that code. */
  forVersion(version: RuntimeVersion, fetchAt: string | undefined, opts: RequestOptions = {}): Promise<Runtime> {
    const spec = uintArg(objectArg(version, 'version', 'a RuntimeVersion').specVersion, 'version.specVersion', U32_MAX);
    const hit = this.#runtimes.get(spec);
    if (hit) {
      // refresh LRU position
      this.#runtimes.delete(spec);
      this.#runtimes.set(spec, hit);
      return hit;
    }
    const p = this.#load(version, fetchAt, opts);
    p.catch(() => this.#runtimes.delete(spec));
    this.#runtimes.set(spec, p);
    const max = this.#opts.maxRuntimes ?? 4;
    while (this.#runtimes.size > max) this.#runtimes.delete(this.#runtimes.keys().next().value!);
    return p;
  }

  async #load(version: RuntimeVersion, at: string | undefined, opts: RequestOptions): Promise<Runtime> {
    const metadata = (await this.#fromStore(version.specVersion)) ?? (await this.#download(version.specVersion, at, opts));
    if (this.#ss58 === undefined) {
      const sys = metadata.pallets.find((p) => p.name === 'System')?.constants.find((c) => c.name === 'SS58Prefix');
      if (sys) this.#ss58 = Number(decode(createRegistry(metadata).codec(sys.type), sys.value));
    }
    const registry = createRegistry(metadata, { ss58Prefix: this.#ss58 ?? 42 });
    return { version, metadata, registry };
  }

  /** Stored metadata for `spec`, or null when absent, unusable (newer than wanted) or undecodable. */
  async #fromStore(spec: number): Promise<Metadata | null> {
    const bytes = await this.#opts.store.get(this.#opts.genesisHash, spec).catch(() => null);
    if (!bytes || metadataVersion(bytes) > (this.#opts.maxMetadataVersion ?? 16)) return null;
    try {
      return decodeMetadata(bytes);
    } catch {
      return null; // a store without integrity checks handed back damaged bytes: download again
    }
  }

  async #download(spec: number, at: string | undefined, opts: RequestOptions): Promise<Metadata> {
    const fetch = async (rpc: RpcClient) => {
      try {
        return await this.fetchMetadata(at, opts, rpc);
      } catch (e) {
        throw mapStateError(e, at);
      }
    };
    const archive = at === undefined ? undefined : this.#opts.archive;
    const bytes = archive ? await archive.orArchive(fetch, this.#rpc) : await fetch(this.#rpc);
    const metadata = decodeMetadata(bytes);
    // A store that cannot keep it costs a download next time, never this read.
    await this.#opts.store.set(this.#opts.genesisHash, spec, bytes).catch(() => {});
    return metadata;
  }

  /** Newest supported metadata at `at`, as raw bytes. */
  async fetchMetadata(atIn: string | null | undefined, opts: RequestOptions = {}, rpc: RpcClient = this.#rpc): Promise<Uint8Array> {
    const at = blockHashArg(atIn, 'at');
    objectArg(rpc, 'rpc', 'an RpcClient');
    const max = this.#opts.maxMetadataVersion ?? 16;
    let versions: number[] = [];
    try {
      const hex = await rpc.request<string>('state_call', ['Metadata_metadata_versions', '0x', at], opts);
      versions = decode(vec(u32, 4), hex);
    } catch (e) {
      // V14-only runtimes do not have Metadata_metadata_versions: the node answers with an RPC
      // error. Anything else (abort, a dead or unreachable socket, a timeout) is the caller's answer.
      if (!(e instanceof RpcError)) throw e;
    }
    for (const v of SUPPORTED) {
      if (v > max || !versions.includes(v)) continue;
      const param = new Uint8Array(4);
      new DataView(param.buffer).setUint32(0, v, true);
      const hex = await rpc.request<string>('state_call', ['Metadata_metadata_at_version', toHex(param), at], opts);
      const b = fromHex(hex);
      if (b.length > 1) return b;
    }
    return fromHex(await rpc.request<string>('state_getMetadata', at === undefined ? [] : [at], opts));
  }
}
