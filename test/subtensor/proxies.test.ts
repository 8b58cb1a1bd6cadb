// Proxy pallet and identity reads (src/subtensor/proxies.ts, identities.ts) on a spec-393 node: Proxies and Announcements
// values encoded by polkadot.js with the spec-393 metadata read back through ours as Python's
// ProxyInfo / ProxyAnnouncementInfo; the constants equal polkadot.js's decoding of the metadata.
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const [real, real2, d1, d2] = [0, 1, 2, 3].map(() => encodeAddress(randomAsU8a(32), 42));
const hash = randomAsU8a(32);

describe('proxy reads on a spec-393 node', () => {
  const spec = useSpec393Node(async (n) => {
    n.put('proxy', 'proxies', [real], [[{ delegate: d1, proxyType: 'Staking', delay: 0 }, { delegate: d2, proxyType: 'Any', delay: 100 }], '93000000']);
    n.put('proxy', 'proxies', [real2], [[{ delegate: d1, proxyType: 'RootClaim', delay: 7 }], 1]);
    n.put('proxy', 'announcements', [d2], [[{ real, callHash: u8aToHex(hash), height: 4242 }], '5']);
    const text = (s: string) => u8aToHex(new TextEncoder().encode(s));
    n.put('subtensorModule', 'identitiesV2', [real], { name: text('Opentensor Ω'), url: text('https://x'), githubRepo: text('gh/x'), image: '0x', discord: text('d'), description: text('desc'), additional: text('') });
  });

  it('getProxiesForRealAccount, getProxies: delegate, proxy type name, delay, deposit', async (ctx) => {
    const node = spec.get(ctx);
    const { st } = node;
    const one = await st.getProxiesForRealAccount(real);
    expect(one).toEqual({ proxies: [{ delegate: d1, proxyType: 'Staking', delay: 0 }, { delegate: d2, proxyType: 'Any', delay: 100 }], deposit: balance(93_000_000n) });
    expect(await st.getProxiesForRealAccount(d1)).toEqual({ proxies: [], deposit: balance(0n) });
    expect(await st.getProxies()).toEqual({ [real]: one.proxies, [real2]: [{ delegate: d1, proxyType: 'RootClaim', delay: 7 }] });
  });

  it('getProxyAnnouncement(s): real, call hash as 0x-hex, height', async (ctx) => {
    const node = spec.get(ctx);
    const { st } = node;
    const a = [{ real, callHash: u8aToHex(hash), height: 4242 }];
    expect(await st.getProxyAnnouncement(d2)).toEqual(a);
    expect(await st.getProxyAnnouncement(d1)).toEqual([]);
    expect(await st.getProxyAnnouncements()).toEqual({ [d2]: a });
  });

  it('queryIdentity, getDelegateIdentities: IdentitiesV2 texts (UTF-8), github_repo as github', async (ctx) => {
    const node = spec.get(ctx);
    const id = { name: 'Opentensor Ω', url: 'https://x', github: 'gh/x', image: '', discord: 'd', description: 'desc', additional: '' };
    expect(await node.st.queryIdentity(real)).toEqual(id);
    expect(await node.st.queryIdentity(d1)).toBeNull();
    expect(await node.st.getDelegateIdentities()).toEqual({ [real]: id });
  });

  it('getProxyConstants: the metadata constants as polkadot.js decodes them', async (ctx) => {
    const node = spec.get(ctx);
    const { st, reg } = node;
    const { decorateConstants } = await import('@polkadot/types/metadata/decorate');
    const consts: any = decorateConstants(reg, (reg as any).metadata, 15);
    const c = await st.getProxyConstants();
    expect(c.ProxyDepositBase).toEqual(balance(consts.proxy.proxyDepositBase.toBigInt()));
    expect(c.AnnouncementDepositFactor).toEqual(balance(consts.proxy.announcementDepositFactor.toBigInt()));
    expect(c.MaxProxies).toBe(consts.proxy.maxProxies.toNumber());
    expect(c.MaxPending).toBe(consts.proxy.maxPending.toNumber());
  });
});
