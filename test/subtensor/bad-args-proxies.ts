// Bad-argument rows of the Proxy, identity and root-claim reads (proxies.ts, identities.ts,
// root-claims.ts), spread into
// bad-arguments.test.ts.
import { ALICE, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';

const ids = (i: number): Bad[] => [null, -1, 1.5, 2 ** 32, '1', 1n].map((v): Bad => [i, v, 'crowdloanId']);
import { netuids, selector, selOnly } from '../helpers/subtensor-args.js';

export const proxiesRows = (): Record<string, Entry> => ({
  getProxies: selOnly(),
  getProxiesForRealAccount: { args: [ALICE, {}], bad: [...addresses(0, 'realAccount'), ...selector(1)] },
  getProxyAnnouncement: { args: [ALICE, {}], bad: [...addresses(0, 'delegate'), ...selector(1)] },
  getProxyAnnouncements: selOnly(),
  getProxyConstants: selOnly(),
  // identities (src/subtensor/identities.ts)
  queryIdentity: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getDelegateIdentities: selOnly(),
  // coldkey swaps (src/subtensor/coldkey-swap.ts)
  getColdkeySwapAnnouncement: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getColdkeySwapAnnouncements: selOnly(),
  getColdkeySwapDispute: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getColdkeySwapDisputes: selOnly(),
  getColdkeySwapAnnouncementDelay: selOnly(),
  getColdkeySwapReannouncementDelay: selOnly(),
  getColdkeySwapConstants: selOnly(),
  // crowdloans (src/subtensor/crowdloans.ts)
  getCrowdloans: selOnly(),
  getCrowdloanById: { args: [1, {}], bad: [...ids(0), ...selector(1)] },
  getCrowdloanNextId: selOnly(),
  getCrowdloanContributions: { args: [1, {}], bad: [...ids(0), ...selector(1)] },
  getCrowdloanConstants: selOnly(),
  // root claims (src/subtensor/root-claims.ts)
  getRootClaimType: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getRootAlphaDividendsPerSubnet: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getRootClaimableAllRates: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  getRootClaimableRate: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getRootClaimed: { args: [ALICE, ALICE, 1, {}], bad: [...addresses(0, 'coldkey'), ...addresses(1, 'hotkey'), ...netuids(2), ...selector(3)] },
  getRootClaimableStake: { args: [ALICE, ALICE, 1, {}], bad: [...addresses(0, 'coldkey'), ...addresses(1, 'hotkey'), ...netuids(2), ...selector(3)] },
});
