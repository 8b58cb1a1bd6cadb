import { createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import type { Connect } from './types.js';

// With cacheKv: polkadot-api's own metadata cache hooks (getMetadata/setMetadata by code hash).
export const connect: Connect = async (url, opts = {}) => {
  const kv = opts.cacheKv ?? null;
  const cache = kv
    ? {
        getMetadata: (codeHash: string) => kv.getBytes(codeHash),
        setMetadata: (codeHash: string, md: Uint8Array) => void kv.setBytes(codeHash, md),
      }
    : {};
  const client = createClient(getWsProvider(url, opts.WebSocket ? { websocketClass: opts.WebSocket as any } : {}), cache as any);
  const api: any = client.getUnsafeApi();
  // papi connects lazily; "connected" here = the chainHead follow subscription delivered a block.
  await client.getFinalizedBlock();
  return {
    account: async (a) => (await api.query.System.Account.getValue(a)).data.free,
    version: async () => (await api.apis.Core.version()).spec_version,
    close: async () => client.destroy(),
  };
};
