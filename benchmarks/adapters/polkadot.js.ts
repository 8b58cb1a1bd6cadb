import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Connect } from './types.js';

export const connect: Connect = async (url) => {
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
  return {
    account: async (a) => ((await api.query.system.account(a)) as any).data.free.toBigInt(),
    version: async () => ((await api.call.core.version()) as any).specVersion.toNumber(),
    close: () => api.disconnect(),
  };
};
