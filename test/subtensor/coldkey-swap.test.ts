// Coldkey swap reads (src/subtensor/coldkey-swap.ts) on a spec-393 node: announcements, disputes
// and delays encoded by polkadot.js read back as Python's dataclasses; KeySwapCost equals
// polkadot.js's decoding of the metadata constant.
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const [a, b, nobody] = [0, 1, 2].map(() => encodeAddress(randomAsU8a(32), 42));
const hash = u8aToHex(randomAsU8a(32));

describe('coldkey swap reads on a spec-393 node', () => {
  const spec = useSpec393Node(async (n) => {
    n.put('subtensorModule', 'coldkeySwapAnnouncements', [a], [7200, hash]);
    n.put('subtensorModule', 'coldkeySwapDisputes', [b], 9000);
    n.put('subtensorModule', 'coldkeySwapAnnouncementDelay', [], 36000);
    n.put('subtensorModule', 'coldkeySwapReannouncementDelay', [], 7200);
  });

  it('announcements and disputes, one and all', async (ctx) => {
    const node = spec.get(ctx);
    const { st } = node;
    expect(await st.getColdkeySwapAnnouncement(a)).toEqual({ coldkey: a, executionBlock: 7200, newColdkeyHash: hash });
    expect(await st.getColdkeySwapAnnouncement(nobody)).toBeNull();
    expect(await st.getColdkeySwapAnnouncements()).toEqual([{ coldkey: a, executionBlock: 7200, newColdkeyHash: hash }]);
    expect(await st.getColdkeySwapDispute(b)).toEqual({ coldkey: b, disputedBlock: 9000 });
    expect(await st.getColdkeySwapDispute(a)).toBeNull();
    expect(await st.getColdkeySwapDisputes()).toEqual([{ coldkey: b, disputedBlock: 9000 }]);
  });

  it('delays and the KeySwapCost constant', async (ctx) => {
    const node = spec.get(ctx);
    const { st, reg } = node;
    expect(await st.getColdkeySwapAnnouncementDelay()).toBe(36000);
    expect(await st.getColdkeySwapReannouncementDelay()).toBe(7200);
    const { decorateConstants } = await import('@polkadot/types/metadata/decorate');
    const k: any = decorateConstants(reg, (reg as any).metadata, 15);
    expect(await st.getColdkeySwapConstants()).toEqual({ KeySwapCost: balance(k.subtensorModule.keySwapCost.toBigInt()) });
  });
});
