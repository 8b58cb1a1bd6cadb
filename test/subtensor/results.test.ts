// Subtensor results are typed by construction (issue 12, point 3): no public method returns `any`
// anywhere inside its result, and the shapes the types claim are the shapes the local chain
// (spec 218, legacy layouts) really produces. The type checks run under tsc (npm run typecheck
// includes test/); the key lists below are written from the interfaces, not from the code's output.
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import {
  Subtensor, type Balance, type DelegatedInfo, type DelegateInfo, type LegacySubnetHyperparameters, type MetagraphInfo, type NeuronInfo,
  type StakeInfo, type SubnetHyperparameters,
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

  it('DelegateInfo fields, when the chain has delegates', async () => {
    const delegates = await st.getDelegates();
    for (const d of delegates) {
      expect(Object.keys(d).sort()).toEqual(['delegateSs58', 'nominators', 'ownerSs58', 'registrations', 'returnPer1000', 'take', 'totalDailyReturn', 'validatorPermits']);
      expect(d.take).toBeGreaterThanOrEqual(0);
      expect(d.take).toBeLessThanOrEqual(1);
    }
  });
});
