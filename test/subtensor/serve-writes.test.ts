// Registration and serving writes (src/subtensor/serve-writes.ts). The IP encoding against vectors;
// every write on a private local chain (raonet spec 218, its own chopsticks: a new subnet would
// change the subnet count other files assert on the shared one), each effect read back with
// polkadot.js at the receipt's block; calls spec 218 lacks or shapes differently, byte-compared with
// polkadot.js's encoding on a spec-393 node.
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex, u8aToString } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalChain, type LocalChain } from '../../scripts/local-chain.js';
import { ExtrinsicError, InvalidArgumentError, sr25519Signer, type ExtrinsicReceipt } from '../../src/substrate/index.js';
import { ss58Encode } from '../../src/scale/index.js';
import { Subtensor } from '../../src/subtensor/index.js';
import { PreconditionError } from '../../src/subtensor/write.js';
import { BITTENSOR_VERSION_AS_INT, ipToInt, ipVersion, parseIp } from '../../src/subtensor/serve-calls.js';
import { ipToString } from '../../src/subtensor/convert.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const url = inject('chainUrl');
const key = () => {
  const s = sr25519Signer(randomAsU8a(32));
  return { s, a: ss58Encode(s.publicKey, 42) };
};

describe('ipToInt / ipVersion (Python net.ip_to_int, ip_version)', () => {
  it('IPv4 and IPv6 text forms as netaddr reads them', () => {
    const v: [string, bigint, 4 | 6][] = [
      ['1.2.3.4', 16909060n, 4], ['0.0.0.0', 0n, 4], ['255.255.255.255', 2n ** 32n - 1n, 4], ['192.168.0.1', 3232235521n, 4],
      ['::', 0n, 6], ['::1', 1n, 6], ['2001:db8::1', 0x20010db8000000000000000000000001n, 6],
      ['::ffff:1.2.3.4', 0xffff01020304n, 6], ['FFFF:0:0:0:0:0:0:ABCD', (0xffffn << 112n) | 0xabcdn, 6],
      ['1:2:3:4:5:6:7::', 0x00010002000300040005000600070000n, 6], ['fe80::1:2', 0xfe800000000000000000000000010002n, 6],
    ];
    for (const [ip, n, t] of v) {
      expect([ipToInt(ip), ipVersion(ip)]).toEqual([n, t]);
      expect(parseIp(ip)).toEqual({ ip: n, ipType: t });
    }
  });

  it('round-trips with ipToString for random addresses', () => {
    for (let i = 0; i < 200; i++) {
      const b = randomAsU8a(16);
      const n6 = BigInt(u8aToHex(b));
      expect(ipToInt(ipToString(n6, 6))).toBe(n6);
      const n4 = BigInt(u8aToHex(b.slice(0, 4)));
      expect(ipToInt(ipToString(n4, 4))).toBe(n4);
    }
  });

  it('refuses what inet_pton refuses, naming the argument', () => {
    const bad = ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4:80', 'localhost', '1::2::3', ':::', '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8::', '12345::', 'g::1', '::1.2.3', '1.2.3.4::', 'fe80::1%eth0', ' 1.2.3.4'];
    for (const ip of bad) expect(() => parseIp(ip, 'axon.ip'), ip).toThrow(InvalidArgumentError);
    expect(() => parseIp(5)).toThrow(/ip: expected an IPv4/);
  });
});

describe.skipIf(!url)('registration and serving on a private local chain (spec 218)', () => {
  let chain: LocalChain;
  let st: Subtensor;
  let api: ApiPromise;
  let netuid: number;
  const cold = key();
  const [owner, h1, h2, h3, h4, h5] = [0, 1, 2, 3, 4, 5].map(key);
  const poor = key();
  const at = async (r: ExtrinsicReceipt) => api.at(r.blockHash!);
  const before = async (r: ExtrinsicReceipt) => api.at((await api.rpc.chain.getHeader(r.blockHash!)).parentHash);
  const nonce = async (a: string) => ((await api.query.system.account(a)) as any).nonce.toNumber();
  const free = async (a: string, pjs: any) => BigInt((await pjs.query.system.account(a)).data.free.toString());
  /** A pre-check refusal: PreconditionError `check`, and the signer's nonce unchanged (nothing sent). */
  const refused = async (p: () => Promise<unknown>, check: string, who: string) => {
    const n = await nonce(who);
    const e = await p().catch((x: unknown) => x) as PreconditionError;
    expect(e).toBeInstanceOf(PreconditionError);
    expect(e.check).toBe(check);
    expect(await nonce(who)).toBe(n);
  };
  const failsWith = async (p: Promise<unknown>, name: string) => {
    const e = await p.catch((x: unknown) => x) as ExtrinsicError;
    expect(e).toBeInstanceOf(ExtrinsicError);
    expect(e.dispatchError?.name).toBe(name);
  };

  beforeAll(async () => {
    chain = await startLocalChain();
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(chain.url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(chain.url);
    const fund = (a: string, free: string) => [[a], { providers: 1, data: { free } }];
    await st.client.rpc.request('dev_setStorage', [{
      System: { Account: [fund(cold.a, '5000000000000'), ...[h1, h2, h3, h4].map((h) => fund(h.a, '10000000000')), fund(poor.a, '100000000')] },
      SubtensorModule: { NetworkRateLimit: 1 }, // genesis registered at block 0 with a 10-block limit
    }]);
    const r = await st.registerSubnet(cold.s, owner.a);
    const added = r.events.find((e) => e.pallet === 'SubtensorModule' && e.name === 'NetworkAdded')!;
    netuid = (added.data as number[])[0];
    await st.client.rpc.request('dev_setStorage', [{ SubtensorModule: { TargetRegistrationsPerInterval: [[[netuid], 20]] } }]);
  }, 90_000);
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
    await chain?.stop();
  });

  it('registerSubnet: NetworkAdded, the subnet and its owner in storage, the lock cost paid', async () => {
    expect(netuid).toBe(2);
    expect(await st.subnetExists(netuid)).toBe(true);
    const pjs = await api.at(await st.getBlockHash());
    expect((await pjs.query.subtensorModule.networksAdded(netuid)).toJSON()).toBe(true);
    expect((await pjs.query.subtensorModule.subnetOwner(netuid)).toString()).toBe(cold.a);
    expect(await st.getUidForHotkeyOnSubnet(owner.a, netuid)).toBe(0);
    expect((await pjs.query.subtensorModule.uids(netuid, owner.a)).toJSON()).toBe(0);
    const cost = await st.getSubnetBurnCost();
    await refused(() => st.registerSubnet(poor.s, h5.a), 'balance', poor.a);
    const dry = await st.registerSubnet(cold.s, h5.a, { dryRun: true });
    expect(dry.status).toBe('dry-run');
    expect(await st.getTotalSubnets()).toBe(3);
    expect(cost.rao).toBeGreaterThan(0n);
  });

  it('burnedRegister: a uid assigned, Burn recycled from the coldkey; already registered → null, nothing sent', async () => {
    const r = (await st.burnedRegister(cold.s, netuid, h1.a))!;
    expect(r.success).toBe(true);
    const [then, now] = [await before(r), await at(r)];
    const burn = BigInt((await then.query.subtensorModule.burn(netuid)).toString());
    expect(await free(cold.a, then) - (await free(cold.a, now))).toBe(burn + r.fee!);
    expect((await now.query.subtensorModule.uids(netuid, h1.a)).toJSON()).toBe(1);
    expect(await st.getUidForHotkeyOnSubnet(h1.a, netuid, { blockHash: r.blockHash! })).toBe(1);
    expect((await now.query.subtensorModule.owner(h1.a)).toString()).toBe(cold.a);
    const n = await nonce(cold.a);
    expect(await st.burnedRegister(cold.s, netuid, h1.a)).toBeNull();
    expect(await st.burnedRegister(cold.s, netuid, owner.a)).toBeNull();
    expect(await nonce(cold.a)).toBe(n);
    await refused(() => st.burnedRegister(cold.s, 77, h2.a), 'subnet', cold.a);
    // Python makes no balance check here: the runtime refuses
    await failsWith(st.burnedRegister(poor.s, netuid, h5.a), 'NotEnoughBalanceToStake');
    // registration pays no fee on spec 218 (Pays::No); the dry run prices it the same, sends nothing
    const dry = (await st.burnedRegister(cold.s, netuid, h2.a, { dryRun: true }))!;
    expect([dry.status, dry.fee, await st.getUidForHotkeyOnSubnet(h2.a, netuid)]).toEqual(['dry-run', r.fee, null]);
  });

  it('register (PoW): already registered → null; else refused before signing', async () => {
    expect(await st.register(cold.s, netuid, h1.a)).toBeNull();
    await refused(() => st.register(cold.s, netuid, h5.a), 'pow-not-supported', cold.a);
    await refused(() => st.register(cold.s, 77, h5.a), 'subnet', cold.a);
  });

  it('serveAxon: Axons holds ip/port/type/protocol/version; same fields → null; rate limit and unregistered as runtime errors', async () => {
    const r = (await st.serveAxon(h1.s, netuid, { ip: '1.2.3.4', port: 8091 }))!;
    const axon = (await (await at(r)).query.subtensorModule.axons(netuid, h1.a)).toJSON() as Record<string, number>;
    expect(axon).toMatchObject({ ip: 16909060, port: 8091, ipType: 4, protocol: 4, version: BITTENSOR_VERSION_AS_INT, placeholder1: 0, placeholder2: 0 });
    expect((await st.getNeuronForPubkeyAndSubnet(h1.a, netuid, { blockHash: r.blockHash! }))!.axonInfo).toMatchObject({ ip: '1.2.3.4', port: 8091, ipType: 4, protocol: 4 });
    const n = await nonce(h1.a);
    expect(await st.serveAxon(h1.s, netuid, { ip: '1.2.3.4', port: 8091 })).toBeNull();
    expect(await nonce(h1.a)).toBe(n);
    await failsWith(st.serveAxon(h1.s, netuid, { ip: '1.2.3.4', port: 8092 }), 'ServingRateLimitExceeded');
    await failsWith(st.serveAxon(h4.s, netuid, { ip: '1.2.3.4', port: 8091 }), 'HotKeyNotRegisteredInNetwork');
    const soft = (await st.serveAxon(h4.s, netuid, { ip: '1.2.3.4', port: 8091 }, null, { raiseError: false }))!;
    expect([soft.success, soft.dispatchError?.name]).toEqual([false, 'HotKeyNotRegisteredInNetwork']);
  });

  it('serveAxon with a certificate: serve_axon_tls, NeuronCertificates holds algorithm and key; IPv6', async () => {
    await st.burnedRegister(cold.s, netuid, h2.a);
    const cert = `${String.fromCharCode(1)}${'k'.repeat(32)}`;
    const r = (await st.serveAxon(h2.s, netuid, { ip: '2001:db8::7', port: 443, protocol: 3, version: 7, placeholder1: 5 }, cert))!;
    const pjs = await at(r);
    expect((await pjs.query.subtensorModule.axons(netuid, h2.a)).toJSON()).toMatchObject({
      ip: `0x${(0x20010db8000000000000000000000007n).toString(16)}`, port: 443, ipType: 6, protocol: 3, version: 7, placeholder1: 5, placeholder2: 0,
    });
    const c = (await pjs.query.subtensorModule.neuronCertificates(netuid, h2.a)).toJSON() as { publicKey: string; algorithm: number };
    expect([c.algorithm, u8aToString(Buffer.from(c.publicKey.slice(2), 'hex'))]).toEqual([1, 'k'.repeat(32)]);
    expect(r.events.some((e) => e.name === 'AxonServed')).toBe(true);
  });

  it('servePrometheus: Prometheus holds the endpoint; same → null', async () => {
    const r = (await st.servePrometheus(h1.s, netuid, { ip: '::ffff:1.2.3.4', port: 9090 }))!;
    expect((await (await at(r)).query.subtensorModule.prometheus(netuid, h1.a)).toJSON()).toMatchObject({
      ip: 0xffff01020304, port: 9090, ipType: 6, version: BITTENSOR_VERSION_AS_INT, block: (await api.rpc.chain.getHeader(r.blockHash!)).number.toNumber(),
    });
    expect(await st.servePrometheus(h1.s, netuid, { ip: '::ffff:1.2.3.4', port: 9090 })).toBeNull();
    await failsWith(st.servePrometheus(h4.s, netuid, { ip: '1.2.3.4', port: 9090 }), 'HotKeyNotRegisteredInNetwork');
  });

  it('rootRegister: a uid on root; already there → null; too poor for Burn → refused', async () => {
    const r = (await st.rootRegister(cold.s, h1.a))!;
    const uid = (await (await at(r)).query.subtensorModule.uids(0, h1.a)).toJSON();
    expect(typeof uid).toBe('number');
    expect(await st.getUidForHotkeyOnSubnet(h1.a, 0)).toBe(uid);
    expect(await st.rootRegister(cold.s, h1.a)).toBeNull();
    await refused(() => st.rootRegister(poor.s, h5.a), 'balance', poor.a);
  });

  it('setSubnetIdentity: SubnetIdentities holds the texts spec 218 takes; the others refused when set; the owner only', async () => {
    const r = await st.setSubnetIdentity(cold.s, netuid, { subnetName: 'servé', githubRepo: 'https://github.com/x/y', subnetContact: 'a@b.c' });
    const raw = (await (await at(r)).query.subtensorModule.subnetIdentities(netuid)).toJSON() as Record<string, string>;
    const id = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, u8aToString(Buffer.from(v.slice(2), 'hex'))]));
    expect(id).toEqual({ subnetName: 'servé', githubRepo: 'https://github.com/x/y', subnetContact: 'a@b.c' });
    await refused(() => st.setSubnetIdentity(cold.s, netuid, { subnetName: 'x', subnetUrl: 'https://x' }), 'runtime', cold.a);
    await failsWith(st.setSubnetIdentity(h1.s, netuid, { subnetName: 'not mine' }), 'NotSubnetOwner');
  });

  it('swapHotkey: the uid and ownership move to the new hotkey; a netuid refused on spec 218; a stranger refused by the runtime', async () => {
    await st.burnedRegister(cold.s, netuid, h3.a);
    const uid = await st.getUidForHotkeyOnSubnet(h3.a, netuid);
    await refused(() => st.swapHotkey(cold.s, h3.a, h5.a, { netuid }), 'runtime', cold.a);
    await failsWith(st.swapHotkey(poor.s, h3.a, h5.a), 'NonAssociatedColdKey');
    const r = await st.swapHotkey(cold.s, h3.a, h5.a);
    const pjs = await at(r);
    expect((await pjs.query.subtensorModule.uids(netuid, h5.a)).toJSON()).toBe(uid);
    expect((await pjs.query.subtensorModule.uids(netuid, h3.a)).toJSON()).toBeNull();
    expect((await pjs.query.subtensorModule.owner(h5.a)).toString()).toBe(cold.a);
  });

  it('startCall: spec 218 has no start_call, refused before signing as not supported by this runtime', async () => {
    const n = await nonce(cold.a);
    await expect(st.startCall(cold.s, netuid)).rejects.toThrow(/SubtensorModule\.start_call is not supported on this runtime \(spec 218\)/);
    expect(await nonce(cold.a)).toBe(n);
  });
});

describe('calls spec 218 lacks or shapes differently, as polkadot.js encodes them with spec-393 metadata', () => {
  const cold = key();
  const hot = key();
  const other = encodeAddress(randomAsU8a(32), 42);
  let tx: any;
  const spec = useSpec393Node(async (n) => {
    const { decorateExtrinsics } = await import('@polkadot/types/metadata/decorate');
    tx = decorateExtrinsics(n.reg, (n.reg as any).metadata, 15);
    n.put('system', 'account', [cold.a], { providers: 1, data: { free: '5000000000000' } });
    n.put('subtensorModule', 'networksAdded', [7], true);
    n.put('subtensorModule', 'burn', [0], '1000000000');
    n.answerCall('SubnetRegistrationRuntimeApi', 'get_network_registration_cost', '0x', '1000000000');
    // the recorded replay has no chain_getFinalizedHead (signing anchors on it): answer with the head
    const rpc = n.st.client.rpc as unknown as { request: (m: string, p: unknown[], o?: unknown) => Promise<unknown> };
    const request = rpc.request.bind(rpc);
    rpc.request = (m, p, o) => request(m === 'chain_getFinalizedHead' ? 'chain_getBlockHash' : m, p, o);
  });
  /** The one extrinsic `send` submits: its signer and its call bytes, decoded by polkadot.js. */
  const sent = async (ctx: any, send: (st: Subtensor) => Promise<unknown>) => {
    const node = spec.get(ctx);
    const k = node.submitted.length;
    await send(node.st);
    expect(node.submitted.length).toBe(k + 1);
    const ext = node.reg.createType('Extrinsic', node.submitted[k]);
    return { signer: ext.signer.toString(), call: u8aToHex(ext.method.toU8a()) };
  };
  const none = { waitFor: 'none' } as const;
  const sm = () => tx.subtensorModule;

  it('startCall, registerSubnet (no mechid), burnedRegister, rootRegister: coldkey-signed', async (ctx) => {
    expect(await sent(ctx, (st) => st.startCall(cold.s, 7, none))).toEqual({ signer: cold.a, call: u8aToHex(sm().startCall(7).toU8a()) });
    expect(await sent(ctx, (st) => st.registerSubnet(cold.s, hot.a, none))).toEqual({ signer: cold.a, call: u8aToHex(sm().registerNetwork(hot.a).toU8a()) });
    expect(await sent(ctx, (st) => st.burnedRegister(cold.s, 7, hot.a, none))).toEqual({ signer: cold.a, call: u8aToHex(sm().burnedRegister(7, hot.a).toU8a()) });
    expect(await sent(ctx, (st) => st.rootRegister(cold.s, hot.a, none))).toEqual({ signer: cold.a, call: u8aToHex(sm().rootRegister(hot.a).toU8a()) });
  });

  it('setSubnetIdentity with all nine fields of V3', async (ctx) => {
    const id = { subnetName: 'n', githubRepo: 'g', subnetContact: 'c', subnetUrl: 'u', logoUrl: 'l', discord: 'd', description: 'ds', additional: 'a' };
    const want = sm().setSubnetIdentity(7, 'n', 'g', 'c', 'u', 'd', 'ds', 'l', 'a');
    expect(await sent(ctx, (st) => st.setSubnetIdentity(cold.s, 7, id, none))).toEqual({ signer: cold.a, call: u8aToHex(want.toU8a()) });
  });

  it('swapHotkey: netuid as Option<u16>, keepStake selects swap_hotkey_v2', async (ctx) => {
    expect((await sent(ctx, (st) => st.swapHotkey(cold.s, hot.a, other, none))).call).toBe(u8aToHex(sm().swapHotkey(hot.a, other, null).toU8a()));
    expect((await sent(ctx, (st) => st.swapHotkey(cold.s, hot.a, other, { ...none, netuid: 3 }))).call).toBe(u8aToHex(sm().swapHotkey(hot.a, other, 3).toU8a()));
    expect((await sent(ctx, (st) => st.swapHotkey(cold.s, hot.a, other, { ...none, netuid: 3, keepStake: true }))).call)
      .toBe(u8aToHex(sm().swapHotkeyV2(hot.a, other, 3, true).toU8a()));
  });

  it('serveAxon (plain and TLS) and servePrometheus: hotkey-signed', async (ctx) => {
    const ip = 0x20010db8000000000000000000000001n;
    const plain = sm().serveAxon(7, BITTENSOR_VERSION_AS_INT, 16909060, 8091, 4, 4, 0, 0);
    expect(await sent(ctx, (st) => st.serveAxon(hot.s, 7, { ip: '1.2.3.4', port: 8091 }, null, none))).toEqual({ signer: hot.a, call: u8aToHex(plain.toU8a()) });
    const tls = sm().serveAxonTls(7, 9, ip, 1, 6, 2, 3, 4, u8aToHex(new TextEncoder().encode('\u0001key')));
    expect((await sent(ctx, (st) => st.serveAxon(hot.s, 7, { ip: '2001:db8::1', port: 1, protocol: 2, version: 9, placeholder1: 3, placeholder2: 4 }, '\u0001key', none))).call)
      .toBe(u8aToHex(tls.toU8a()));
    const prom = sm().servePrometheus(7, BITTENSOR_VERSION_AS_INT, 16909060, 9090, 4);
    expect(await sent(ctx, (st) => st.servePrometheus(hot.s, 7, { ip: '1.2.3.4', port: 9090 }, none))).toEqual({ signer: hot.a, call: u8aToHex(prom.toU8a()) });
  });
});
