// Picks the persistent metadata cache for the platform the code runs on: the file store where
// there is a file system (Node, Bun, Deno), the Cache API in browsers (secure contexts) and workers,
// and memory where neither exists. IndexedDB is an opt-in (`indexedDbMetadataStore`): the Cache API
// covers both browsers and workers, and leaving IndexedDB out of the default keeps it out of every
// bundle (the root browser bundle is budgeted at 25 KB gzipped). `SUBSTRATE_LITE_CACHE_DIR`
// overrides the directory and `SUBSTRATE_LITE_CACHE=off` disables the cache (e.g. for tests).
//
// Which stores a bundle can reach is decided at build time (default-store.ts): browser and worker
// bundles get default-store-web.ts and so never contain the file store.
import { platformStore } from '#src/default-store';
import { memoryMetadataStore, sealedOptionsArg, type MetadataStore, type SealedStoreOptions } from './metadata-store.js';

export function defaultMetadataStore(optionsIn: SealedStoreOptions = {}): MetadataStore {
  const options = sealedOptionsArg(optionsIn, 'options');
  try {
    return pick(options);
  } catch {
    return memoryMetadataStore(); // e.g. Deno without --allow-env throws on reading process.env
  }
}

function pick(options: SealedStoreOptions): MetadataStore {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  if (env.SUBSTRATE_LITE_CACHE === 'off') return memoryMetadataStore();
  return platformStore(options, env);
}

/** The store `connect` uses: the given one, memory for `false`, the platform default otherwise. */
export function resolveMetadataStore(store: MetadataStore | false | undefined): MetadataStore {
  if (store === false) return memoryMetadataStore();
  return store ?? defaultMetadataStore();
}
