// Where fetched metadata is kept between runs. Metadata is ~0.5 MB and changes only with the spec
// version, so it is keyed by (genesis hash, spec version); the entry itself records the metadata
// version (see metadata-envelope.ts). Backends only move bytes (`ByteStore`); `sealedStore` adds
// what every persistent backend needs: the integrity envelope, discarding bad entries, and
// falling back to memory (with one warning) when the backend cannot be written.
import { openMetadata, sealMetadata, type EnvelopeProblem } from './metadata-envelope.js';
import { functionArg, hexArg, objectArg, optFunctionArg, optionsArg, uintArg, U32_MAX } from './validate.js';

export interface MetadataStore {
  get(genesisHash: string, specVersion: number): Promise<Uint8Array | null>;
  set(genesisHash: string, specVersion: number, metadata: Uint8Array): Promise<void>;
  /** Small immutable per-chain facts as JSON text (block-facts.ts); optional. */
  getFacts?(genesisHash: string): Promise<string | null>;
  setFacts?(genesisHash: string, json: string): Promise<void>;
}

/** A persistent key → bytes backend (a directory, IndexedDB, the Cache API, a KV namespace). */
export interface ByteStore {
  read(key: string): Promise<Uint8Array | null>;
  /** Throws when the backend cannot be written (read-only, quota, permissions). */
  write(key: string, bytes: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface SealedStoreOptions {
  /** Called once when the backend fails and the store falls back to memory (default console.warn). */
  onWarning?: (message: string) => void;
  /** Called for each entry discarded as corrupt, truncated or foreign (default: silent). */
  onDiscard?: (key: string, problem: EnvelopeProblem) => void;
}

export function memoryMetadataStore(): MetadataStore {
  const m = new Map<string, Uint8Array>();
  return {
    async get(g, v) {
      return m.get(`${g}:${v}`) ?? null;
    },
    async set(g, v, md) {
      m.set(`${g}:${v}`, md);
    },
  };
}

/** The options every persistent store takes (and the store's own, kept), checked. */
export function sealedOptionsArg<T extends SealedStoreOptions>(v: unknown, name: string): T {
  const o = optionsArg(v, name);
  optFunctionArg(o.onWarning, `${name}.onWarning`);
  optFunctionArg(o.onDiscard, `${name}.onDiscard`);
  return o as T;
}

/** The backend key of one runtime: short, file-name safe, distinct per chain and spec. */
export function metadataKey(genesisHash: string, specVersion: number | 'facts'): string {
  hexArg(genesisHash, 'genesisHash');
  if (specVersion !== 'facts') uintArg(specVersion, 'specVersion', U32_MAX);
  return `${genesisHash.replace(/^0x/, '').slice(0, 16).toLowerCase()}-${specVersion}`;
}

/** A MetadataStore over a byte backend, integrity-checked, degrading to memory on write failure. */
export function sealedStore(backend: ByteStore, optsIn: SealedStoreOptions = {}): MetadataStore {
  const b = objectArg(backend, 'backend', 'a ByteStore (read, write, remove)');
  for (const m of ['read', 'write', 'remove']) functionArg(b[m], `backend.${m}`);
  const opts = sealedOptionsArg(optsIn, 'opts');
  const memory = memoryMetadataStore();
  let broken = false;
  const warn = opts.onWarning ?? ((m: string) => console.warn(m));
  return {
    async get(g, v) {
      const mem = await memory.get(g, v);
      if (mem) return mem;
      const key = metadataKey(g, v);
      let data: Uint8Array | null = null;
      try {
        data = await backend.read(key);
      } catch {
        return null; // unreadable counts as a miss: the metadata is downloaded again
      }
      if (!data) return null;
      const opened = openMetadata(g, v, data);
      if ('metadata' in opened) return opened.metadata;
      opts.onDiscard?.(key, opened.problem);
      await backend.remove(key).catch(() => {});
      return null;
    },
    async getFacts(g) {
      const b = await backend.read(metadataKey(g, 'facts')).catch(() => null);
      return b ? new TextDecoder().decode(b) : null;
    },
    async setFacts(g, json) {
      if (!broken) await backend.write(metadataKey(g, 'facts'), new TextEncoder().encode(json)).catch(() => {});
    },
    async set(g, v, md) {
      if (!broken) {
        try {
          await backend.write(metadataKey(g, v), sealMetadata(g, v, md));
          return;
        } catch (e) {
          broken = true;
          warn(`substrate-lite: metadata cache is not writable (${(e as Error).message}); keeping metadata in memory for this process`);
        }
      }
      await memory.set(g, v, md);
    },
  };
}
