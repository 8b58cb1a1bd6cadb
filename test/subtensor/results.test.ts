// Subtensor results are typed by construction (issue 12, point 3): no public method returns `any`
// anywhere inside its result, and the shapes the types claim are the shapes the local chain
// (spec 218, legacy layouts) really produces. The type checks run under tsc (npm run typecheck
// includes test/); the key lists below are written from the interfaces, not from the code's output.
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import { decode, encode } from '../../src/scale/index.js';
import {
  Subtensor, balance, delegateInfo, legacy, type Balance, type DelegatedInfo, type DelegateInfo, type LegacySubnetHyperparameters, type MetagraphInfo, type NeuronInfo,
  type StakeInfo, type SubnetHyperparameters, type BlockInfo, type PendingChildren, type RevealedCommitment, type TimelockedWeightCommit,
} from '../../src/subtensor/index.js';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Depth = [never, 0, 1, 2, 3, 4, 5];
/** true when `any` occurs anywhere in T (to a depth of 6: deeper than any result nests). */
type HasAny<T, D extends number = 6> = IsAny<T> extends true
  ? true
  : [D] extends [never]
    ? false
    : T extends bigint | number | string | boolean | null | undefined | Uint8Array
      ? false
      : true extends { [K in keyof T]-?: HasAny<T[K], Depth[D]> }[keyof T]
        ? true
        : false;
type Result<K extends keyof Subtensor> = Subtensor[K] extends (...a: never[]) => Promise<infer R> ? R : never;
/** Public methods whose result contains `any` (must be none). */
type WithAny = { [K in keyof Subtensor]: [Result<K>] extends [never] ? never : true extends HasAny<Result<K>> ? K : never }[keyof Subtensor];
/** Public methods whose result is `unknown` or a bare record: only the two generic escape hatches. */
type Untyped = { [K in keyof Subtensor]: unknown extends Result<K> ? K : Record<string, unknown> extends Result<K> ? K : never }[keyof Subtensor];

describe('Subtensor result types', () => {
  it('no result contains any; only runtimeApi<T> and getHyperparameter<T> are left to the caller', () => {
    expectTypeOf<HasAny<{ a: [1, { b: any }] }>>().toEqualTypeOf<true>(); // the detector detects
    expectTypeOf<HasAny<{ a: [1, { b: 2 }] }>>().toEqualTypeOf<false>();
    expectTypeOf<true extends HasAny<{ a: 1 } | { b: any[] } | null> ? 1 : 0>().toEqualTypeOf<1>(); // inside a union too
    expectTypeOf<WithAny>().toBeNever();
    expectTypeOf<Untyped>().toEqualTypeOf<'runtimeApi' | 'getHyperparameter'>();
    expect(typeof Subtensor.connect).toBe('function'); // runtime anchor; the checks above are tsc's
  });

  it('named results', () => {
    expectTypeOf<Result<'getStakeInfoForColdkey'>>().toEqualTypeOf<StakeInfo[]>();
    expectTypeOf<Result<'getStakeInfoForColdkeys'>>().toEqualTypeOf<Record<string, StakeInfo[]>>();
    expectTypeOf<Result<'getDelegates'>>().toEqualTypeOf<DelegateInfo[]>();
    expectTypeOf<Result<'getDelegated'>>().toEqualTypeOf<DelegatedInfo[]>();
    expectTypeOf<Result<'getSubnetHyperparameters'>>().toEqualTypeOf<SubnetHyperparameters | LegacySubnetHyperparameters | null>();
    expectTypeOf<Result<'getMetagraphInfo'>>().toEqualTypeOf<MetagraphInfo | null>();
    expectTypeOf<Result<'neuronForUid'>>().toEqualTypeOf<NeuronInfo | null>();
    expectTypeOf<Result<'weights'>>().toEqualTypeOf<[uid: number, entries: [number, number][]][]>();
    expectTypeOf<Result<'getStakeForColdkeyAndHotkey'>>().toEqualTypeOf<Record<number, StakeInfo | null>>();
    expectTypeOf<Result<'getDelegateByHotkey'>>().toEqualTypeOf<DelegateInfo | null>();
    expectTypeOf<Result<'getBlockInfo'>>().toEqualTypeOf<BlockInfo | null>();
    expectTypeOf<Result<'getChildrenPending'>>().toEqualTypeOf<PendingChildren>();
    expectTypeOf<Result<'getAllRevealedCommitments'>>().toEqualTypeOf<Record<string, RevealedCommitment[]>>();
    expectTypeOf<Result<'getTimelockedWeightCommits'>>().toEqualTypeOf<TimelockedWeightCommit[]>();
    expectTypeOf<Result<'getTotalStakeForHotkey'>>().toEqualTypeOf<Record<number, Balance>>();
    expectTypeOf<Result<'getTransferFee'>>().toEqualTypeOf<Balance>();
    expectTypeOf<StakeInfo['stake']>().toEqualTypeOf<Balance>();
    expectTypeOf<SubnetHyperparameters['commitRevealPeriod']>().toEqualTypeOf<bigint>();
    expectTypeOf<LegacySubnetHyperparameters['commitRevealWeightsInterval']>().toEqualTypeOf<bigint>();
    type Hp = SubnetHyperparameters | LegacySubnetHyperparameters;
    // @ts-expect-error the alpha fields exist only in the current layout: narrow first
    const unnarrowed = (hp: Hp) => hp.alphaHigh;
    const narrowed = (hp: Hp) => ('alphaHigh' in hp ? hp.alphaHigh : null);
    expectTypeOf(narrowed).returns.toEqualTypeOf<number | null>();
    expect(narrowed({ alphaHigh: 7 } as SubnetHyperparameters)).toBe(7);
    expect(unnarrowed).toBeTypeOf('function');
  });
});

const url = inject('chainUrl');
describe.skipIf(!url)('Subtensor results on the local chain have the declared keys', () => {
  let st: Subtensor;
  beforeAll(async () => {
    st = await Subtensor.connect(url);
  });
  afterAll(() => st?.close());

  it('StakeInfo (spec 218 layout: per subnet, no taoEmission)', async () => {
    const n = (await st.neuronsLite(1))[0];
    const infos = await st.getStakeInfoForColdkey(n.coldkey);
    expect(infos.length).toBeGreaterThan(0);
    for (const i of infos) {
      expect(Object.keys(i).sort()).toEqual(['coldkey', 'drain', 'emission', 'hotkey', 'isRegistered', 'locked', 'netuid', 'stake']);
      expect(i.stake.netuid).toBe(i.netuid);
    }
  });

  it('legacy hyperparameters: every field of the legacy layout, camelCased', async () => {
    const hp = await st.getSubnetHyperparameters(1);
    expect(hp).not.toBeNull();
    expect(Object.keys(hp!)).toEqual([
      'rho', 'kappa', 'immunityPeriod', 'minAllowedWeights', 'maxWeightsLimit', 'tempo', 'minDifficulty', 'maxDifficulty',
      'weightsVersion', 'weightsRateLimit', 'adjustmentInterval', 'activityCutoff', 'registrationAllowed', 'targetRegsPerInterval',
      'minBurn', 'maxBurn', 'bondsMovingAvg', 'maxRegsPerBlock', 'servingRateLimit', 'maxValidators', 'adjustmentAlpha',
      'difficulty', 'commitRevealWeightsInterval', 'commitRevealWeightsEnabled',
    ]);
  });
});

// The local chain has no delegates, so both layouts are built from hand-written raw values: the
// legacy one through its codec (bytes → decode), the current one as the finney type states it.
describe('DelegateInfo from both layouts', () => {
  const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
  const common = { delegate_ss58: ALICE, take: 11796, owner_ss58: BOB, registrations: [1], validator_permits: [1], return_per_1000: 5n, total_daily_return: 7n };
  const keys = ['delegateSs58', 'nominators', 'ownerSs58', 'registrations', 'returnPer1000', 'take', 'totalDailyReturn', 'validatorPermits'];

  it('legacy: one stake per nominator, as Balance; take as a fraction', () => {
    const raw = { ...common, nominators: [[BOB, 3_000_000_000n]] as [string, bigint][] };
    const decoded = decode(legacy.DelegateInfo, encode(legacy.DelegateInfo, raw));
    expect(decoded).toEqual(raw);
    const d = delegateInfo(decoded);
    expect(Object.keys(d).sort()).toEqual(keys);
    expect(d.take).toBeCloseTo(0.18, 4); // 11796 / 65535
    expect(d.nominators).toEqual([[BOB, balance(3_000_000_000n)]]);
    expect([d.delegateSs58, d.ownerSs58, d.returnPer1000, d.totalDailyReturn]).toEqual([ALICE, BOB, 5n, 7n]);
  });

  it('current: stake per subnet, kept as [netuid, rao]', () => {
    const d = delegateInfo({ ...common, nominators: [[BOB, [[1, 10n], [3, 20n]]]] });
    expect(Object.keys(d).sort()).toEqual(keys);
    expect(d.nominators).toEqual([[BOB, [[1, 10n], [3, 20n]]]]);
    expect(delegateInfo({ ...common, nominators: [] }).nominators).toEqual([]);
  });
});

