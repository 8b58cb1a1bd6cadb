// DynamicInfo, SubnetInfo and prices (src/subtensor/subnets.ts). These runtime APIs are typed from
// about spec 250 on; the local chain (spec 218) has them as untyped Vec<u8>, so there the methods
// must refuse with UnsupportedRuntimeError. On a spec-393 node, polkadot.js encodes the runtime's
// answers and ours must give the same values plus Python's conversions.
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, UnsupportedRuntimeError, balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');
const [hot, cold] = [0, 1].map(() => encodeAddress(randomAsU8a(32), 42));
const bytes = (s: string) => u8aToHex(new TextEncoder().encode(s));
const dyn = (netuid: number, taoIn: bigint, alphaIn: bigint, identity: object | null) => ({
  netuid, ownerHotkey: hot, ownerColdkey: cold, subnetName: [...new TextEncoder().encode(`net ${netuid}`)], tokenSymbol: [...new TextEncoder().encode('β')],
  tempo: 360, lastStep: 1000, blocksSinceLastStep: 17, emission: 123, alphaIn: alphaIn.toString(), alphaOut: 777, taoIn: taoIn.toString(),
  alphaOutEmission: 1, alphaInEmission: 2, taoInEmission: 3, pendingAlphaEmission: 4, pendingRootEmission: 5, subnetVolume: 6,
  networkRegisteredAt: 99, subnetIdentity: identity, movingPrice: { bits: (3n << 32n) + (1n << 31n) }, // 3.5 in I96F32
});
const ident = { subnetName: bytes('Apex'), githubRepo: bytes('gh'), subnetContact: bytes('c'), subnetUrl: bytes('u'), discord: bytes('d'), description: bytes('desc'), logoUrl: '0x', additional: bytes('a') };

describe('subnets on a spec-393 node (answers encoded by polkadot.js)', () => {
  const spec = useSpec393Node();

  it('subnet: DynamicInfo with the swap price, units per field, identity texts, I96F32 moving price', async (ctx) => {
    const node = spec.get(ctx);
    const { st, answerCall } = node;
    answerCall('SubnetInfoRuntimeApi', 'get_dynamic_info', '0300', dyn(3, 5_000_000_000_000n, 2_000_000_000_000n, ident));
    answerCall('SwapRuntimeApi', 'current_alpha_price', '0300', '2500000123');
    answerCall('SubnetInfoRuntimeApi', 'get_dynamic_info', '0400', null);
    answerCall('SwapRuntimeApi', 'current_alpha_price', '0400', 0);
    const d = (await st.subnet(3))!;
    expect(d.netuid).toBe(3);
    expect([d.ownerHotkey, d.ownerColdkey, d.subnetName, d.symbol]).toEqual([hot, cold, 'net 3', 'β']);
    expect(d.price).toEqual(balance(2500000123n));
    expect(d.taoIn).toEqual(balance(5_000_000_000_000n, 0));
    expect(d.alphaIn).toEqual(balance(2_000_000_000_000n, 3));
    expect(d.alphaIn.unit).toBe('γ');
    expect(d.k).toBe(5_000_000_000_000n * 2_000_000_000_000n);
    expect(d.isDynamic).toBe(true);
    expect([d.lastStep, d.blocksSinceLastStep, d.networkRegisteredAt]).toEqual([1000n, 17n, 99n]);
    expect([d.alphaOutEmission.rao, d.pendingRootEmission.unit, d.subnetVolume.unit]).toEqual([1n, 'τ', 'γ']);
    expect(d.movingPrice).toBe(3.5);
    expect(d.subnetIdentity).toEqual({ subnetName: 'Apex', githubRepo: 'gh', subnetContact: 'c', subnetUrl: 'u', logoUrl: null, discord: 'd', description: 'desc', additional: 'a' });
    expect(await st.subnet(4)).toBeNull();
    expect(await st.getSubnetPrice(3)).toEqual(balance(2500000123n));
    expect(await st.getSubnetPrice(0)).toEqual(balance(1_000_000_000n));
  });

  it('allSubnets and getSubnetPrices: AlphaSqrtPrice squared, truncated to rao; 1 τ for root; taoIn/alphaIn never used when a price exists', async (ctx) => {
    const node = spec.get(ctx);
    const { st, answerCall, put } = node;
    put('swap', 'alphaSqrtPrice', [3], { bits: (3n << 63n).toString() }); // 1.5 → price 2.25
    put('swap', 'alphaSqrtPrice', [5], { bits: (1n << 62n).toString() }); // 0.25 → 0.0625
    answerCall('SubnetInfoRuntimeApi', 'get_all_dynamic_info', '', [dyn(0, 10n, 10n, null), dyn(3, 9n, 4n, null), null, dyn(7, 1n, 0n, null)]);
    const prices = await st.getSubnetPrices();
    expect(prices).toEqual({ 0: balance(1_000_000_000n), 3: balance(2_250_000_000n), 5: balance(62_500_000n) });
    const all = await st.allSubnets();
    expect(all.map((d) => d.netuid)).toEqual([0, 3, 7]);
    expect(all.map((d) => d.price.rao)).toEqual([1_000_000_000n, 2_250_000_000n, 0n]); // 7 has no pool entry: Python's 0
    expect(all[0].isDynamic).toBe(false);
  });

  it('getSubnetInfo, getAllSubnetsInfo: SubnetInfo from the v2 APIs, connection requirements as u16 fractions', async (ctx) => {
    const node = spec.get(ctx);
    const { st, answerCall } = node;
    const info = {
      netuid: 3, rho: 10, kappa: 32767, difficulty: '18446744073709551615', immunityPeriod: 4096, maxAllowedValidators: 64, minAllowedWeights: 1,
      maxWeightsLimit: 65535, scalingLawPower: 50, subnetworkN: 256, maxAllowedUids: 256, blocksSinceLastStep: 12, tempo: 99, networkModality: 0,
      networkConnect: [[1, 32768]], emissionValue: 5, burn: '1000000000', owner: cold, identity: null,
    };
    answerCall('SubnetInfoRuntimeApi', 'get_subnet_info_v2', '0300', info);
    answerCall('SubnetInfoRuntimeApi', 'get_subnet_info_v2', '0900', null);
    answerCall('SubnetInfoRuntimeApi', 'get_subnets_info_v2', '', [info, null]);
    const s = (await st.getSubnetInfo(3))!;
    expect(s).toMatchObject({ netuid: 3, kappa: 32767, difficulty: 2n ** 64n - 1n, maxWeightLimit: 65535, maxN: 256, blocksSinceEpoch: 12n, tempo: 99, ownerSs58: cold });
    expect(s.connectionRequirements).toEqual({ 1: 32768 / 65535 });
    expect(s.burn).toEqual(balance(1_000_000_000n));
    expect(await st.getSubnetInfo(9)).toBeNull();
    expect(await st.getAllSubnetsInfo()).toEqual([s]);
  });
});

describe.skipIf(!url)('subnets on the local chain (spec 218: these APIs are untyped Vec<u8> there)', () => {
  let st: Subtensor;
  beforeAll(async () => {
    st = await Subtensor.connect(url);
  });
  afterAll(() => st?.close());

  it('refuse with UnsupportedRuntimeError naming the API, instead of guessing a layout', async () => {
    for (const call of [() => st.allSubnets(), () => st.subnet(1), () => st.getSubnetInfo(1), () => st.getAllSubnetsInfo()]) {
      const e = await call().then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(UnsupportedRuntimeError);
      expect((e as UnsupportedRuntimeError).specVersion).toBe(218);
      expect((e as UnsupportedRuntimeError).message).toMatch(/^SubnetInfoRuntimeApi\.get_/);
    }
    await expect(st.getSubnetPrice(1)).rejects.toThrow(/SwapRuntimeApi\.current_alpha_price .*no such method/);
    expect(await st.getSubnetPrice(0)).toEqual(balance(1_000_000_000n));
  });
});
