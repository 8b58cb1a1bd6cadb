// Root claims (src/subtensor/root-claims.ts) on a spec-393 node: RootClaimType, RootClaimable,
// RootClaimed and RootAlphaDividendsPerSubnet values encoded by polkadot.js read back through ours
// with Python's conversions; the claimable stake combines them with the root stake (the
// StakeInfo runtime API answered likewise) at one block.
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const [ck, ck2, ck3, hk] = [0, 1, 2, 3].map(() => encodeAddress(randomAsU8a(32), 42));
const i96f32 = (whole: bigint, frac: bigint) => ((whole << 32n) + frac).toString();

describe('root claims on a spec-393 node', () => {
  const spec = useSpec393Node(async (n) => {
    n.put('subtensorModule', 'rootClaimType', [ck], 'Keep');
    n.put('subtensorModule', 'rootClaimType', [ck2], { KeepSubnets: { subnets: [3, 9] } });
    n.put('subtensorModule', 'rootClaimable', [hk], new Map([[3, { bits: i96f32(0n, 1n << 31n) }], [9, { bits: i96f32(2n, 0n) }]])); // 0.5, 2
    n.put('subtensorModule', 'rootClaimed', [3, hk, ck], '100');
    n.put('subtensorModule', 'rootAlphaDividendsPerSubnet', [3, hk], '777');
    const pub = (a: string) => u8aToHex(n.reg.createType('AccountId32', a).toU8a()).slice(2);
    const info = { hotkey: hk, coldkey: ck, netuid: 0, stake: '1001', locked: 0, emission: 0, taoEmission: 0, drain: 0, isRegistered: true };
    n.answerCall('StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', pub(hk) + pub(ck) + '0000', info);
  });

  it('getRootClaimType: a variant name, or KeepSubnets with its subnets; Swap is the default', async (ctx) => {
    const node = spec.get(ctx);
    expect(await node.st.getRootClaimType(ck)).toBe('Keep');
    expect(await node.st.getRootClaimType(ck2)).toEqual({ KeepSubnets: { subnets: [3, 9] } });
    expect(await node.st.getRootClaimType(ck3)).toBe('Swap');
  });

  it('rates (I96F32), claimed and dividends in the subnet unit', async (ctx) => {
    const node = spec.get(ctx);
    const { st } = node;
    expect(await st.getRootClaimableAllRates(hk)).toEqual({ 3: 0.5, 9: 2 });
    expect(await st.getRootClaimableRate(hk, 9)).toBe(2);
    expect(await st.getRootClaimableRate(hk, 4)).toBe(0);
    expect(await st.getRootClaimed(ck, hk, 3)).toEqual(balance(100n, 3));
    expect(await st.getRootAlphaDividendsPerSubnet(hk, 3)).toEqual(balance(777n, 3));
  });

  it('getRootClaimableStake: trunc(rate × root stake) − claimed, never below 0', async (ctx) => {
    const node = spec.get(ctx);
    const { st } = node;
    expect(await st.getRootClaimableStake(ck, hk, 3)).toEqual(balance(500n - 100n, 3)); // 1001 × 0.5 = 500.5 → 500
    expect(await st.getRootClaimableStake(ck, hk, 9)).toEqual(balance(2002n, 9));
    expect(await st.getRootClaimableStake(ck, hk, 4)).toEqual(balance(0n, 4));
  });
});
