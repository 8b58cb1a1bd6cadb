// The metadata cache in browsers and workers: IndexedDB where it exists (browsers), the Cache API
// otherwise (Cloudflare Workers, Deno Deploy, service workers), and an adapter for key-value stores
// such as Workers KV. All three hold sealed entries (metadata-envelope.ts) through `sealedStore`,
// so a damaged or foreign entry is discarded and a backend that refuses writes (private browsing,
// quota) degrades to memory with one warning.
import { functionArg, nameArg, objectArg, optFunctionArg, optUintArg } from './validate.js';
import { sealedOptionsArg, sealedStore, type ByteStore, type MetadataStore, type SealedStoreOptions } from './metadata-store.js';

/** The two calls a KV store needs, e.g. Workers KV: `{ get: (k) => env.KV.get(k, 'arrayBuffer'), put: (k, v) => env.KV.put(k, v) }`. */
export interface KeyValueLike {
  get(key: string): Promise<ArrayBuffer | Uint8Array | null>;
  put(key: string, value: Uint8Array): Promise<unknown>;
  delete?(key: string): Promise<unknown>;
}

/** Metadata cache over a key-value store of your choice (keys are prefixed with `substrate-lite/metadata/`). */
export function kvMetadataStore(kv: KeyValueLike, optionsIn: SealedStoreOptions = {}): MetadataStore {
  const o = objectArg(kv, 'kv', 'a key-value store { get, put, delete? }');
  functionArg(o.get, 'kv.get');
  functionArg(o.put, 'kv.put');
  optFunctionArg(o.delete, 'kv.delete');
  const options = sealedOptionsArg(optionsIn, 'options');
  const k = (key: string) => `substrate-lite/metadata/${key}`;
  return sealedStore(
    {
      async read(key) {
        const v = await kv.get(k(key));
        return v ? (v instanceof Uint8Array ? v : new Uint8Array(v)) : null;
      },
      async write(key, bytes) {
        await kv.put(k(key), bytes);
      },
      async remove(key) {
        await kv.delete?.(k(key));
      },
    },
    options,
  );
}

function webOptionsArg<T>(v: unknown, nameField: string): SealedStoreOptions & T & { maxEntries?: number } {
  const o = sealedOptionsArg<SealedStoreOptions & { maxEntries?: number }>(v, 'options');
  const n = (o as Record<string, unknown>)[nameField];
  if (n != null) nameArg(n, `options.${nameField}`);
  optUintArg(o.maxEntries, 'options.maxEntries', 1_000_000, 1);
  return o as SealedStoreOptions & T & { maxEntries?: number };
}

/** Metadata cache in a Cache API cache (default name `substrate-lite`); keeps the newest `maxEntries`. */
export function cacheApiMetadataStore(optionsIn: SealedStoreOptions & { cacheName?: string; maxEntries?: number } = {}): MetadataStore {
  const options = webOptionsArg<{ cacheName?: string }>(optionsIn, 'cacheName');
  const open = () => (globalThis as unknown as { caches: CacheStorage }).caches.open(options.cacheName ?? 'substrate-lite');
  const url = (key: string) => `https://substrate-lite.invalid/metadata/${key}`;
  const backend: ByteStore = {
    async read(key) {
      const res = await (await open()).match(url(key));
      return res ? new Uint8Array(await res.arrayBuffer()) : null;
    },
    async write(key, bytes) {
      const cache = await open();
      await cache.put(url(key), new Response(bytes as BodyInit, { headers: { 'content-type': 'application/octet-stream' } }));
      const keys = await cache.keys();
      for (const req of keys.slice(0, Math.max(0, keys.length - (options.maxEntries ?? 16)))) await cache.delete(req);
    },
    async remove(key) {
      await (await open()).delete(url(key));
    },
  };
  return sealedStore(backend, options);
}

/** Metadata cache in IndexedDB (database `substrate-lite`); keeps the newest `maxEntries`. */
export function indexedDbMetadataStore(optionsIn: SealedStoreOptions & { dbName?: string; maxEntries?: number } = {}): MetadataStore {
  const options = webOptionsArg<{ dbName?: string }>(optionsIn, 'dbName');
  let db: Promise<IDBDatabase> | undefined;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(options.dbName ?? 'substrate-lite', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('metadata');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const tx = async <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const store = (await open()).transaction('metadata', mode).objectStore('metadata');
    return new Promise<T>((resolve, reject) => {
      const req = f(store);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  };
  const backend: ByteStore = {
    async read(key) {
      const v = await tx<{ bytes: Uint8Array } | undefined>('readonly', (s) => s.get(key));
      return v?.bytes ?? null;
    },
    async write(key, bytes) {
      await tx('readwrite', (s) => s.put({ bytes, at: Date.now() }, key));
      const all = await tx<{ at: number }[]>('readonly', (s) => s.getAll());
      const keys = await tx<IDBValidKey[]>('readonly', (s) => s.getAllKeys());
      const order = keys.map((k, i) => ({ k, at: all[i]?.at ?? 0 })).sort((a, b) => a.at - b.at);
      for (const { k } of order.slice(0, Math.max(0, order.length - (options.maxEntries ?? 16)))) await tx('readwrite', (s) => s.delete(k));
    },
    async remove(key) {
      await tx('readwrite', (s) => s.delete(key));
    },
  };
  return sealedStore(backend, options);
}
