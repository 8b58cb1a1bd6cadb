import { SubstrateClient } from '../../src/substrate/index.js';
import type { Connect } from './types.js';

// Default options: the persistent metadata cache is on (platform cache dir); the cold-start bench
// points it at a directory of its own through the documented SUBSTRATE_LITE_CACHE_DIR override
// (one client per driver process), so the default store is what it measures and this adapter does
// not import the file store into the browser bundle bench.
export const connect: Connect = async (url, opts = {}) => {
  if (opts.cacheDir) (globalThis as { process?: { env: Record<string, string | undefined> } }).process!.env.SUBSTRATE_LITE_CACHE_DIR = opts.cacheDir;
  const c = await SubstrateClient.connect(url);
  return {
    account: async (a) => (await c.query<{ data: { free: bigint } }>('System', 'Account', [a])).data.free,
    version: async () => (await c.runtimeCall<{ spec_version: number }>('Core', 'version', [])).spec_version,
    close: () => c.close(),
  };
};
