// The platform's persistent metadata store where there may be a file system (Node, Bun, Deno):
// the file store, else what a browser or worker gets (default-store-web.ts). Bundlers for
// browsers and workers never see this module: metadata-cache.ts imports it as `#src/default-store`
// (dist/: `#default-store`, tsup.config.ts), which package.json `imports` maps by condition —
// browser/workerd/worker to default-store-web.ts — keeping metadata-cache-node.ts (1.7 KB
// minified) out of those bundles.
import { fileMetadataStore } from './metadata-cache-node.js';
import { platformStore as webStore } from './default-store-web.js';
import type { MetadataStore, SealedStoreOptions } from './metadata-store.js';

export function platformStore(options: SealedStoreOptions, env: Record<string, string | undefined>): MetadataStore {
  const g = globalThis as { process?: { versions?: { node?: string } }; window?: unknown };
  // Deno and Bun report a Node version too; a browser bundle with a `process` shim has a window.
  if (g.process?.versions?.node && g.window === undefined) return fileMetadataStore(env.SUBSTRATE_LITE_CACHE_DIR || undefined, options);
  return webStore(options);
}
