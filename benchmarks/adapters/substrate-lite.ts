import { SubstrateClient, fileMetadataStore } from '../../src/substrate/index.js';
import type { Connect } from './types.js';

// Default options: the persistent metadata cache is on (platform cache dir); the cold-start bench
// points it at a directory of its own.
export const connect: Connect = async (url, opts = {}) => {
  const c = await SubstrateClient.connect(url, opts.cacheDir ? { metadataStore: fileMetadataStore(opts.cacheDir) } : {});
  return {
    account: async (a) => (await c.query<{ data: { free: bigint } }>('System', 'Account', [a])).data.free,
    version: async () => (await c.runtimeCall<{ spec_version: number }>('Core', 'version', [])).spec_version,
    close: () => c.close(),
  };
};
