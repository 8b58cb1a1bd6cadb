import { LegacyClient, WsProvider } from 'dedot';
import type { Connect } from './types.js';

// LegacyClient: the same legacy JSON-RPC methods (state_getStorage, state_call) the others use.
// With cacheKv: dedot's own metadata cache (cacheMetadata) over a file-backed IStorage.
export const connect: Connect = async (url, opts = {}) => {
  const provider = new WsProvider(url);
  const client: any = await LegacyClient.new(opts.cacheKv ? ({ provider, cacheMetadata: true, cacheStorage: opts.cacheKv } as any) : provider);
  return {
    account: async (a) => (await client.query.system.account(a)).data.free,
    version: async () => (await client.call.core.version()).specVersion,
    close: () => client.disconnect(),
  };
};
