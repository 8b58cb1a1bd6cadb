import { SubstrateClient } from '../../src/substrate/index.js';
import type { Connect } from './types.js';

export const connect: Connect = async (url) => {
  const c = await SubstrateClient.connect(url);
  return {
    account: async (a) => (await c.query<{ data: { free: bigint } }>('System', 'Account', [a])).data.free,
    version: async () => (await c.runtimeCall<{ spec_version: number }>('Core', 'version', [])).spec_version,
    close: () => c.close(),
  };
};
