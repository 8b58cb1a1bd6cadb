import { LegacyClient, WsProvider } from 'dedot';
import type { Connect } from './types.js';

// LegacyClient: the same legacy JSON-RPC methods (state_getStorage, state_call) the others use.
export const connect: Connect = async (url) => {
  const client: any = await LegacyClient.new(new WsProvider(url));
  return {
    account: async (a) => (await client.query.system.account(a)).data.free,
    version: async () => (await client.call.core.version()).specVersion,
    close: () => client.disconnect(),
  };
};
