// The one-value subnet accessors of ./subnet-limits.ts. On the local chain (spec 218): each equals
// @polkadot/api reading the same item at the same block plus Python's conversion, on the root
// subnet, whose values are set with dev_setStorage, and null/false for a subnet that does not
// exist. Items newer than spec 218 (FirstEmissionBlockNumber, MechanismCountCurrent,
// StartCallDelay, AdminFreezeWindow, Drand.LastStoredRound): their fallbacks on spec 218, and
// their values from a spec-393 node (values encoded by polkadot.js).
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');

describe.skipIf(!url)('subnet accessors against polkadot.js at one block (spec 218)', () => {
  let st: Subtensor;
  let api: ApiPromise;
  let hash: string;
  let pjs: ApiDecoration<'promise'>;
  // Values at the edges of each conversion, set on the root subnet: adding a subnet to
  // NetworksAdded would change what other test files see of the shared chain (its subnet list).
  const netuid = 0;
  const missing = 900 + Math.floor(Math.random() * 60_000);
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    const one = (v: unknown) => [[[netuid], v]];
    await st.client.rpc.request('dev_setStorage', [{
      SubtensorModule: {
        MaxWeightsLimit: one(21845), MinAllowedWeights: one(8), WeightsSetRateLimit: one('18446744073709551615'),
        Burn: one('1500000001'), CommitRevealWeightsEnabled: one(true), RevealPeriodEpochs: one(3), BlocksSinceLastStep: one(77),
      },
    }]);
    hash = await st.getBlockHash();
    pjs = await api.at(hash);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  const num = async (p: Promise<{ toString(): string }>) => BigInt((await p).toString());

  it('maxWeightLimit, minAllowedWeights, weightsRateLimit, recycle, revealPeriodEpochs: the item plus the conversion', async () => {
    const q = pjs.query.subtensorModule;
    const at = { blockHash: hash };
    expect(await st.maxWeightLimit(netuid, at)).toBe(Number(await num(q.maxWeightsLimit(netuid))) / 65535);
    expect(await st.maxWeightLimit(netuid, at)).toBeCloseTo(1 / 3, 12);
    expect(await st.minAllowedWeights(netuid, at)).toBe(Number(await num(q.minAllowedWeights(netuid))));
    expect(await st.weightsRateLimit(netuid, at)).toBe(await num(q.weightsSetRateLimit(netuid)));
    expect(await st.weightsRateLimit(netuid, at)).toBe(2n ** 64n - 1n); // exact: a u64 past 2^53
    expect(await st.recycle(netuid, at)).toEqual(balance(await num(q.burn(netuid))));
    expect((await st.recycle(netuid, at))?.tao).toBe('1.500000001');
    expect(await st.getSubnetRevealPeriodEpochs(netuid, at)).toBe(await num(q.revealPeriodEpochs(netuid)));
    expect(await st.commitRevealEnabled(netuid, at)).toBe((await q.commitRevealWeightsEnabled(netuid)).toJSON());
    expect(await st.commitRevealEnabled(netuid, at)).toBe(true);
    expect(await st.blocksSinceLastStep(netuid, at)).toBe(await num(q.blocksSinceLastStep(netuid)));
    // subnet 1 of the chain spec, through the view
    expect(await st.at(hash).minAllowedWeights(1)).toBe(Number(await num(q.minAllowedWeights(1))));
  });

  it('a subnet that does not exist: null, false for commitRevealEnabled, 0 steps (a ValueQuery)', async () => {
    const at = { blockHash: hash };
    const names = ['maxWeightLimit', 'minAllowedWeights', 'weightsRateLimit', 'recycle', 'getSubnetRevealPeriodEpochs'] as const;
    for (const name of names) expect(await (st[name] as (n: number, s: object) => Promise<unknown>)(missing, at)).toBeNull();
    expect(await st.commitRevealEnabled(missing, at)).toBe(false);
    expect(await st.blocksSinceLastStep(missing, at)).toBe(0n);
  });

  it('txRateLimit, isFastBlocks, getSubnetBurnCost: chain-wide values', async () => {
    expect(await st.txRateLimit({ blockHash: hash })).toBe(await num(pjs.query.subtensorModule.txRateLimit()));
    expect(await st.isFastBlocks({ blockHash: hash })).toBe(pjs.consts.aura.slotDuration.toString() === '250');
    const raw = await api.rpc.state.call('SubnetRegistrationRuntimeApi_get_network_registration_cost', '0x', hash);
    const rao = api.registry.createType('u64', raw).toBigInt();
    expect(await st.getSubnetBurnCost({ blockHash: hash })).toEqual(balance(rao));
  });

  it('items spec 218 lacks: the fallbacks Python has, and a typed error where it has none', async () => {
    const at = { blockHash: hash };
    expect(await st.getMechanismCount(1, at)).toBe(1);
    expect(await st.isSubnetActive(netuid, at)).toBe(true); // exists; no start_call on this runtime
    expect(await st.isSubnetActive(missing, at)).toBe(false);
    expect(await st.lastDrandRound(at)).toBeNull();
    await expect(st.getStartCallDelay(at)).rejects.toThrow(/StartCallDelay/);
    await expect(st.getAdminFreezeWindow(at)).rejects.toThrow(/AdminFreezeWindow/);
    expect(await st.isInAdminFreezeWindow(0, at)).toBe(false); // subnet 0 has no window, nothing read
  });
});

describe('subnet accessors on a spec-393 node (values encoded by polkadot.js)', () => {
  const spec = useSpec393Node();

  it('isSubnetActive, getMechanismCount, getStartCallDelay, getAdminFreezeWindow, lastDrandRound', async (ctx) => {
    const node = spec.get(ctx);
    const { st, put } = node;
    put('subtensorModule', 'firstEmissionBlockNumber', [5], 4_000_000);
    put('subtensorModule', 'mechanismCountCurrent', [5], 3);
    put('subtensorModule', 'startCallDelay', [], '50400');
    put('subtensorModule', 'adminFreezeWindow', [], 10);
    put('drand', 'lastStoredRound', [], '18446744073709551000');
    expect(await st.isSubnetActive(5)).toBe(true);
    expect(await st.isSubnetActive(6)).toBe(false); // Option None: start_call not made
    expect(await st.getMechanismCount(5)).toBe(3);
    expect(await st.getStartCallDelay()).toBe(50400n);
    expect(await st.getAdminFreezeWindow()).toBe(10);
    expect(await st.lastDrandRound()).toBe(18446744073709551000n);
  });

  it('isInAdminFreezeWindow: fewer than AdminFreezeWindow blocks before the next epoch', async (ctx) => {
    const node = spec.get(ctx);
    const { st, put } = node;
    const block = await st.getCurrentBlock();
    const netuid = 9;
    put('subtensorModule', 'networksAdded', [netuid], true);
    put('subtensorModule', 'tempo', [netuid], 360);
    const next = (await st.getNextEpochStartBlock(netuid))!;
    put('subtensorModule', 'adminFreezeWindow', [], next - block + 1);
    expect(await st.isInAdminFreezeWindow(netuid)).toBe(true);
    put('subtensorModule', 'adminFreezeWindow', [], next - block);
    expect(await st.isInAdminFreezeWindow(netuid)).toBe(false);
  });
});
