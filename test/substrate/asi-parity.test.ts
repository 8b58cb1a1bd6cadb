// The rest of AsyncSubstrateInterface, each answer checked against @polkadot/api asking the same
// question of the same local Subtensor chain (chopsticks).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import {
  SubstrateClient, chainName, chainProperties, composeCall, createSignedExtrinsic, createUnsignedExtrinsic, devSigner, getMetadataError, listMetadata, nodeName,
  nodeVersion, retrieveExtrinsicByHash, retrieveExtrinsicByIdentifier, retrievePendingExtrinsics, rpcMethods, subscribeBlockHeaders, supportsRpcMethod,
  waitForBlock, type UndecodedExtrinsic,
} from '../../src/substrate/index.js';
import { DecodeError } from '../../src/scale/index.js';
import type { JsonRpcProvider } from '../../src/rpc/index.js';
import { webSocketProvider } from '../../src/rpc/index.js';

const url = inject('chainUrl');
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

describe.skipIf(!url)('AsyncSubstrateInterface methods agree with polkadot.js', () => {
  let client: SubstrateClient;
  let api: ApiPromise;
  beforeAll(async () => {
    client = await SubstrateClient.connect(url, { metadataStore: false });
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
  });
  afterAll(async () => {
    await client?.close();
    await api?.disconnect();
  });

  it('chain info: properties, chain, name, version, rpcMethods, supportsRpcMethod', async () => {
    const [p, theirs] = [await chainProperties(client), await api.rpc.system.properties()];
    expect(p.ss58Format).toBe(theirs.ss58Format.isSome ? theirs.ss58Format.unwrap().toNumber() : null);
    expect(p.tokenDecimals).toEqual(theirs.tokenDecimals.isSome ? theirs.tokenDecimals.unwrap().map((n) => n.toNumber()) : []);
    expect(p.tokenSymbol).toEqual(theirs.tokenSymbol.isSome ? theirs.tokenSymbol.unwrap().map((t) => t.toString()) : []);
    expect(await chainName(client)).toBe((await api.rpc.system.chain()).toString());
    expect(await nodeName(client)).toBe((await api.rpc.system.name()).toString());
    expect(await nodeVersion(client)).toBe((await api.rpc.system.version()).toString());
    const methods = (await api.rpc.rpc.methods()).methods.map((m) => m.toString()).sort();
    expect(await rpcMethods(client)).toEqual(methods);
    expect(methods.length).toBeGreaterThan(10);
    expect(await supportsRpcMethod(client, 'state_subscribeRuntimeVersion')).toBe(methods.includes('state_subscribeRuntimeVersion'));
    expect(await supportsRpcMethod(client, 'nope_nothing')).toBe(false);
  });

  it('heads carry their real hash and Aura author; the callback form stops when the handler returns', async () => {
    const heads = client.subscribeHeads({ author: true });
    const first = heads.next();
    await client.rpc.request('dev_newBlock', []);
    let h = (await first).value!;
    await heads.return!();
    expect(h.hash).toBe((await api.rpc.chain.getBlockHash(h.number)).toHex());
    // polkadot.js's own Aura rule (slot mod authorities), over the authorities at the parent: its
    // derive.chain.getHeader needs a Session pallet, which Subtensor does not have.
    const { extractAuthor } = await import('@polkadot/api-derive/type/util');
    const header = await api.rpc.chain.getHeader(h.hash);
    const authorities = (await (await api.at(header.parentHash)).query.aura.authorities()) as any;
    expect(h.author).toBe(extractAuthor(header.digest, authorities.map((a: any) => api.createType('AccountId', a)))?.toString());
    expect(h.author).toMatch(/^5/);

    const seen: number[] = [];
    const done = subscribeBlockHeaders(client, (hdr, n) => {
      seen.push(n);
      return n === 1 ? hdr : undefined;
    });
    await new Promise((r) => setTimeout(r, 200));
    await client.rpc.request('dev_newBlock', []);
    h = await done;
    expect(seen).toEqual([0, 1]);
    expect(h.hash).toBe((await api.rpc.chain.getBlockHash(h.number)).toHex());
  });

  it('blocks by number, finalised head, header by number, parent hash, waitForBlock', async () => {
    const head = await client.getBlockHeader();
    const n = head.number - 1;
    const hash = (await api.rpc.chain.getBlockHash(n)).toHex();
    const block = await client.getBlock({ blockNumber: n });
    const theirs = await api.rpc.chain.getBlock(hash);
    expect(block.hash).toBe(hash);
    expect(block.extrinsics.map((x) => x.hash)).toEqual(theirs.block.extrinsics.map((x) => x.hash.toHex()));
    expect(block.extrinsics.map((x) => `${x.pallet}.${camel(x.call)}`)).toEqual(theirs.block.extrinsics.map((x) => `${x.method.section[0]!.toUpperCase()}${x.method.section.slice(1)}.${x.method.method}`));
    const hdr = await client.getBlockHeader({ blockNumber: n });
    expect(hdr).toMatchObject({ hash, number: n, parentHash: theirs.block.header.parentHash.toHex(), stateRoot: theirs.block.header.stateRoot.toHex() });
    expect(await client.getParentBlockHash(hash)).toBe(theirs.block.header.parentHash.toHex());
    const fin = await client.getBlock({ finalizedOnly: true });
    expect(fin.hash).toBe((await api.rpc.chain.getFinalizedHead()).toHex());
    await expect(client.getBlock({ blockNumber: 1, blockHash: hash })).rejects.toThrow(/not both/);

    const target = (await client.getBlockHeader()).number + 1;
    const waiting = waitForBlock(client, target);
    await new Promise((r) => setTimeout(r, 200));
    await client.rpc.request('dev_newBlock', []);
    const reached = await waiting;
    expect(reached.number).toBe(target);
    expect(reached.hash).toBe((await api.rpc.chain.getBlockHash(target)).toHex());
  });

  it('pending extrinsics, then the same extrinsic by "block-index" and by hash, with its events', async () => {
    const sender = devSigner('SectionFive');
    await client.rpc.request('dev_setStorage', [{ System: { Account: [[[sender.address], { providers: 1, data: { free: '1000000000000000' } }]] } }]);
    const rt = await client.runtime();
    const call = composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 5_000_000_000n });
    const ext = await createSignedExtrinsic(client, call, sender);
    let pending: Awaited<ReturnType<typeof retrievePendingExtrinsics>>;
    let theirPending: string[];
    await client.rpc.request('dev_setBlockBuildMode', ['Manual']);
    try {
      await client.rpc.request('author_submitExtrinsic', [ext]);
      pending = await retrievePendingExtrinsics(client);
      theirPending = (await api.rpc.author.pendingExtrinsics()).map((x) => `${x.hash.toHex()} ${x.signer.toString()} ${x.method.section}.${x.method.method}`);
    } finally {
      await client.rpc.request('dev_setBlockBuildMode', ['Instant']);
      await client.rpc.request('dev_newBlock', []); // also builds anything other tests submitted meanwhile
    }
    const mine = pending.find((x) => 'signer' in x && x.signer === sender.address);
    expect(mine).toBeDefined();
    expect(pending.map((x) => ('signer' in x ? `${x.hash} ${x.signer} ${x.pallet[0]!.toLowerCase()}${x.pallet.slice(1)}.${camel(x.call)}` : x.hash))).toEqual(theirPending);

    // find the block that included it
    let found: { hash: string; number: number; index: number } | undefined;
    const head = await client.getBlockHeader();
    for (let n = head.number; n > head.number - 5 && !found; n--) {
      const b = await client.getBlock({ blockNumber: n });
      const i = b.extrinsics.findIndex((x) => x.hash === mine!.hash);
      if (i >= 0) found = { hash: b.hash, number: n, index: i };
    }
    expect(found).toBeDefined();
    const byId = await retrieveExtrinsicByIdentifier(client, `${found!.number}-${found!.index}`);
    const byHash = await retrieveExtrinsicByHash(client, found!.hash, mine!.hash);
    expect(byHash).toEqual(byId);
    expect(byId.extrinsic.hash).toBe(mine!.hash);
    const theirEvents = ((await (await api.at(found!.hash)).query.system.events()) as any)
      .filter((r: any) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === found!.index)
      .map((r: any) => `${r.event.section}.${r.event.method}`);
    expect(byId.events.map((e) => `${e.pallet[0]!.toLowerCase()}${e.pallet.slice(1)}.${e.name}`)).toEqual(theirEvents);
    await expect(retrieveExtrinsicByIdentifier(client, '12')).rejects.toThrow(/block number.*index/);
  });

  it('createUnsignedExtrinsic encodes as polkadot.js does', async () => {
    const rt = await client.runtime();
    const call = composeCall(rt.registry, 'System', 'remark', { remark: '0x12345678' });
    expect(createUnsignedExtrinsic(call)).toBe(api.tx.system.remark('0x12345678').toHex());
  });

  it('an undecodable extrinsic is returned raw with its DecodeError when ignoreDecodingErrors is set', async () => {
    // A transport that appends an extrinsic with an unknown pallet index to every chain_getBlock reply.
    const JUNK = '0x0c04fefe';
    const inner = webSocketProvider(url);
    const tampering: JsonRpcProvider = (onMessage, onStatus) =>
      inner((msg) => onMessage(msg.includes('"extrinsics":[') ? msg.replace('"extrinsics":[', `"extrinsics":["${JUNK}",`) : msg), onStatus);
    const c = await SubstrateClient.connect(tampering, { metadataStore: false });
    try {
      const head = await client.getChainHead();
      await expect(c.getBlock({ blockHash: head })).rejects.toThrow(DecodeError);
      const block = await c.getBlock({ blockHash: head, ignoreDecodingErrors: true });
      const junk = block.extrinsics[0] as UndecodedExtrinsic;
      expect(junk.bytes).toBe(JUNK);
      expect(junk.error).toBeInstanceOf(DecodeError);
      const theirs = await api.rpc.chain.getBlock(head);
      expect(block.extrinsics.slice(1).map((x) => x.hash)).toEqual(theirs.block.extrinsics.map((x) => x.hash.toHex()));
    } finally {
      await c.close();
    }
  });

  it('metadata lists and getMetadataError match polkadot.js', async () => {
    const pallets = await listMetadata(client, 'pallets');
    expect(pallets.map((p) => [p.name, p.index])).toEqual(api.runtimeMetadata.asLatest.pallets.map((p) => [p.name.toString(), p.index.toNumber()]));
    const calls = await listMetadata(client, 'calls', { pallet: 'Balances' });
    expect(calls.map((c) => camel(c.name)).sort()).toEqual(Object.keys(api.tx.balances).sort());
    expect(calls.find((c) => c.name === 'transfer_keep_alive')!.docs).toEqual(api.tx.balances.transferKeepAlive.meta.docs.map((d) => d.toString()));
    const events = await listMetadata(client, 'events', { pallet: 'SubtensorModule' });
    expect(events.map((e) => e.name).sort()).toEqual(Object.keys(api.events.subtensorModule).sort());
    const errors = await listMetadata(client, 'errors', { pallet: 'SubtensorModule' });
    expect(errors.map((e) => e.name).sort()).toEqual(Object.keys(api.errors.subtensorModule).sort());
    const consts = await listMetadata(client, 'constants', { pallet: 'Balances' });
    expect(consts.map((c) => camel(c.name[0]!.toLowerCase() + c.name.slice(1))).sort()).toEqual(Object.keys(api.consts.balances).sort());
    expect(consts.find((c) => c.name === 'ExistentialDeposit')!.value).toBe((api.consts.balances.existentialDeposit as any).toBigInt());
    const storage = await listMetadata(client, 'storage', { pallet: 'System' });
    expect(storage.map((s) => s.name[0]!.toLowerCase() + s.name.slice(1)).sort()).toEqual(Object.keys(api.query.system).filter((k) => k !== 'palletVersion').sort());
    expect(storage.find((s) => s.name === 'Account')).toMatchObject({ keys: 1, modifier: 'Default' });
    const err = await getMetadataError(client, 'Balances', 'InsufficientBalance');
    const theirErr = api.errors.balances.InsufficientBalance.meta;
    expect(err).toMatchObject({ pallet: 'Balances', name: 'InsufficientBalance', index: theirErr.index.toNumber(), docs: theirErr.docs.map((d) => d.toString()) });
    expect(await getMetadataError(client, 'Balances', 'NoSuchError')).toBeNull();
  });

  it('storage changes decode with their block\'s runtime and match polkadot.js at that block', async () => {
    const WATCHED = devSigner('StorageWatch').address; // not touched by other test files running concurrently
    const changes = client.subscribeStorage([['System', 'Account', [WATCHED]]]);
    const initial = (await changes.next()).value!;
    const theirs = (await (await api.at(initial.block)).query.system.account(WATCHED)) as any;
    expect((initial.values[0] as any).data.free).toBe(theirs.data.free.toBigInt());
    const before = (initial.values[0] as any).data.free as bigint;
    await client.rpc.request('dev_setStorage', [{ System: { Account: [[[WATCHED], { providers: 1, data: { free: String(before + 11n) } }]] } }]);
    await client.rpc.request('dev_newBlock', []);
    const next = (await changes.next()).value!;
    const theirsNext = (await (await api.at(next.block)).query.system.account(WATCHED)) as any;
    expect((next.values[0] as any).data.free).toBe(theirsNext.data.free.toBigInt());
    expect(next.block).not.toBe(initial.block);
    await changes.return(undefined);
  });
});
