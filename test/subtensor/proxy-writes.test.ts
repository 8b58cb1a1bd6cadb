// Proxy writes (src/subtensor/proxy-writes.ts). On the local chain (spec 218, Proxy calls 0..9, no
// poke_deposit), with fresh accounts only: proxies stored and their deposits reserved (read back with
// getProxiesForRealAccount and polkadot.js at the same block), a Balances transfer made through a
// proxy moving the real account's funds, announcements stored/rejected/removed/executed, pure proxies
// created and killed; the runtime's named errors (NotProxy, NotFound, Unannounced, CallFiltered,
// NoPermission); proxy types checked against the runtime's enum before signing. poke_deposit and the
// newer proxy types: on a spec-393 node the submitted call is polkadot.js's encoding.
import type { ApiPromise } from '@polkadot/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, UnsupportedRuntimeError } from '../../src/subtensor/index.js';
import { UnknownProxyTypeError } from '../../src/subtensor/proxy-calls.js';
import { ExtrinsicError, composeCall, sr25519Signer, type Call, type Signer } from '../../src/substrate/index.js';
import { blake2_256, ss58Encode, toHex } from '../../src/scale/index.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');
const TAO = 1_000_000_000n;
const account = (): { signer: Signer; address: string } => {
  const signer = sr25519Signer(randomBytes(32));
  return { signer, address: ss58Encode(signer.publicKey, 42) };
};
const nobody = () => ss58Encode(randomBytes(32), 42);
const names = (r: { events: { pallet: string; name: string }[] }) => r.events.map((e) => `${e.pallet}.${e.name}`);

describe.skipIf(!url)('proxy writes on the local chain (spec 218)', () => {
  let st: Subtensor;
  let api: ApiPromise;
  let base: bigint;
  let factor: bigint;
  let annBase: bigint;
  let annFactor: bigint;
  const [real, delegate, staking, timed, spawner, stranger] = [account(), account(), account(), account(), account(), account()];
  const acct = async (hash: string, who: string) => {
    const a = ((await (await api.at(hash)).query.system.account(who)) as any).data;
    return { free: BigInt(a.free.toString()), reserved: BigInt(a.reserved.toString()) };
  };
  const pjsProxies = async (hash: string, who: string) => {
    const [list, deposit] = (await (await api.at(hash)).query.proxy.proxies(who)).toJSON() as [{ delegate: string; proxyType: string; delay: number }[], number];
    return { list, deposit: BigInt(deposit) };
  };
  const pjsAnnouncements = async (hash: string, who: string) => {
    const [list, deposit] = (await (await api.at(hash)).query.proxy.announcements(who)).toJSON() as [{ real: string; callHash: string; height: number }[], number];
    return { list, deposit: BigInt(deposit) };
  };
  const nonce = async (who: string) => Number(((await api.query.system.account(who)) as any).nonce.toString());
  const transferCall = async (dest: string, value: bigint): Promise<Call> => st.tx('Balances', 'transfer_allow_death', { dest: { type: 'Id', value: dest }, value }).call();

  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    const funded = [real, delegate, staking, timed, spawner, stranger].map((a) => [[a.address], { providers: 1, data: { free: (100n * TAO).toString() } }]);
    await st.client.rpc.request('dev_setStorage', [{ System: { Account: funded } }]);
    const c = await st.getProxyConstants();
    [base, factor, annBase, annFactor] = [c.ProxyDepositBase!.rao, c.ProxyDepositFactor!.rao, c.AnnouncementDepositBase!.rao, c.AnnouncementDepositFactor!.rao];
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  it('spec 218 has Proxy calls proxy..proxy_announced and no poke_deposit (as polkadot.js sees it); pokeDeposit is refused unsent', async () => {
    expect((await st.client.runtime()).version.specVersion).toBe(218);
    expect(Object.keys(api.tx.proxy).sort()).toEqual(['addProxy', 'announce', 'createPure', 'killPure', 'proxy', 'proxyAnnounced', 'rejectAnnouncement', 'removeAnnouncement', 'removeProxies', 'removeProxy']);
    const before = await nonce(real.address);
    const e = await st.pokeDeposit(real.signer).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnsupportedRuntimeError);
    expect((e as UnsupportedRuntimeError).specVersion).toBe(218);
    expect(await nonce(real.address)).toBe(before);
  });

  it('a proxy type the runtime lacks is UnknownProxyTypeError listing its ProxyType (spec 218 spells NonFungibile), nothing sent', async () => {
    const before = await nonce(real.address);
    for (const bad of ['Bogus', 'NonFungible', 'ChildKeys']) {
      const e = await st.addProxy(real.signer, delegate.address, bad, 0).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnknownProxyTypeError);
      expect((e as UnknownProxyTypeError).argument).toBe('proxyType');
      expect((e as UnknownProxyTypeError).value).toBe(bad);
      expect((e as UnknownProxyTypeError).allowed).toEqual(['Any', 'Owner', 'NonCritical', 'NonTransfer', 'Senate', 'NonFungibile', 'Triumvirate', 'Governance', 'Staking', 'Registration', 'Transfer', 'SmallTransfer', 'RootWeights']);
      expect((e as Error).message).toContain(`"${bad}"`);
    }
    const call = await transferCall(nobody(), 1n);
    await expect(st.proxy(delegate.signer, real.address, 'Bogus', call)).rejects.toMatchObject({ name: 'UnknownProxyTypeError', argument: 'forceProxyType' });
    expect(await nonce(real.address)).toBe(before);
  });

  it('addProxy: stored for the real account and its deposit reserved (ours and polkadot.js at the block); dryRun stores nothing', async () => {
    const dry = await st.addProxy(real.signer, delegate.address, 'Any', 0, { dryRun: true });
    expect(dry.status).toBe('dry-run');
    expect(dry.fee).toBeGreaterThan(0n);
    expect((await st.getProxiesForRealAccount(real.address)).proxies).toEqual([]);

    const r = await st.addProxy(real.signer, delegate.address, 'Any', 0);
    expect(names(r)).toContain('Proxy.ProxyAdded');
    const mine = await st.getProxiesForRealAccount(real.address, { blockHash: r.blockHash! });
    expect(mine.proxies).toEqual([{ delegate: delegate.address, proxyType: 'Any', delay: 0 }]);
    expect(mine.deposit.rao).toBe(base + factor);
    expect(await pjsProxies(r.blockHash!, real.address)).toEqual({ list: [{ delegate: delegate.address, proxyType: 'Any', delay: 0 }], deposit: base + factor });
    expect((await acct(r.blockHash!, real.address)).reserved).toBe(base + factor);

    const r2 = await st.addProxy(real.signer, staking.address, 'Staking', 0);
    const two = await st.getProxiesForRealAccount(real.address, { blockHash: r2.blockHash! });
    expect(two.proxies).toContainEqual({ delegate: staking.address, proxyType: 'Staking', delay: 0 });
    expect(two.deposit.rao).toBe(base + 2n * factor);
    expect((await acct(r2.blockHash!, real.address)).reserved).toBe(base + 2n * factor);
    await expect(st.addProxy(real.signer, delegate.address, 'Any', 0)).rejects.toMatchObject({ dispatchError: { pallet: 'Proxy', name: 'Duplicate' } });
  });

  it('proxy: the delegate makes a Balances transfer for the real account (its funds move, the delegate pays the fee)', async () => {
    const dest = nobody();
    const call = await transferCall(dest, 3n * TAO);
    const before = await st.getBlockHash();
    const [rBefore, dBefore] = [await acct(before, real.address), await acct(before, delegate.address)];
    const r = await st.proxy(delegate.signer, real.address, null, call);
    expect(r.innerError).toBeNull();
    expect(names(r)).toEqual(expect.arrayContaining(['Balances.Transfer', 'Proxy.ProxyExecuted']));
    const [rAfter, dAfter] = [await acct(r.blockHash!, real.address), await acct(r.blockHash!, delegate.address)];
    expect(rBefore.free - rAfter.free).toBe(3n * TAO);
    expect((await st.getBalance(dest, { blockHash: r.blockHash! })).rao).toBe(3n * TAO);
    expect(dBefore.free - dAfter.free).toBe(r.fee);
    // forced to the type the delegate has, the same
    const r2 = await st.proxy(delegate.signer, real.address, 'Any', await transferCall(dest, TAO));
    expect((await st.getBalance(dest, { blockHash: r2.blockHash! })).rao).toBe(4n * TAO);
  });

  it('proxy failures: NotProxy for a stranger or a type the delegate lacks; a filtered inner call is CallFiltered in innerError', async () => {
    const call = await transferCall(nobody(), TAO);
    await expect(st.proxy(stranger.signer, real.address, null, call)).rejects.toMatchObject({ name: 'ExtrinsicError', dispatchError: { pallet: 'Proxy', name: 'NotProxy' } });
    await expect(st.proxy(delegate.signer, real.address, 'Staking', call)).rejects.toMatchObject({ dispatchError: { name: 'NotProxy' } });
    const e = await st.proxy(staking.signer, real.address, 'Staking', call).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExtrinsicError);
    expect((e as ExtrinsicError).dispatchError).toMatchObject({ pallet: 'System', name: 'CallFiltered' });
    const r = await st.proxy(staking.signer, real.address, null, call, { raiseError: false });
    expect(r.success).toBe(true);
    expect(r.innerError).toMatchObject({ type: 'Module', pallet: 'System', name: 'CallFiltered' });
    const ev = (await (await api.at(r.blockHash!)).query.system.events()) as unknown as { event: { method: string; data: any[] } }[];
    expect(ev.find((x) => x.event.method === 'ProxyExecuted')!.event.data[0].isErr).toBe(true);
  });

  it('a bad inner call is refused before signing: bytes that are not one call of the runtime', async () => {
    const call = await transferCall(nobody(), TAO);
    const before = await nonce(delegate.address);
    await expect(st.proxy(delegate.signer, real.address, null, { ...call, bytes: Uint8Array.of(...call.bytes, 0) })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'call' });
    await expect(st.proxy(delegate.signer, real.address, null, { ...call, bytes: Uint8Array.of(0xfe, 0) })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'call' });
    expect(await nonce(delegate.address)).toBe(before);
  });

  it('announcements: announce reserves the deposit and is stored; proxyAnnounced early is Unannounced, after the delay it runs', async () => {
    const delay = 3;
    await st.addProxy(real.signer, timed.address, 'Any', delay);
    const dest = nobody();
    const call = await transferCall(dest, 2n * TAO);
    const hash = blake2_256(call.bytes);
    const a = await st.announceProxy(timed.signer, real.address, toHex(hash).slice(2)); // bare hex, as Python accepts
    expect(names(a)).toContain('Proxy.Announced');
    const ours = await st.getProxyAnnouncement(timed.address, { blockHash: a.blockHash! });
    expect(ours).toEqual([{ real: real.address, callHash: toHex(hash), height: a.blockNumber! }]);
    expect(await pjsAnnouncements(a.blockHash!, timed.address)).toEqual({ list: [{ real: real.address, callHash: toHex(hash), height: a.blockNumber! }], deposit: annBase + annFactor });
    expect((await acct(a.blockHash!, timed.address)).reserved).toBe(annBase + annFactor);

    await expect(st.proxyAnnounced(timed.signer, timed.address, real.address, null, call)).rejects.toMatchObject({ dispatchError: { pallet: 'Proxy', name: 'Unannounced' } });
    await st.client.rpc.request('dev_newBlock', [{ count: delay }]);
    const r = await st.proxyAnnounced(timed.signer, timed.address, real.address, null, call);
    expect(r.innerError).toBeNull();
    expect((await st.getBalance(dest, { blockHash: r.blockHash! })).rao).toBe(2n * TAO);
    expect(await st.getProxyAnnouncement(timed.address, { blockHash: r.blockHash! })).toEqual([]);
    expect((await acct(r.blockHash!, timed.address)).reserved).toBe(0n);
    // a proxy with a delay may not skip the announcement
    await expect(st.proxy(timed.signer, real.address, null, call)).rejects.toMatchObject({ dispatchError: { name: 'Unannounced' } });
  });

  it('rejectProxyAnnouncement (by the real account) and removeProxyAnnouncement (by the delegate) delete it and free the deposit', async () => {
    const c1 = await transferCall(nobody(), 1n);
    const c2 = await transferCall(nobody(), 2n);
    const a = await st.announceProxy(timed.signer, real.address, c1); // the Call itself, hashed
    await st.announceProxy(timed.signer, real.address, blake2_256(c2.bytes));
    const two = await pjsAnnouncements((await st.getBlockHash()), timed.address);
    expect(two.list.map((x) => x.callHash)).toEqual([toHex(blake2_256(c1.bytes)), toHex(blake2_256(c2.bytes))]);
    expect(two.deposit).toBe(annBase + 2n * annFactor);
    expect(a.success).toBe(true);

    const rej = await st.rejectProxyAnnouncement(real.signer, timed.address, toHex(blake2_256(c1.bytes)));
    expect((await st.getProxyAnnouncement(timed.address, { blockHash: rej.blockHash! })).map((x) => x.callHash)).toEqual([toHex(blake2_256(c2.bytes))]);
    expect((await acct(rej.blockHash!, timed.address)).reserved).toBe(annBase + annFactor);

    const rem = await st.removeProxyAnnouncement(timed.signer, real.address, c2);
    expect(await st.getProxyAnnouncement(timed.address, { blockHash: rem.blockHash! })).toEqual([]);
    expect(await pjsAnnouncements(rem.blockHash!, timed.address)).toEqual({ list: [], deposit: 0n });
    expect((await acct(rem.blockHash!, timed.address)).reserved).toBe(0n);
    await expect(st.announceProxy(stranger.signer, real.address, c1)).rejects.toMatchObject({ dispatchError: { pallet: 'Proxy', name: 'NotProxy' } });
  });

  it('removeProxy clears one (NotFound for a wrong delay); removeProxies clears all and unreserves the deposit', async () => {
    await expect(st.removeProxy(real.signer, staking.address, 'Staking', 9)).rejects.toMatchObject({ dispatchError: { pallet: 'Proxy', name: 'NotFound' } });
    const r = await st.removeProxy(real.signer, staking.address, 'Staking', 0);
    expect(names(r)).toContain('Proxy.ProxyRemoved');
    const left = await st.getProxiesForRealAccount(real.address, { blockHash: r.blockHash! });
    expect(left.proxies.map((p) => p.delegate).sort()).toEqual([delegate.address, timed.address].sort());
    expect(left.deposit.rao).toBe(base + 2n * factor);
    expect((await acct(r.blockHash!, real.address)).reserved).toBe(base + 2n * factor);

    const all = await st.removeProxies(real.signer);
    expect(await st.getProxiesForRealAccount(real.address, { blockHash: all.blockHash! })).toMatchObject({ proxies: [], deposit: { rao: 0n } });
    expect(await pjsProxies(all.blockHash!, real.address)).toEqual({ list: [], deposit: 0n });
    expect((await acct(all.blockHash!, real.address)).reserved).toBe(0n);
    await expect(st.proxy(delegate.signer, real.address, null, await transferCall(nobody(), 1n))).rejects.toMatchObject({ dispatchError: { name: 'NotProxy' } });
  });

  it('createPureProxy: PureCreated gives the account (its proxy is the spawner); killPureProxy with a wrong index is NoPermission, then kills it', async () => {
    const r = await st.createPureProxy(spawner.signer, 'Any', 0, 7);
    expect(names(r)).toContain('Proxy.PureCreated');
    const info = r.pureProxy!;
    expect(info).toMatchObject({ spawner: spawner.address, proxyType: 'Any', index: 7, height: r.blockNumber, extIndex: r.extrinsicIndex });
    const ev = ((await (await api.at(r.blockHash!)).query.system.events()) as unknown as { event: { method: string; data: any } }[]).find((x) => x.event.method === 'PureCreated')!;
    expect(ev.event.data.pure.toString()).toBe(info.pureAccount);
    expect(ev.event.data.disambiguationIndex.toNumber()).toBe(7);
    expect((await st.getProxiesForRealAccount(info.pureAccount, { blockHash: r.blockHash! })).proxies).toEqual([{ delegate: spawner.address, proxyType: 'Any', delay: 0 }]);
    expect((await acct(r.blockHash!, spawner.address)).reserved).toBe(base + factor);

    // fund the pure account, use it through the spawner
    await st.client.rpc.request('dev_setStorage', [{ System: { Account: [[[info.pureAccount], { providers: 1, data: { free: (5n * TAO).toString() } }]] } }]);
    const dest = nobody();
    const used = await st.proxy(spawner.signer, info.pureAccount, null, await transferCall(dest, TAO));
    expect((await st.getBalance(dest, { blockHash: used.blockHash! })).rao).toBe(TAO);

    const wrong = await st.killPureProxy(spawner.signer, info.pureAccount, spawner.address, 'Any', 8, info.height, info.extIndex, 'Any', { raiseError: false });
    expect(wrong.innerError).toMatchObject({ pallet: 'Proxy', name: 'NoPermission' });
    const k = await st.killPureProxy(spawner.signer, info.pureAccount, spawner.address, 'Any', info.index, info.height, info.extIndex);
    expect(k.innerError).toBeNull();
    expect(await st.getProxiesForRealAccount(info.pureAccount, { blockHash: k.blockHash! })).toMatchObject({ proxies: [], deposit: { rao: 0n } });
    expect((await acct(k.blockHash!, spawner.address)).reserved).toBe(0n);
  });
});

describe('proxy calls on a spec-393 node: the submitted call is polkadot.js\'s encoding', () => {
  const who = account();
  const [other, dest] = [nobody(), nobody()];
  const spec = useSpec393Node((node) => {
    node.put('system', 'account', [who.address], { providers: 1, data: { free: (100n * TAO).toString() } });
  });
  const submittedCall = (node: { reg: any; submitted: string[] }) => node.reg.createType('Extrinsic', node.submitted.at(-1)!);
  const pjsTx = async (reg: any) => {
    const { decorateExtrinsics } = await import('@polkadot/types/metadata/decorate');
    return decorateExtrinsics(reg, reg.metadata, 15) as any;
  };

  it('pokeDeposit, and addProxy/createPureProxy with proxy types spec 218 lacks (ChildKeys, NonFungible, RootClaim)', async (ctx) => {
    const node = spec.get(ctx);
    const tx = await pjsTx(node.reg);
    const cases: [() => Promise<unknown>, any][] = [
      [() => node.st.pokeDeposit(who.signer, { waitFor: 'none' }), tx.proxy.pokeDeposit()],
      [() => node.st.addProxy(who.signer, other, 'ChildKeys', 4, { waitFor: 'none' }), tx.proxy.addProxy({ Id: other }, 'ChildKeys', 4)],
      [() => node.st.removeProxy(who.signer, other, 'NonFungible', 0, { waitFor: 'none' }), tx.proxy.removeProxy({ Id: other }, 'NonFungible', 0)],
      [() => node.st.createPureProxy(who.signer, 'RootClaim', 2, 513, { waitFor: 'none' }), tx.proxy.createPure('RootClaim', 2, 513)],
      [() => node.st.announceProxy(who.signer, other, `0x${'ab'.repeat(32)}`, { waitFor: 'none' }), tx.proxy.announce({ Id: other }, `0x${'ab'.repeat(32)}`)],
    ];
    for (const [write, want] of cases) {
      const count = node.submitted.length;
      await write();
      expect(node.submitted.length).toBe(count + 1);
      const ext = submittedCall(node);
      expect(ext.method.toHex()).toBe(want.toHex());
      expect(ext.signer.toString()).toBe(who.address);
    }
    await expect(node.st.addProxy(who.signer, other, 'NonFungibile', 0, { waitFor: 'none' })).rejects.toMatchObject({ name: 'UnknownProxyTypeError', allowed: expect.arrayContaining(['RootClaim', 'NonFungible']) });
  });

  it('proxy, proxyAnnounced and killPureProxy wrap the inner call as polkadot.js does', async (ctx) => {
    const node = spec.get(ctx);
    const tx = await pjsTx(node.reg);
    const inner = composeCall((await node.st.client.runtime()).registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: dest }, value: 5n * TAO });
    const pjsInner = tx.balances.transferKeepAlive({ Id: dest }, (5n * TAO).toString());
    expect(toHex(inner.bytes)).toBe(pjsInner.toHex());
    const cases: [() => Promise<unknown>, any][] = [
      [() => node.st.proxy(who.signer, other, null, inner, { waitFor: 'none' }), tx.proxy.proxy({ Id: other }, null, pjsInner)],
      [() => node.st.proxy(who.signer, other, 'SmallTransfer', inner, { waitFor: 'none' }), tx.proxy.proxy({ Id: other }, 'SmallTransfer', pjsInner)],
      [() => node.st.proxyAnnounced(who.signer, dest, other, 'Transfer', inner, { waitFor: 'none' }), tx.proxy.proxyAnnounced({ Id: dest }, { Id: other }, 'Transfer', pjsInner)],
      [() => node.st.killPureProxy(who.signer, other, who.address, 'Staking', 3, 1234, 2, undefined, { waitFor: 'none' }),
        tx.proxy.proxy({ Id: other }, 'Any', tx.proxy.killPure({ Id: who.address }, 'Staking', 3, 1234, 2))],
    ];
    for (const [write, want] of cases) {
      await write();
      expect(submittedCall(node).method.toHex()).toBe(want.toHex());
    }
  });
});
