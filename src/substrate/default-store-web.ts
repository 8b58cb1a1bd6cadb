// The platform's persistent metadata store in browsers and workers: the Cache API where it exists
// (secure contexts, workers), memory otherwise. Chosen over default-store.ts by bundlers that
// target browsers or workers (package.json `imports` conditions, see default-store.ts).
import { cacheApiMetadataStore } from './metadata-cache-web.js';
import { memoryMetadataStore, type MetadataStore, type SealedStoreOptions } from './metadata-store.js';

export function platformStore(options: SealedStoreOptions, _env?: Record<string, string | undefined>): MetadataStore {
  return (globalThis as { caches?: unknown }).caches !== undefined ? cacheApiMetadataStore(options) : memoryMetadataStore();
}
