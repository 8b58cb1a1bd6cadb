// Crowdloan writes (src/subtensor/crowdloan-writes.ts). Spec 218 has no Crowdloan pallet: there
// every write is an UnsupportedRuntimeError naming the call and the spec, with nothing signed or
// sent (the funded signer's nonce and balance stay). On a spec-393 node each write submits one
// extrinsic, signed by the coldkey, whose call bytes equal polkadot.js's encoding of the same call
// (create with and without an inner call and target). Python makes no state check before sending
// (only that amounts are Balances): a write for a crowdloan that does not exist is still sent.
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InvalidArgumentError, composeCall, sr25519Signer } from '../../src/substrate/index.js';
import { ss58Encode } from '../../src/scale/index.js';
import { Subtensor, UnsupportedRuntimeError, balance } from '../../src/subtensor/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');
const TAO = 1_000_000_000n;
const key = () => {
  const s = sr25519Signer(randomAsU8a(32));
  return { s, a: ss58Encode(s.publicKey, 42) };
};
const none = { waitFor: 'none' } as const;

/** Every write, called with valid arguments (`call` is create's inner call). */
const writes = (st: Subtensor, s: ReturnType<typeof key>['s'], opts: object, call: Parameters<Subtensor['createCrowdloan']>[5] = null): [string, () => Promise<unknown>][] => [
  ['create', () => st.createCrowdloan(s, 10n * TAO, TAO, 100n * TAO, 50_000, call, null, opts)],
  ['contribute', () => st.contributeCrowdloan(s, 0, TAO, opts)],
  ['withdraw', () => st.withdrawCrowdloan(s, 0, opts)],
  ['finalize', () => st.finalizeCrowdloan(s, 0, opts)],
  ['refund', () => st.refundCrowdloan(s, 0, opts)],
  ['dissolve', () => st.dissolveCrowdloan(s, 0, opts)],
  ['update_cap', () => st.updateCapCrowdloan(s, 0, 200n * TAO, opts)],
  ['update_end', () => st.updateEndCrowdloan(s, 0, 60_000, opts)],
  ['update_min_contribution', () => st.updateMinContributionCrowdloan(s, 0, 2n * TAO, opts)],
];

describe.skipIf(!url)('crowdloan writes on the local chain (spec 218: no Crowdloan pallet)', () => {
  let st: Subtensor;
  let api: ApiPromise;
  const ck = key();
  const account = async () => {
    const a = (await api.query.system.account(ck.a)) as any;
    return { nonce: Number(a.nonce.toString()), free: BigInt(a.data.free.toString()) };
  };

  beforeAll(async () => {
    st = await Subtensor.connect(url!);
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url!), noInitWarn: true });
    await st.client.rpc.request('dev_setStorage', [{ System: { Account: [[[ck.a], { providers: 1, data: { free: (1000n * TAO).toString() } }]] } }]);
  });
  afterAll(async () => {
    await api?.disconnect();
    await st?.close();
  });

  it('the runtime really lacks the pallet (polkadot.js agrees)', () => {
    expect(api.runtimeVersion.specVersion.toNumber()).toBe(218);
    expect((api.tx as any).crowdloan).toBeUndefined();
  });

  it('every write, sent or dry-run, is UnsupportedRuntimeError naming Crowdloan.<call> and spec 218; nothing sent', async () => {
    const before = await account();
    expect(before.free).toBe(1000n * TAO);
    for (const opts of [{}, { dryRun: true }]) {
      for (const [name, send] of writes(st, ck.s, opts)) {
        const e = await send().catch((x: unknown) => x);
        expect(e, name).toBeInstanceOf(UnsupportedRuntimeError);
        expect(e).toMatchObject({ api: 'Crowdloan', method: name, specVersion: 218 });
        expect((e as Error).message).toContain('no Crowdloan pallet');
      }
    }
    expect(await account()).toEqual(before);
  });
});

describe('crowdloan writes on a spec-393 node, as polkadot.js encodes them', () => {
  const cold = key();
  const target = encodeAddress(randomAsU8a(32), 42);
  let tx: any;
  const spec = useSpec393Node(async (n) => {
    const { decorateExtrinsics } = await import('@polkadot/types/metadata/decorate');
    tx = decorateExtrinsics(n.reg, (n.reg as any).metadata, 15);
    n.put('system', 'account', [cold.a], { providers: 1, data: { free: (1000n * TAO).toString() } });
  });
  /** The one extrinsic `send` submits: its signer and call bytes, decoded by polkadot.js. */
  const sent = async (ctx: any, send: (st: Subtensor) => Promise<unknown>) => {
    const node = spec.get(ctx);
    const k = node.submitted.length;
    await send(node.st);
    expect(node.submitted.length).toBe(k + 1);
    const ext = node.reg.createType('Extrinsic', node.submitted[k]);
    expect(ext.isSigned).toBe(true);
    return { signer: ext.signer.toString(), call: u8aToHex(ext.method.toU8a()) };
  };
  const want = (c: { toU8a(): Uint8Array }) => ({ signer: cold.a, call: u8aToHex(c.toU8a()) });

  it('create without inner call or target; with both (the inner call re-encoded as polkadot.js nests it)', async (ctx) => {
    const cl = () => tx.crowdloan;
    expect(await sent(ctx, (st) => st.createCrowdloan(cold.s, 10n * TAO, balance(TAO), 100n * TAO, 50_000, null, null, none)))
      .toEqual(want(cl().create(10n * TAO, TAO, 100n * TAO, 50_000, null, null)));
    const inner = tx.subtensorModule.registerLeasedNetwork(30, null);
    const mine = await sent(ctx, async (st) => {
      const call = await st.tx('SubtensorModule', 'register_leased_network', { emissions_share: 30, end_block: null }).call();
      expect(u8aToHex(call.bytes)).toBe(u8aToHex(inner.toU8a()));
      return st.createCrowdloan(cold.s, 10n * TAO, TAO, 100n * TAO, 50_000, call, target, none);
    });
    expect(mine).toEqual(want(cl().create(10n * TAO, TAO, 100n * TAO, 50_000, inner, target)));
    const transfer = tx.balances.transferKeepAlive(target, 12_345);
    const viaCompose = await sent(ctx, async (st) => {
      const call = composeCall((await st.client.runtime()).registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: target }, value: 12_345n });
      return st.createCrowdloan(cold.s, 5n * TAO, TAO, 7n * TAO, 1234, call, null, none);
    });
    expect(viaCompose).toEqual(want(cl().create(5n * TAO, TAO, 7n * TAO, 1234, transfer, null)));
  });

  it('contribute, withdraw, finalize, refund, dissolve, update_cap/end/min_contribution; none checks the loan exists (as Python)', async (ctx) => {
    const node = spec.get(ctx);
    expect(await node.st.getCrowdloanById(7)).toBeNull();
    const cl = tx.crowdloan;
    expect(await sent(ctx, (st) => st.contributeCrowdloan(cold.s, 7, balance(3n * TAO), none))).toEqual(want(cl.contribute(7, 3n * TAO)));
    expect(await sent(ctx, (st) => st.withdrawCrowdloan(cold.s, 7, none))).toEqual(want(cl.withdraw(7)));
    expect(await sent(ctx, (st) => st.finalizeCrowdloan(cold.s, 7, none))).toEqual(want(cl.finalize(7)));
    expect(await sent(ctx, (st) => st.refundCrowdloan(cold.s, 7, none))).toEqual(want(cl.refund(7)));
    expect(await sent(ctx, (st) => st.dissolveCrowdloan(cold.s, 7, none))).toEqual(want(cl.dissolve(7)));
    expect(await sent(ctx, (st) => st.updateCapCrowdloan(cold.s, 7, 200n * TAO, none))).toEqual(want(cl.updateCap(7, 200n * TAO)));
    expect(await sent(ctx, (st) => st.updateEndCrowdloan(cold.s, 7, 2 ** 32 - 1, none))).toEqual(want(cl.updateEnd(7, 2 ** 32 - 1)));
    expect(await sent(ctx, (st) => st.updateMinContributionCrowdloan(cold.s, 7, 123n, none))).toEqual(want(cl.updateMinContribution(7, 123n)));
  });

  it('every write goes through: nine extrinsics for the nine methods', async (ctx) => {
    const node = spec.get(ctx);
    const k = node.submitted.length;
    for (const [, send] of writes(node.st, cold.s, none)) await send();
    expect(node.submitted.length).toBe(k + 9);
    const names = node.submitted.slice(k).map((h) => node.reg.createType('Extrinsic', h).method);
    expect(names.map((m) => `${m.section}.${m.method}`)).toEqual([
      'crowdloan.create', 'crowdloan.contribute', 'crowdloan.withdraw', 'crowdloan.finalize', 'crowdloan.refund', 'crowdloan.dissolve',
      'crowdloan.updateCap', 'crowdloan.updateEnd', 'crowdloan.updateMinContribution',
    ]);
  });

  it('an inner call that is not exactly one call of this runtime is refused, nothing sent', async (ctx) => {
    const node = spec.get(ctx);
    const k = node.submitted.length;
    const good = await node.st.tx('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: target }, value: 1n }).call();
    const trailing = { ...good, bytes: Uint8Array.from([...good.bytes, 0]) };
    const e = await node.st.createCrowdloan(cold.s, TAO, TAO, TAO, 10, trailing, null, none).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e).toMatchObject({ argument: 'call' });
    expect((e as Error).message).toContain('1 byte(s) left over');
    expect(node.submitted.length).toBe(k);
  });
});
