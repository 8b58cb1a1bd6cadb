// Issue 10, points 5–7: every public entry point of src/substrate checks its arguments at entry.
// One table row per malformed argument value; each must end in a typed error that names the
// argument and keeps the value, with nothing sent to the (in-memory, recording) node. The tables
// are compared with the prototypes and exports, so a new public method without rows fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as substrate from '../../src/substrate/index.js';
import { InvalidArgumentError, RuntimeCache, SubstrateClient, devSigner, memoryMetadataStore, sr25519Signer, type Runtime } from '../../src/substrate/index.js';
import { memoryChain, recordingProvider, HEAD, type MemoryChain } from '../helpers/memory-chain.js';
import {
  ALICE, HASH, addresses, arrays, atOptions, blockNumbers, hexes, names, outcome, runTable, type Bad, type Entry,
} from '../helpers/bad-arguments.js';

let chain: MemoryChain | undefined;
let skip = '';
let rt: Runtime;
beforeAll(async () => {
  const c = await memoryChain();
  if ('skip' in c) skip = c.skip;
  else {
    chain = c;
    rt = await c.client.runtime();
  }
});
afterAll(() => chain?.client.close());

const requests = (i: number, name = 'requests'): Bad[] => [
  ...[null, undefined, 'x', {}, 5].map((v): Bad => [i, v, name]),
  [i, [5], `${name}[0]`],
  [i, ['System'], `${name}[0]`],
  [i, [['System']], `${name}[0][1]`],
  [i, [[5, 'Account']], `${name}[0][0]`],
  [i, [['System', 'Account', 'x']], `${name}[0][2]`],
  [i, [['System', 'Account', [ALICE]], ['System', null]], `${name}[1][1]`],
];
const paging = (i: number): Bad[] => [
  ...[NaN, 1.5, 0, -1, '10', Infinity, 10n].map((v): Bad => [i, { pageSize: v }, 'opts.pageSize']),
  ...[-1, NaN, 1.5, 'abc', Infinity].map((v): Bad => [i, { maxResults: v }, 'opts.maxResults']),
  [i, { startKey: 'zz' }, 'opts.startKey'],
  [i, { fullyExhaust: 'yes' }, 'opts.fullyExhaust'],
  [i, { onProgress: 5 }, 'opts.onProgress'],
];
const blockQuery = (i: number): Bad[] => [
  ...[-1, 1.5, 2 ** 32, '1'].map((v): Bad => [i, { blockNumber: v }, 'opts.blockNumber']),
  [i, { finalizedOnly: 'yes' }, 'opts.finalizedOnly'],
  [i, { blockHash: HASH, blockNumber: 1 }, 'opts'],
];
const noArgs = (why = 'takes no arguments'): Entry => ({ args: [], bad: [], none: why });
const atOnly = (): Entry => ({ args: [{}], bad: atOptions(0) });

const clientTable = (): Record<string, Entry> => ({
  close: noArgs(),
  ss58Prefix: noArgs('a getter'),
  runtime: atOnly(),
  getChainHead: atOnly(),
  getChainFinalisedHead: atOnly(),
  getBlockHash: { args: [1, {}], bad: [...blockNumbers(0, 'blockNumber'), ...atOptions(1)] },
  getBlockHeader: { args: [{}], bad: [...atOptions(0), ...blockQuery(0)] },
  getParentBlockHash: { args: [HASH, {}], bad: [[0, null, 'blockHash'], [0, undefined, 'blockHash'], [0, '0x12', 'blockHash'], [0, 7, 'blockHash'], ...atOptions(1)] },
  readAt: {
    args: ['state_getStorage', ['0x00'], undefined, {}],
    bad: [...names(0, 'method'), ...arrays(1, 'params'), [1, null, 'params'], [2, '0x12', 'blockHash'], [2, 5, 'blockHash'], ...atOptions(3), [3, { nullIsMissing: 'x' }, 'opts.nullIsMissing']],
  },
  getBlockNumber: { args: [HASH, {}], bad: [[0, null, 'blockHash'], [0, undefined, 'blockHash'], [0, '0x12', 'blockHash'], [0, 7, 'blockHash'], ...atOptions(1)] },
  getBlock: { args: [{}], bad: [...atOptions(0), ...blockQuery(0), [0, { author: 'yes' }, 'opts.author'], [0, { ignoreDecodingErrors: 1 }, 'opts.ignoreDecodingErrors']] },
  getExtrinsics: atOnly(),
  getEvents: atOnly(),
  createStorageKey: { args: [rt, 'System', 'Account', [ALICE]], bad: [[0, null, 'runtime'], [0, 5, 'runtime'], ...names(1, 'pallet'), ...names(2, 'item'), ...arrays(3, 'keys')] },
  query: { args: ['System', 'Account', [ALICE], {}], bad: [...names(0, 'pallet'), ...names(1, 'item'), ...arrays(2, 'keys'), ...atOptions(3)] },
  getStorageByKey: { args: ['0x00', {}], bad: [...hexes(0, 'key'), ...atOptions(1)] },
  queryMulti: { args: [[['System', 'Account', [ALICE]]], {}], bad: [...requests(0), ...atOptions(1)] },
  queryMap: { args: ['System', 'Account', [], {}], bad: [...names(0, 'pallet'), ...names(1, 'item'), ...arrays(2, 'partialKeys'), ...atOptions(3), ...paging(3)] },
  runtimeCall: {
    args: ['Core', 'version', [], {}],
    bad: [
      ...names(0, 'api'), ...names(1, 'method'), [2, 5, 'args'], [2, 'x', 'args'], [2, true, 'args'], [2, new Uint8Array(1), 'args'],
      ...atOptions(3), [3, { raw: 'yes' }, 'opts.raw'], [3, { withRuntime: 1 }, 'opts.withRuntime'], [3, { typeHint: 5 }, 'opts.typeHint'],
      [3, { typeHint: { inputs: 'x', output: {} } }, 'opts.typeHint.inputs'],
    ],
  },
  runtimeCallRaw: { args: ['Core', 'version', [], {}], bad: [...names(0, 'api'), ...names(1, 'method'), [2, 5, 'args'], ...atOptions(3)] },
  getConstant: { args: ['System', 'SS58Prefix', {}], bad: [...names(0, 'pallet'), ...names(1, 'name'), ...atOptions(2)] },
  getMetadata: atOnly(),
  getRuntimeVersion: atOnly(),
  subscribeHeads: { args: [{}], bad: [[0, 5, 'opts'], [0, 'x', 'opts'], [0, { finalized: 'yes' }, 'opts.finalized'], [0, { author: 1 }, 'opts.author'], [0, { signal: {} }, 'opts.signal']] },
  subscribeStorage: { args: [[['System', 'Account', [ALICE]]], {}], bad: [...requests(0), [1, 5, 'opts'], [1, { signal: 'x' }, 'opts.signal']] },
});

const runtimeCacheTable = (): Record<string, Entry> => ({
  ss58Prefix: noArgs('a getter'),
  at: { args: [undefined, {}], bad: [[0, '0x12', 'blockHash'], [0, 5, 'blockHash'], [0, {}, 'blockHash']] },
  versionAt: { args: [undefined, {}], bad: [[0, '0x12', 'blockHash'], [0, 5, 'blockHash']] },
  forVersion: { args: [{ specVersion: 381 }, undefined, {}], bad: [[0, null, 'version'], [0, 5, 'version'], [0, { specVersion: -1 }, 'version.specVersion'], [0, { specVersion: '381' }, 'version.specVersion']] },
  fetchMetadata: { args: [undefined, {}], bad: [[0, '0x12', 'at'], [0, 5, 'at'], [2, 5, 'rpc'], [2, null, 'rpc']] },
});

/** The metadata cache's stores, keys and envelope (issue 15). */
const storeTable = (): Record<string, Entry> => {
  const fn = () => null;
  const sealedOpts = (i: number, name: string): Bad[] => [[i, 5, name], [i, 'x', name], [i, { onWarning: 5 }, `${name}.onWarning`], [i, { onDiscard: 'x' }, `${name}.onDiscard`]];
  const envelope = (what: string): Entry => ({
    args: [HASH, 1, new Uint8Array(8)],
    bad: [[0, null, 'genesisHash'], [0, '0x12', 'genesisHash'], [1, -1, 'specVersion'], [1, 1.5, 'specVersion'], [1, 2 ** 32, 'specVersion'], [2, null, what], [2, '0x00', what]],
  });
  return {
    memoryMetadataStore: noArgs(),
    sealedStore: {
      args: [{ read: fn, write: fn, remove: fn }, {}],
      bad: [[0, null, 'backend'], [0, 5, 'backend'], [0, {}, 'backend.read'], [0, { read: fn, write: 5, remove: fn }, 'backend.write'], [0, { read: fn, write: fn }, 'backend.remove'], ...sealedOpts(1, 'opts')],
    },
    metadataKey: { args: [HASH, 1], bad: [[0, null, 'genesisHash'], [0, 'zz', 'genesisHash'], [1, -1, 'specVersion'], [1, '1', 'specVersion']] },
    fileMetadataStore: { args: ['/tmp/x', {}], bad: [[0, '', 'dir'], [0, 5, 'dir'], ...sealedOpts(1, 'options'), [1, { maxBytes: -1 }, 'options.maxBytes']] },
    defaultCacheDir: { args: [{}, 'linux'], bad: [[0, null, 'env'], [0, 5, 'env'], [1, '', 'platform'], [1, 5, 'platform']] },
    kvMetadataStore: {
      args: [{ get: fn, put: fn }, {}],
      bad: [[0, null, 'kv'], [0, {}, 'kv.get'], [0, { get: fn }, 'kv.put'], [0, { get: fn, put: fn, delete: 5 }, 'kv.delete'], ...sealedOpts(1, 'options')],
    },
    cacheApiMetadataStore: { args: [{}], bad: [...sealedOpts(0, 'options'), [0, { cacheName: '' }, 'options.cacheName'], [0, { maxEntries: 0 }, 'options.maxEntries']] },
    indexedDbMetadataStore: { args: [{}], bad: [...sealedOpts(0, 'options'), [0, { dbName: 5 }, 'options.dbName'], [0, { maxEntries: -1 }, 'options.maxEntries']] },
    defaultMetadataStore: { args: [{}], bad: sealedOpts(0, 'options') },
    sealMetadata: envelope('metadata'),
    openMetadata: envelope('data'),
    crc32: { args: [new Uint8Array(1)], bad: [[0, null, 'data'], [0, '0x00', 'data'], [0, [1], 'data']] },
  };
};

/** Blocks, headers and extrinsic lookups as functions over a client (issue 15). */
const blockFunctionTable = (c: SubstrateClient, clients: Bad[]): Record<string, Entry> => {
  const raw = { parentHash: HASH, number: '0x1', stateRoot: HASH, extrinsicsRoot: HASH, digest: { logs: [] } };
  const headers = (i: number): Bad[] => [
    [i, null, 'header'], [i, 5, 'header'], [i, { ...raw, parentHash: 'zz' }, 'header.parentHash'], [i, { ...raw, stateRoot: undefined }, 'header.stateRoot'],
    [i, { ...raw, number: -1 }, 'header.number'], [i, { ...raw, number: 'x' }, 'header.number'], [i, { ...raw, digest: { logs: ['zz'] } }, 'header.digest.logs[0]'],
  ];
  const requiredHash = (i: number, name: string): Bad[] => [[i, null, name], [i, '0x12', name], [i, 5, name]];
  return {
    headerHash: { args: [raw], bad: headers(0) },
    toHeader: { args: [HASH, raw], bad: [...requiredHash(0, 'hash'), ...headers(1)] },
    resolveBlockHash: { args: [c, {}], bad: [...clients, ...atOptions(1), ...blockQuery(1)] },
    createUnsignedExtrinsic: { args: [{ bytes: new Uint8Array(2) }], bad: [[0, null, 'call'], [0, 5, 'call'], [0, {}, 'call.bytes'], [0, { bytes: '0x00' }, 'call.bytes']] },
    retrievePendingExtrinsics: { args: [c, {}], bad: [...clients, ...atOptions(1)] },
    retrieveExtrinsicByIdentifier: { args: [c, '1-0', {}], bad: [...clients, ...names(1, 'id'), [1, '1', 'id'], [1, '1-x', 'id'], [1, '4294967296-0', 'id'], ...atOptions(2)] },
    retrieveExtrinsicByHash: { args: [c, HASH, HASH, {}], bad: [...clients, ...requiredHash(1, 'blockHash'), ...requiredHash(2, 'extrinsicHash'), ...atOptions(3)] },
    subscribeBlockHeaders: {
      args: [c, () => 1, {}],
      bad: [...clients, [1, null, 'handler'], [1, 5, 'handler'], [2, 5, 'opts'], [2, { finalizedOnly: 'x' }, 'opts.finalizedOnly'], [2, { author: 1 }, 'opts.author'], [2, { signal: {} }, 'opts.signal']],
    },
    waitForBlock: { args: [c, 1, {}], bad: [...clients, ...blockNumbers(1, 'n'), [2, 5, 'opts'], [2, { finalizedOnly: 'x' }, 'opts.finalizedOnly'], [2, { signal: 'x' }, 'opts.signal']] },
  };
};

/** What the node and the runtime say about themselves (chain-info.ts, metadata-info.ts). */
const infoTable = (c: SubstrateClient, clients: Bad[]): Record<string, Entry> => {
  const md = rt.metadata;
  const mds: Bad[] = [[0, null, 'md'], [0, 5, 'md'], [0, {}, 'md.pallets']];
  const pallets = (i: number): Bad[] => [[i, 5, 'pallet'], [i, '', 'pallet'], [i, {}, 'pallet']];
  const ask = (): Entry => ({ args: [c, {}], bad: [...clients, ...atOptions(1)] });
  return {
    chainProperties: ask(),
    chainName: ask(),
    nodeName: ask(),
    nodeVersion: ask(),
    rpcMethods: ask(),
    supportsRpcMethod: { args: [c, 'system_name', {}], bad: [...clients, ...names(1, 'name'), ...atOptions(2)] },
    listMetadata: { args: [c, 'pallets', {}], bad: [...clients, [1, null, 'kind'], [1, 'blocks', 'kind'], [1, 5, 'kind'], ...atOptions(2), [2, { pallet: 5 }, 'opts.pallet']] },
    getMetadataError: { args: [c, 'System', 'x', {}], bad: [...clients, ...names(1, 'pallet'), ...names(2, 'name'), ...atOptions(3)] },
    listPallets: { args: [md], bad: mds },
    listVariants: { args: [md, 'calls', undefined], bad: [...mds, [1, null, 'kind'], [1, 'storage', 'kind'], ...pallets(2)] },
    listConstants: { args: [rt, undefined], bad: [[0, null, 'rt'], [0, 5, 'rt'], [0, {}, 'rt.metadata'], ...pallets(1)] },
    listStorage: { args: [md, undefined], bad: [...mds, ...pallets(1)] },
    metadataError: { args: [md, 'System', 'x'], bad: [...mds, ...names(1, 'pallet'), ...names(2, 'name')] },
  };
};

const alice = () => devSigner('Alice');
const functionTable = (c: SubstrateClient): Record<string, Entry> => {
  const call = substrate.composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: ALICE }, value: 1n });
  const clients: Bad[] = [[0, null, 'client'], [0, {}, 'client'], [0, 'ws://x', 'client']];
  const registries = (i: number): Bad[] => [[i, null, 'registry'], [i, 5, 'registry'], [i, {}, 'registry']];
  return {
    auraSlot: { args: [[]], bad: [[0, null, 'logs'], [0, 'x', 'logs'], [0, [5], 'logs[0]'], [0, ['zz'], 'logs[0]']] },
    decodeStorageValue: { args: [rt.registry, rt.registry.storageEntry('System', 'Account').entry, null, 'x'], bad: [...registries(0), [1, null, 'entry'], [1, 5, 'entry']] },
    memoryMetadataStore: noArgs(),
    ...storeTable(),
    ...blockFunctionTable(c, clients),
    ...infoTable(c, clients),
    decodeEvents: { args: [rt.registry, '0x00'], bad: [...registries(0), [1, null, 'bytes'], [1, 'zz', 'bytes'], [1, 5, 'bytes']] },
    composeCall: {
      args: [rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: ALICE }, value: 1n }],
      bad: [
        ...registries(0), ...names(1, 'pallet'), ...names(2, 'name'), [2, 'no_such_call', 'name'], [3, 5, 'args'], [3, 'x', 'args'],
        [3, { dest: { type: 'Id', value: ALICE } }, 'args'], // `value` missing
      ],
    },
    createSignedExtrinsic: {
      args: [c, call, alice(), {}],
      bad: [
        ...clients, [1, null, 'call'], [1, {}, 'call.bytes'], [2, null, 'signer'], [2, { ...alice(), publicKey: new Uint8Array(31) }, 'signer'],
        [2, { ...alice(), type: 'Rsa' }, 'signer'], [2, { ...alice(), sign: 'x' }, 'signer'], ...atOptions(3),
        ...[-1, 1.5, NaN, 2 ** 32].map((n): Bad => [3, { nonce: n }, 'opts.nonce']), [3, { tip: -1n }, 'opts.tip'], [3, { tip: 5 }, 'opts.tip'],
        [3, { era: 1.5 }, 'opts.era'], [3, { era: 70_000 }, 'opts.era'],
      ],
    },
    getAccountNonce: { args: [c, ALICE, {}], bad: [...clients, ...addresses(1, 'address'), ...atOptions(2)] },
    // the call form (client, call, address, opts) is checked in test/substrate/extrinsic.test.ts
    getPaymentInfo: { args: [c, '0x00', {}], bad: [...clients, ...hexes(1, 'extrinsicHex'), ...atOptions(2), [1, { bytes: 5 }, 'call.bytes']] },
    tx: { args: [c, 'Balances', 'transfer_keep_alive', { value: 1n }], bad: [...clients, ...names(1, 'pallet'), ...names(2, 'name'), [3, 5, 'args'], [3, 'x', 'args']] },
    batchCall: {
      args: [rt.registry, [call], 'batch_all'],
      bad: [...registries(0), [1, null, 'calls'], [1, 'x', 'calls'], [1, [null], 'calls[0]'], [1, [{ bytes: 5 }], 'calls[0].bytes'], [1, [{ ...call, bytes: new Uint8Array([...call.bytes, 0]) }], 'calls[0]'], [2, 'batchy', 'mode']],
    },
    retrieveExtrinsic: {
      args: [c, HASH, 0, {}],
      bad: [...clients, ...[null, '0x12', 5].map((v): Bad => [1, v, 'blockHash']), ...[-1, 1.5, '0x12', null].map((v): Bad => [2, v, 'indexOrHash']), ...atOptions(3)],
    },
    submitExtrinsic: { args: [c, '0x00', {}], bad: [...clients, ...hexes(1, 'extrinsicHex'), ...atOptions(2), [2, { waitFor: 'soon' }, 'opts.waitFor']] },
    dispatchErrorInfo: { args: [rt.registry, 'BadOrigin'], bad: [...registries(0), [1, null, 'err'], [1, 5, 'err']] },
    extrinsicExtraCodecs: { args: [rt.registry], bad: registries(0) },
    decodeExtrinsic: { args: [rt.registry, '0x00'], bad: [...registries(0), [1, null, 'hexOrBytes'], [1, 'zz', 'hexOrBytes'], [1, 5, 'hexOrBytes']] },
    sr25519Signer: { args: [new Uint8Array(32)], bad: [[0, null, 'secret'], [0, new Uint8Array(31), 'secret'], [0, '0x00', 'secret'], [0, new Uint8Array(65), 'secret']] },
    deriveHard: { args: [sr25519Signer(new Uint8Array(32).fill(1)).secretKey, '//Alice'], bad: [[0, new Uint8Array(32), 'secretKey'], [0, null, 'secretKey'], [1, null, 'path'], [1, 5, 'path']] },
    devSigner: { args: ['Alice'], bad: names(0, 'name') },
    mapStateError: noArgs('maps any thrown value; its input is an error, not caller data'),
    ...addressTable(c, clients),
  };
};

// Typed addresses and the typed view (issue 12). Rows for keys/args/opts of read/readMap come from
// the client method they delegate to, under the same argument names.
const addressTable = (c: SubstrateClient, clients: Bad[]): Record<string, Entry> => {
  const account = substrate.storage('System', 'Account');
  const version = substrate.runtimeApi('Core', 'version');
  const ss58 = substrate.constant('System', 'SS58Prefix');
  const notAddress = (i: number, name: string): Bad[] => [
    ...[null, undefined, 'System', 5, {}, { kind: 'storage', pallet: 'System' }, { kind: 'storage', pallet: 'System', item: '' }].map((v): Bad => [i, v, name]),
    [i, { kind: 'event', pallet: 'System', item: 'Account' }, name],
  ];
  return {
    storage: { args: ['System', 'Account'], bad: [...names(0, 'pallet'), ...names(1, 'item')] },
    runtimeApi: { args: ['Core', 'version'], bad: [...names(0, 'api'), ...names(1, 'method')] },
    constant: { args: ['System', 'SS58Prefix'], bad: [...names(0, 'pallet'), ...names(1, 'name')] },
    addressesOf: noArgs('types only: returns the address constructors'),
    typed: { args: [c], bad: clients },
    typedExtrinsics: noArgs('types only: returns composeCall and submitExtrinsic'),
    read: { args: [c, account, [ALICE], {}], bad: [...clients, ...notAddress(1, 'address'), ...arrays(2, 'keys'), ...atOptions(3)] },
    readMap: {
      args: [c, account, [], {}],
      bad: [...clients, ...notAddress(1, 'address'), [1, version, 'address'], [1, ss58, 'address'], ...arrays(2, 'partialKeys'), ...atOptions(3), ...paging(3)],
    },
    readMulti: {
      args: [c, [[account, [ALICE]]], {}],
      bad: [
        ...clients, ...[null, undefined, 'x', {}, 5].map((v): Bad => [1, v, 'requests']), [1, [5], 'requests[0]'],
        ...notAddress(1, 'requests[0][0]').map(([i, v, n]): Bad => [i, [[v, [ALICE]]], n]), [1, [[version, []]], 'requests[0][0]'],
        [1, [[account, 'x']], 'requests[0][1]'], [1, [[account, [ALICE]], [account, []]], 'requests[1][1]'], ...atOptions(2),
      ],
    },
  };
};

describe('bad arguments to src/substrate: typed error naming the argument, nothing sent', () => {
  it('the tables cover every public method and exported function', (ctx) => {
    if (!chain) return ctx.skip(skip);
    const own = (proto: object) => Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor').sort();
    expect(own(SubstrateClient.prototype)).toEqual(Object.keys(clientTable()).sort());
    expect(own(RuntimeCache.prototype)).toEqual(Object.keys(runtimeCacheTable()).sort());
    const statics = (cls: object) => Object.getOwnPropertyNames(cls).filter((n) => !['length', 'name', 'prototype'].includes(n));
    expect(statics(SubstrateClient)).toEqual(['connect']);
    expect(statics(RuntimeCache)).toEqual([]);
    const fns = Object.entries(substrate)
      .filter(([, v]) => typeof v === 'function' && !((v as { prototype?: unknown }).prototype instanceof Error))
      .map(([k]) => k)
      .filter((k) => k !== 'SubstrateClient' && k !== 'RuntimeCache');
    expect(fns.sort()).toEqual(Object.keys(functionTable(chain.client)).sort());
  });

  it('SubstrateClient methods', async (ctx) => {
    if (!chain) return ctx.skip(skip);
    const c = chain.client as unknown as Record<string, (...a: unknown[]) => unknown>;
    const rows = await runTable(clientTable(), (name, args) => c[name](...args), () => chain!.sent.length);
    expect(rows).toBeGreaterThan(300);
  });

  it('SubstrateClient.connect: nothing is opened for a bad target or option', async () => {
    const sent: MemoryChain['sent'] = [];
    const { provider, connections } = recordingProvider(sent);
    const table: Record<string, Entry> = {
      connect: {
        args: [provider, {}],
        bad: [
          ...[null, undefined, 5, '', [], {}].map((v): Bad => [0, v, 'target']), [0, ['ws://a', 5], 'target[1]'],
          [1, 5, 'options'], [1, 'x', 'options'], [1, { ss58Prefix: -1 }, 'options.ss58Prefix'], [1, { ss58Prefix: 16384 }, 'options.ss58Prefix'],
          [1, { ss58Prefix: 1.5 }, 'options.ss58Prefix'], [1, { maxRuntimes: 0 }, 'options.maxRuntimes'], [1, { maxRuntimes: NaN }, 'options.maxRuntimes'],
          [1, { signal: {} }, 'options.signal'], [1, { metadataStore: {} }, 'options.metadataStore'], [1, { metadataStore: true }, 'options.metadataStore'],
          [1, { archiveEndpoints: 'ws://a' }, 'options.archiveEndpoints'], [1, { archiveEndpoints: [5] }, 'options.archiveEndpoints[0]'],
          [1, { responseCacheBytes: -1 }, 'options.responseCacheBytes'], [1, { responseCacheBytes: 1.5 }, 'options.responseCacheBytes'],
        ],
      },
    };
    await runTable(table, (_, args) => SubstrateClient.connect(...(args as [never, never])), () => sent.length + connections());
    expect(connections()).toBe(0);
  });

  it('RuntimeCache methods and constructor', async (ctx) => {
    if (!chain) return ctx.skip(skip);
    const cache = chain.client.runtimes as unknown as Record<string, (...a: unknown[]) => unknown>;
    await runTable(runtimeCacheTable(), (name, args) => cache[name](...args), () => chain!.sent.length);
    const store = memoryMetadataStore();
    const ctor: Record<string, Entry> = {
      new: {
        args: [chain.client.rpc, { store, genesisHash: HASH }],
        bad: [[0, null, 'rpc'], [1, null, 'opts'], [1, { store: null, genesisHash: HASH }, 'opts.store'], [1, { store, genesisHash: '0x12' }, 'opts.genesisHash'], [1, { store, genesisHash: HASH, maxRuntimes: 0 }, 'opts.maxRuntimes'], [1, { store, genesisHash: HASH, archive: 5 }, 'opts.archive']],
      },
    };
    await runTable(ctor, (_, args) => new RuntimeCache(...(args as [never, never])), () => chain!.sent.length);
  });

  it('exported functions', async (ctx) => {
    if (!chain) return ctx.skip(skip);
    const fns = substrate as unknown as Record<string, (...a: unknown[]) => unknown>;
    const rows = await runTable(functionTable(chain.client), (name, args) => fns[name](...args), () => chain!.sent.length);
    expect(rows).toBeGreaterThan(100);
  });
});

describe('the block selector: validated once, one meaning for undefined and null (point 5)', () => {
  it('accepts either case, sends lower case; null and undefined both read the head', async (ctx) => {
    if (!chain) return ctx.skip(skip);
    const { client, sent } = chain;
    await client.query('System', 'Account', [ALICE], { blockHash: HEAD.toUpperCase().replace('0X', '0x') });
    expect(sent.at(-1)).toMatchObject({ method: 'state_getStorage', params: [expect.any(String), HEAD] });
    for (const blockHash of [null, undefined]) {
      await client.query('System', 'Account', [ALICE], { blockHash });
      expect(sent.at(-1)!.method).toBe('state_getStorage');
      expect(sent.at(-1)!.params).toHaveLength(1); // no hash: the head
    }
    await client.query('System', 'Account', [ALICE], null as never); // null options = {}
    expect(sent.at(-1)!.params).toHaveLength(1);
    const e = (await outcome(() => client.getBlockHeader({ blockHash: 'latest' }))) as InvalidArgumentError;
    expect(e.message).toBe('opts.blockHash: expected a block hash (0x + 64 hex digits), got "latest"');
    expect(e.value).toBe('latest');
  });
});

describe('map reads need every key, in queryMulti and subscribeStorage as in query (point 6)', () => {
  for (const [label, run] of [
    ['query', (c: SubstrateClient) => c.query('System', 'Account', [])],
    ['queryMulti', (c: SubstrateClient) => c.queryMulti([['SubtensorModule', 'TotalNetworks'], ['System', 'Account']])],
    ['subscribeStorage', (c: SubstrateClient) => c.subscribeStorage([['SubtensorModule', 'TotalNetworks'], ['System', 'Account']])],
  ] as const) {
    it(`${label}: System.Account without its key is an InvalidArgumentError naming the entry and the count, nothing sent`, async (ctx) => {
      if (!chain) return ctx.skip(skip);
      const before = chain.sent.length;
      const e = (await outcome(() => run(chain!.client))) as InvalidArgumentError;
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e.message).toContain('System.Account takes 1 key(s), got 0; use queryMap for partial keys');
      expect(e.argument).toBe(label === 'query' ? 'keys' : 'requests[1][2]');
      expect(e.value).toEqual([]);
      await new Promise((r) => setTimeout(r, 0));
      expect(chain.sent.length).toBe(before);
    });
  }
});
