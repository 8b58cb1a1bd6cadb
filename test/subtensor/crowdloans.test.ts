// Crowdloan reads (src/subtensor/crowdloans.ts) on a spec-393 node: Crowdloans, NextCrowdloanId
// and Contributions values encoded by polkadot.js read back as Python's CrowdloanInfo, the inline
// call decoded with the runtime's call type (built by polkadot.js), an undecodable one kept raw,
// and the constants as polkadot.js decodes the metadata.
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const [creator, funds, target, c1, c2] = [0, 1, 2, 3, 4].map(() => encodeAddress(randomAsU8a(32), 42));
const loan = (call: unknown) => ({
  creator, deposit: '10000000000', minContribution: '100000000', end: 5000, cap: '1000000000000', fundsAccount: funds,
  raised: '2500000000', targetAddress: target, call, finalized: false, contributorsCount: 2,
});

describe('crowdloans on a spec-393 node', () => {
  let callHex = '';
  const spec = useSpec393Node(async (n) => {
    const { decorateExtrinsics } = await import('@polkadot/types/metadata/decorate');
    const md = (n.reg as any).metadata;
    const tx: any = decorateExtrinsics(n.reg, md, 15);
    callHex = u8aToHex(tx.balances.transferKeepAlive(target, 12345).toU8a());
    n.put('crowdloan', 'crowdloans', [1], loan({ Inline: callHex }));
    n.put('crowdloan', 'crowdloans', [2], { ...loan({ Inline: '0xffff' }), targetAddress: null, finalized: true });
    n.put('crowdloan', 'crowdloans', [3], { ...loan({ Lookup: { hash: u8aToHex(new Uint8Array(32).fill(7)), len: 40 } }), targetAddress: null });
    n.put('crowdloan', 'nextCrowdloanId', [], 4);
    n.put('crowdloan', 'contributions', [1, c1], '1500000000');
    n.put('crowdloan', 'contributions', [1, c2], '1000000000');
  });

  it('getCrowdloanById: amounts as Balances, the inline call decoded', async (ctx) => {
    const node = spec.get(ctx);
    const one = (await node.st.getCrowdloanById(1))!;
    expect(one).toMatchObject({ id: 1, creator, fundsAccount: funds, targetAddress: target, end: 5000, finalized: false, contributorsCount: 2 });
    expect([one.deposit, one.minContribution, one.cap, one.raised]).toEqual([balance(10_000_000_000n), balance(100_000_000n), balance(1_000_000_000_000n), balance(2_500_000_000n)]);
    expect(one.call).toMatchObject({ kind: 'inline', pallet: 'Balances', call: 'transfer_keep_alive' });
    expect((one.call as { args: { value: bigint } }).args.value).toBe(12345n);
    expect(await node.st.getCrowdloanById(9)).toBeNull();
  });

  it('getCrowdloans: every loan by id; an undecodable inline call kept raw with the reason; a lookup as its hash', async (ctx) => {
    const node = spec.get(ctx);
    const all = await node.st.getCrowdloans();
    expect(all.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(all[1].call).toMatchObject({ kind: 'undecodable', raw: '0xffff' });
    expect((all[1].call as { decodeError: string }).decodeError.length).toBeGreaterThan(0);
    expect(all[2].call).toEqual({ kind: 'hash', hash: u8aToHex(new Uint8Array(32).fill(7)), len: 40 });
    expect(await node.st.getCrowdloanNextId()).toBe(4);
    expect(await node.st.getCrowdloanContributions(1)).toEqual({ [c1]: balance(1_500_000_000n), [c2]: balance(1_000_000_000n) });
    expect(await node.st.getCrowdloanContributions(2)).toEqual({});
  });

  it('getCrowdloanConstants: the metadata constants', async (ctx) => {
    const node = spec.get(ctx);
    const { decorateConstants } = await import('@polkadot/types/metadata/decorate');
    const k: any = decorateConstants(node.reg, (node.reg as any).metadata, 15);
    const c = await node.st.getCrowdloanConstants();
    expect(c.MinimumDeposit).toEqual(balance(k.crowdloan.minimumDeposit.toBigInt()));
    expect(c.AbsoluteMinimumContribution).toEqual(balance(k.crowdloan.absoluteMinimumContribution.toBigInt()));
    expect(c.MaxContributors).toBe(Number(k.crowdloan.maxContributors.toString()));
    expect(c.MinimumBlockDuration).toBe(Number(k.crowdloan.minimumBlockDuration.toString()));
  });
});
