// Bad-argument rows of the Proxy pallet reads (src/subtensor/proxies.ts), spread into
// bad-arguments.test.ts.
import { ALICE, addresses, type Entry } from '../helpers/bad-arguments.js';
import { selector, selOnly } from '../helpers/subtensor-args.js';

export const proxiesRows = (): Record<string, Entry> => ({
  getProxies: selOnly(),
  getProxiesForRealAccount: { args: [ALICE, {}], bad: [...addresses(0, 'realAccount'), ...selector(1)] },
  getProxyAnnouncement: { args: [ALICE, {}], bad: [...addresses(0, 'delegate'), ...selector(1)] },
  getProxyAnnouncements: selOnly(),
  getProxyConstants: selOnly(),
  // identities (src/subtensor/identities.ts)
  queryIdentity: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getDelegateIdentities: selOnly(),
});
