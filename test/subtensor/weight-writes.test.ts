// Weight, children, take and commitment writes (src/subtensor/weight-writes.ts, child-writes.ts)
// on the local chain (spec 218): a subnet of our own (register_network + burned_register from fresh
// keys), every effect read back with our reads and polkadot.js at the same block. Calls spec 218
// lacks (mechanism weights, Raw<n> and timelocked commitments) are compared with polkadot.js's
// encoding under the spec-393 metadata.
import type { ApiPromise } from '@polkadot/api';
import { compactAddLength, u8aConcat, u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startLocalChain, type LocalChain } from '../../scripts/local-chain.js';
import { Subtensor, UnsupportedRuntimeError, convertAndNormalizeWeightsAndUids, generateWeightHash } from '../../src/subtensor/index.js';
import { ExtrinsicError, InvalidArgumentError, sr25519Signer, type Signer } from '../../src/substrate/index.js';
import { ss58Encode } from '../../src/scale/index.js';
import { PreconditionError, composeAtHead, submitCall } from '../../src/subtensor/write.js';
import { firstRevealBlock } from '../../src/subtensor/weight-writes.js';
import { floatToU64 } from '../../src/subtensor/weight-calls.js';
import { parseCiphertext, revealRoundAfterBlocks } from '../../src/subtensor/timelock/index.js';
import { useSpec393Node, type Spec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');
const key = (): Signer & { address: string } => {
  const s = sr25519Signer(randomAsU8a(32));
  return Object.assign(s, { address: ss58Encode(s.publicKey) });
};

// A private chain (started here): this suite registers a subnet, and the shared chain's other suites
// count exactly two.
describe.skipIf(!url)('weight, children, take and commitment writes on a private local chain', () => {
  let chain: LocalChain;
  let st: Subtensor;
  let api: ApiPromise;
  let netuid: number;
  const cold = key();
  const [h0, h1, h2] = [key(), key(), key()];
  const set = (storage: object) => st.client.rpc.request('dev_setStorage', [storage]);
  const nonce = async (who: string) => ((await st.client.query('System', 'Account', [who])) as { nonce: number }).nonce;
  const sub = (item: string, key: unknown[], value: unknown) => set({ SubtensorModule: { [item]: [[key, value]] } });
  const weightsOf = async (uid: number, blockHash?: string) =>
    ((await st.client.query('SubtensorModule', 'Weights', [netuid, uid], { blockHash })) as [number, number][]);
  /** Produce blocks until `p` settles (Instant mode makes blocks only on demand). */
  async function whileMakingBlocks<T>(p: Promise<T>): Promise<T> {
    let done = false;
    p.then(() => (done = true), () => (done = true));
    while (!done) {
      await st.client.rpc.request('dev_newBlock', [{ count: 1 }]);
      await new Promise((r) => setTimeout(r, 50));
    }
    return p;
  }

  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    chain = await startLocalChain();
    api = await ApiPromise.create({ provider: new WsProvider(chain.url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(chain.url);
    const funded = (k: { address: string }) => [[k.address], { providers: 1, data: { free: (10n ** 16n).toString() } }];
    await set({ System: { Account: [cold, h0, h1, h2].map(funded) }, SubtensorModule: { NetworkRateLimit: 1 } });
    const reg = await submitCall(st, cold, await composeAtHead(st, 'SubtensorModule', 'register_network', { hotkey: h0.address, mechid: 1 }));
    const added = reg.events.find((e) => e.pallet === 'SubtensorModule' && e.name === 'NetworkAdded');
    netuid = (added!.data as [number, number])[0];
    for (const h of [h1, h2]) await submitCall(st, cold, await composeAtHead(st, 'SubtensorModule', 'burned_register', { netuid, hotkey: h.address }));
    await set({ SubtensorModule: { WeightsSetRateLimit: [[[netuid], 1]], LastUpdate: [[[netuid], [1, 1, 1]]], ValidatorPermit: [[[netuid], [true, true, true]]] } });
  }, 60_000);
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
    await chain?.stop();
  });

  it('setWeights: Python-converted u16 weights stored under the hotkey (Weights, weights(), polkadot.js)', async () => {
    expect(await st.getUidForHotkeyOnSubnet(h2.address, netuid)).toBe(2);
    const r = await st.setWeights(h0, netuid, [0, 1, 2], [0.2, 0.5, 0.3]);
    expect(r.success).toBe(true);
    const want = convertAndNormalizeWeightsAndUids([0, 1, 2], [0.2, 0.5, 0.3]);
    expect(want).toEqual({ uids: [0, 1, 2], weights: [26214, 65535, 39321] });
    const pairs = want.uids.map((u, i) => [u, want.weights[i]]);
    expect(await weightsOf(0, r.blockHash!)).toEqual(pairs);
    const pjs = (await (await api.at(r.blockHash!)).query.subtensorModule.weights(netuid, 0)).toJSON();
    expect(pjs).toEqual(pairs);
    expect((await st.weights(netuid, 0, { blockHash: r.blockHash! })).find(([uid]) => uid === 0)?.[1]).toEqual(pairs);
    const block = await api.rpc.chain.getBlock(r.blockHash!);
    const ext = block.block.extrinsics[r.extrinsicIndex!];
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.setWeights');
    expect(ext.method.args[3].toString()).toBe('10002000'); // bittensor 10.2's version_as_int
    expect(ext.signer.toString()).toBe(h0.address); // the hotkey signs
  });

  it('weight vectors Python cannot emit are refused before any request', async () => {
    const request = vi.spyOn(st.client.rpc, 'request');
    const cases: [number[], number[], string][] = [[[0, 1], [0, 0], 'weights'], [[0], [NaN], 'weights[0]'], [[0, 1], [0.5, -1], 'weights[1]'], [[0, 1], [1], 'uids/weights'], [[70000], [1], 'uids[0]']];
    for (const [u, w, arg] of cases) {
      const e = await st.setWeights(h0, netuid, u, w).catch((x) => x);
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e.argument).toBe(arg);
    }
    await expect(st.revealWeights(h0, netuid, [0], [0], [1])).rejects.toThrow(InvalidArgumentError);
    await expect(st.commitWeights(h0, netuid, [1], [0, 1], [1])).rejects.toThrow(/uids\/weights/);
    expect(request).not.toHaveBeenCalled();
    request.mockRestore();
  });

  it("Python's pre-checks: unregistered hotkey, weights rate limit; nothing is signed", async () => {
    const stranger = key();
    await expect(st.setWeights(stranger, netuid, [0], [1])).rejects.toMatchObject({ name: 'PreconditionError', check: 'registration' });
    await sub('WeightsSetRateLimit', [netuid], 100_000);
    const before = await nonce(h1.address);
    const e = await st.setWeights(h1, netuid, [0], [1]).catch((x) => x);
    expect(e).toBeInstanceOf(PreconditionError);
    expect(e.check).toBe('rate-limit');
    expect(await nonce(h1.address)).toBe(before);
  });

  it('two concurrent setWeights: both pass the pre-check, the runtime refuses the second (SettingWeightsTooFast)', async () => {
    await set({ SubtensorModule: { WeightsSetRateLimit: [[[netuid], 3]], LastUpdate: [[[netuid], [0, 0, 0]]] } });
    const results = await Promise.allSettled([st.setWeights(h1, netuid, [0, 1], [1, 1]), st.setWeights(h1, netuid, [2], [1])]);
    expect(results.map((x) => x.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(ExtrinsicError);
    expect(failed.reason.dispatchError.name).toBe('SettingWeightsTooFast');
    const ok = results.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<{ blockHash: string }>;
    expect((await weightsOf(1, ok.value.blockHash)).length).toBeGreaterThan(0);
    await sub('WeightsSetRateLimit', [netuid], 1);
  });

  it('commitWeights + revealWeights (CR v2): the runtime checks generateWeightHash; a wrong salt is refused', async () => {
    await set({ SubtensorModule: { CommitRevealWeightsEnabled: [[[netuid], true]], Tempo: [[[netuid], 6]], RevealPeriodEpochs: [[[netuid], 1]], LastUpdate: [[[netuid], [1, 1, 1]]] } });
    const { uids, weights } = convertAndNormalizeWeightsAndUids([0, 1], [0.25, 1]);
    const salt = [7, 8, 9, 10];
    const c = await st.commitWeights(h2, netuid, salt, uids, weights);
    const commits = (await st.client.query('SubtensorModule', 'WeightCommits', [netuid, h2.address], { blockHash: c.blockHash! })) as [Uint8Array, bigint, bigint, bigint][];
    const [hash, commitBlock, firstReveal] = commits.at(-1)!;
    expect(`0x${Buffer.from(hash).toString('hex')}`).toBe(generateWeightHash({ address: h2.address, netuid, uids, values: weights, salt, versionKey: 10002000n }));
    expect(Number(commitBlock)).toBe(c.blockNumber);
    expect(await firstRevealBlock(st, netuid, 0, c.blockNumber!)).toBe(Number(firstReveal));
    await whileMakingBlocks(st.waitForBlock(Number(firstReveal)));
    const wrong = await st.revealWeights(h2, netuid, uids, weights, [1, 2, 3, 4]).catch((x) => x);
    expect(wrong).toBeInstanceOf(ExtrinsicError);
    expect(wrong.dispatchError.name).toMatch(/HashNotMatch|NoWeightsCommitFound/);
    const r = await st.revealWeights(h2, netuid, uids, weights, salt);
    expect(await weightsOf(2, r.blockHash!)).toEqual([[0, weights[0]], [1, weights[1]]]);
  }, 60_000);

  it('setWeights on a commit-reveal subnet of a CR v2 runtime: commit, wait for the reveal epoch, reveal', async () => {
    await sub('LastUpdate', [netuid], [1, 1, 1]);
    const r = await whileMakingBlocks(st.setWeights(h0, netuid, [1, 2], [0.5, 0.25]));
    expect(r.success).toBe(true);
    const block = await api.rpc.chain.getBlock(r.blockHash!);
    expect(block.block.extrinsics[r.extrinsicIndex!].method.method).toBe('revealWeights');
    expect(await weightsOf(0, r.blockHash!)).toEqual([[1, 65535], [2, 32768]]);
    await sub('CommitRevealWeightsEnabled', [netuid], false);
    const e = await st.commitWeights(h0, netuid, [1], [0], [65535]).catch((x) => x);
    expect(e).toBeInstanceOf(ExtrinsicError);
    expect(e.dispatchError.name).toBe('CommitRevealDisabled');
  }, 60_000);

  it('setChildren: proportions as float_to_u64 (spec 218 sets ChildKeys at once: getChildren, polkadot.js)', async () => {
    const bad = await st.setChildren(cold, h0.address, netuid, [[0.5, h0.address]]).catch((x) => x);
    expect(bad).toBeInstanceOf(ExtrinsicError);
    expect(bad.dispatchError.name).toBe('InvalidChild'); // a hotkey cannot be its own child
    const r = await st.setChildren(cold, h0.address, netuid, [[0.25, h1.address], [0.3, h2.address]]);
    const kids = await st.getChildren(h0.address, netuid, { blockHash: r.blockHash! });
    expect(floatToU64(0.3, 'p')).toBe(5534023222112865484n); // Decimal('0.3') * (2^64 - 1), truncated
    expect(floatToU64(0.25, 'p')).toBe(4611686018427387903n);
    expect(kids.map((c) => [c.proportionU64, c.hotkey])).toEqual([[4611686018427387903n, h1.address], [5534023222112865484n, h2.address]]);
    const pjs = (await (await api.at(r.blockHash!)).query.subtensorModule.childKeys(h0.address, netuid)).toJSON() as [string, string][];
    expect(pjs.map(([p, k]) => [BigInt(p), k])).toEqual(kids.map((c) => [c.proportionU64, c.hotkey]));
    const soon = await st.setChildren(cold, h0.address, netuid, []).catch((x) => x);
    expect(soon).toBeInstanceOf(ExtrinsicError);
    expect(soon.dispatchError.name).toBe('TxRateLimitExceeded');
  });

  it('setChildkeyTake and setDelegateTake (decrease, unchanged → nothing sent, increase, then rate-limited)', async () => {
    const c = await st.setChildkeyTake(cold, h1.address, netuid, 0.1);
    expect(await st.client.query('SubtensorModule', 'ChildkeyTake', [h1.address, netuid], { blockHash: c.blockHash! })).toBe(6553);
    const before = await st.getDelegateTake(h0.address);
    expect(before).toBeGreaterThan(0.1);
    const d = await st.setDelegateTake(cold, h0.address, 0.1);
    expect((await api.rpc.chain.getBlock(d!.blockHash!)).block.extrinsics[d!.extrinsicIndex!].method.method).toBe('decreaseTake');
    expect(await st.getDelegateTake(h0.address, { blockHash: d!.blockHash! })).toBe(6553 / 65535);
    const n = await nonce(cold.address);
    expect(await st.setDelegateTake(cold, h0.address, 0.1)).toBeNull();
    expect(await nonce(cold.address)).toBe(n);
    const up = await st.setDelegateTake(cold, h0.address, 0.15);
    expect((await api.rpc.chain.getBlock(up!.blockHash!)).block.extrinsics[up!.extrinsicIndex!].method.method).toBe('increaseTake');
    expect(await st.getDelegateTake(h0.address, { blockHash: up!.blockHash! })).toBe(Math.trunc(0.15 * 65535) / 65535);
    const again = await st.setDelegateTake(cold, h0.address, 0.16).catch((x) => x);
    expect(again).toBeInstanceOf(ExtrinsicError);
    expect(again.dispatchError.name).toBe('DelegateTxRateLimitExceeded');
  });

  it('setCommitment: one Raw field read back with getCommitment; setRevealCommitment needs a timelock runtime', async () => {
    const r = await st.setCommitment(h1, netuid, 'weights-writes ✓');
    expect(await st.getCommitment(netuid, 1, { blockHash: r.blockHash! })).toBe('weights-writes ✓');
    const pjs = (await (await api.at(r.blockHash!)).query.commitments.commitmentOf(netuid, h1.address)).toJSON() as { info: { fields: Record<string, string>[] } };
    expect(pjs.info.fields).toHaveLength(1);
    expect(Buffer.from(Object.values(pjs.info.fields[0])[0].slice(2), 'hex').toString()).toBe('weights-writes ✓');
    const n = await nonce(h1.address);
    await expect(st.setRevealCommitment(h1, netuid, 'later')).rejects.toThrow(UnsupportedRuntimeError);
    expect(await nonce(h1.address)).toBe(n);
  });
});


describe('weight and commitment calls spec 218 lacks: bytes equal polkadot.js under the spec-393 metadata', () => {
  const hot = key();
  const [n, cr] = [5, 6];
  const spec = useSpec393Node((node) => {
    for (const netuid of [n, cr]) {
      node.put('subtensorModule', 'networksAdded', [netuid], true);
      node.put('subtensorModule', 'uids', [netuid, hot.address], 3);
      node.put('subtensorModule', 'lastUpdate', [netuid], [0, 0, 0, 0]);
      node.put('subtensorModule', 'weightsSetRateLimit', [netuid], 100);
    }
    node.put('subtensorModule', 'commitRevealWeightsEnabled', [cr], true);
    node.put('subtensorModule', 'commitRevealWeightsEnabled', [n], false);
    node.answerCall('SubnetInfoRuntimeApi', 'get_subnet_hyperparams', '0x0600', { tempo: 99, commit_reveal_period: 3, commit_reveal_weights_enabled: true });
  });
  /** The one extrinsic sent since `from`, its call re-encoded by polkadot.js, next to polkadot.js's own call. */
  function sentCall(node: Spec393Node, from: number, section: string, method: string, args: unknown[]) {
    expect(node.submitted.length).toBe(from + 1);
    const ext = node.reg.createType('Extrinsic', node.submitted[from]);
    expect(ext.signer.toString()).toBe(hot.address);
    const fn = (node.reg as any).findMetaCall(ext.method.callIndex);
    expect(`${fn.section}.${fn.method}`).toBe(`${section}.${method}`);
    const want = node.reg.createType('Call', { callIndex: ext.method.callIndex, args }, fn.meta);
    return { got: u8aToHex(ext.method.toU8a()), want: u8aToHex(want.toU8a()), ext };
  }

  it('setWeights / commitWeights / revealWeights send the mechanism calls (mecid), as Python 10.2', async (ctx) => {
    const node = spec.get(ctx);
    let from = node.submitted.length;
    await node.st.setWeights(hot, n, [0, 1, 2], [0.2, 0.5, 0.3], { mechid: 1, waitFor: 'none' });
    let c = sentCall(node, from, 'subtensorModule', 'setMechanismWeights', [n, 1, [0, 1, 2], [26214, 65535, 39321], 10002000]);
    expect(c.got).toBe(c.want);
    const salt = [3, 1, 4, 1, 5];
    from = node.submitted.length;
    await node.st.commitWeights(hot, n, salt, [0, 1], [65535, 21845], { mechid: 2, versionKey: 7n, waitFor: 'none' });
    const hash = generateWeightHash({ address: hot.address, netuid: n, mechid: 2, uids: [0, 1], values: [65535, 21845], salt, versionKey: 7n });
    c = sentCall(node, from, 'subtensorModule', 'commitMechanismWeights', [n, 2, hash]);
    expect(c.got).toBe(c.want);
    expect(c.ext.era.asMortalEra.period.toNumber()).toBe(16); // Python's commit period
    from = node.submitted.length;
    await node.st.revealWeights(hot, n, [0, 1], [65535, 21845], salt, { mechid: 2, versionKey: 7n, waitFor: 'none' });
    c = sentCall(node, from, 'subtensorModule', 'revealMechanismWeights', [n, 2, [0, 1], [65535, 21845], salt, 7]);
    expect(c.got).toBe(c.want);
  });

  it('a commit-reveal subnet on a timelocked runtime gets a timelocked commit (issue 16), as Python\'s set_weights does', async (ctx) => {
    const node = spec.get(ctx);
    const from = node.submitted.length;
    const r = await node.st.setWeights(hot, cr, [0, 2], [1, 3], { waitFor: 'none', versionKey: 3n }) as Awaited<ReturnType<typeof node.st.commitTimelockedWeights>>;
    expect(node.submitted.length).toBe(from + 1);
    const ext = node.reg.createType('Extrinsic', node.submitted[from]);
    expect(ext.signer.toString()).toBe(hot.address);
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.commitTimelockedMechanismWeights');
    const args = ext.method.toJSON().args as { netuid: number; mecid: number; reveal_round: number; commit: string };
    expect([args.netuid, args.mecid, args.reveal_round]).toEqual([cr, 0, r.revealRound]);
    expect(args.commit).toBe(`0x${Buffer.from(r.commit).toString('hex')}`);
  });

  it('setCommitment uses Raw<n>; setRevealCommitment a TimelockEncrypted field with the drand round', async (ctx) => {
    const node = spec.get(ctx);
    let from = node.submitted.length;
    await node.st.setCommitment(hot, n, 'abc', { waitFor: 'none' });
    let c = sentCall(node, from, 'commitments', 'setCommitment', [n, { fields: [{ Raw3: 'abc' }] }]);
    expect(c.got).toBe(c.want);
    await expect(node.st.setCommitment(hot, n, 'x'.repeat(129), { waitFor: 'none' })).rejects.toMatchObject({ argument: 'data' });
    from = node.submitted.length;
    const r = await node.st.setRevealCommitment(hot, n, 'secret', { blocksUntilReveal: 40, blockTime: 12, waitFor: 'none' });
    const round = revealRoundAfterBlocks({ blocksUntilReveal: 40, blockTime: 12 });
    expect(Math.abs(r.revealRound - round)).toBeLessThanOrEqual(1);
    const ct = parseCiphertext(r.encrypted);
    expect(ct.sealed.length).toBe(1 + 6 + 16); // SCALE 'secret' (compact length + 6 bytes) + GCM tag
    expect(Buffer.from(ct.cipherSuite).toString()).toBe('AES_GCM_');
    // polkadot.js maps this enum to its identity `Data` (no TimelockEncrypted variant), so the
    // expected bytes are built from the metadata's variant index and polkadot.js's field codecs
    const reg = node.reg;
    const data = reg.lookup.types.find((t) => t.type.path.join('::') === 'pallet_commitments::types::Data')!;
    const variant = data.type.def.asVariant.variants.find((v) => v.name.toString() === 'TimelockEncrypted')!;
    expect(variant.fields.map((f) => f.name.toString())).toEqual(['encrypted', 'reveal_round']);
    const ext = reg.createType('Extrinsic', node.submitted[from]);
    const want = u8aConcat(ext.method.callIndex, reg.createType('u16', n).toU8a(), reg.createType('Compact<u32>', 1).toU8a(),
      [variant.index.toNumber()], compactAddLength(r.encrypted), reg.createType('u64', r.revealRound).toU8a());
    expect(node.submitted.length).toBe(from + 1);
    expect(node.submitted[from].endsWith(u8aToHex(want).slice(2))).toBe(true);
  });
});
