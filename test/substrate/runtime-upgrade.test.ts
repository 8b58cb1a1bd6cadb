// Runtime upgrade and node errors, on a scripted node built from real data: two Subtensor runtimes
// (finney spec 343 and spec 393 metadata), blocks on either side of the upgrade, a pruned block and
// an unknown block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHexFixture } from '../../scripts/fixtures.js';
import { loadReplayData, type ReplayData } from '../../scripts/replay.js';
import { decodeMetadata, toHex, MetadataError } from '../../src/scale/index.js';
import { SubstrateClient, BlockNotFoundError, StateUnavailableError, InvalidArgumentError } from '../../src/substrate/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';

const h = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const GENESIS = h(0xaa);
const [PARENT_OLD, BLOCK_OLD, PARENT_NEW, BLOCK_NEW, PRUNED] = [h(1), h(2), h(3), h(4), h(5)];

let data: ReplayData | null;
let v393: Uint8Array | null;
let server: RpcServer;
let client: SubstrateClient;
let onlyNew: string | undefined;
const metadataFetches: string[] = [];

beforeAll(async () => {
  data = await loadReplayData();
  v393 = await readHexFixture('finney/metadata-v15-option-spec393.hex');
  if (!data || !v393) return;
  const accountKey = Object.keys(data.recorded.get_balance.state_getStorageAt)[0];
  const [key] = JSON.parse(accountKey);
  const value = (Object.values(data.recorded.get_balance.state_getStorageAt)[0] as any).result;
  const md343 = decodeMetadata(data.metadataV15);
  const md393 = decodeMetadata(v393);
  const names = (md: typeof md343) => new Set(md.pallets.find((p) => p.name === 'SubtensorModule')!.storage!.items.filter((e) => e.hashers.length === 0).map((e) => e.name));
  const old = names(md343);
  onlyNew = [...names(md393)].find((n) => !old.has(n));
  const version = (spec: number) => ({ specName: 'node-subtensor', specVersion: spec, transactionVersion: 1, implVersion: 1, apis: [] });
  const headers: Record<string, unknown> = {
    [BLOCK_OLD]: { parentHash: PARENT_OLD, number: '0x10', stateRoot: h(9), extrinsicsRoot: h(9), digest: { logs: [] } },
    [BLOCK_NEW]: { parentHash: PARENT_NEW, number: '0x20', stateRoot: h(9), extrinsicsRoot: h(9), digest: { logs: [] } },
    [PRUNED]: { parentHash: PARENT_OLD, number: '0x11', stateRoot: h(9), extrinsicsRoot: h(9), digest: { logs: [] } },
  };
  server = await startRpcServer({
    latencyMs: 5,
    handler: ((m: string, p: any[]) => {
      switch (m) {
        case 'chain_getBlockHash':
          return p.length === 0 ? BLOCK_NEW : p[0] === 0 ? GENESIS : null;
        case 'chain_getHeader':
          return headers[p[0]] ?? null;
        case 'state_getRuntimeVersion':
          return version(p[0] === PARENT_OLD ? 343 : 393);
        case 'state_call':
          if (p[0] === 'Metadata_metadata_versions') return '0x080e0000000f000000';
          if (p[0] === 'Metadata_metadata_at_version') {
            metadataFetches.push(p[2]);
            return p[2] === PARENT_OLD ? data!.metadataV15 : toHex(v393!);
          }
          break;
        case 'state_getStorage':
          if (p[1] === PRUNED) throw { code: 4003, message: `State already discarded for ${PRUNED}` };
          if (p[0] === key) return value;
          return null;
      }
      throw { code: -32601, message: `not scripted: ${m}` };
    }) as never,
  });
  client = await SubstrateClient.connect(server.url);
});
afterAll(async () => {
  await client?.close();
  await server?.close();
});

describe('runtime upgrade between blocks', () => {
  it('each block decodes with its own runtime; each spec\'s metadata is fetched once, at the parent', async (ctx) => {
    if (!data || !v393) return ctx.skip('finney metadata fixtures unavailable');
    expect((await client.runtime({ blockHash: BLOCK_OLD })).version.specVersion).toBe(343);
    expect((await client.runtime({ blockHash: BLOCK_NEW })).version.specVersion).toBe(393);
    const key = Object.keys(data.recorded.get_balance.state_getStorageAt)[0];
    const who = (await import('../../src/scale/index.js')).ss58Encode('0x' + JSON.parse(key)[0].slice(-64));
    // many concurrent first uses of both runtimes
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.query<any>('System', 'Account', [who], { blockHash: i % 2 ? BLOCK_OLD : BLOCK_NEW })),
    );
    expect(new Set(results.map((r) => r.data.free)).size).toBe(1);
    expect(results[0].data.free).toBeGreaterThan(0n);
    // connect() fetched the head's runtime (393, at the head itself); then 343 once at its parent
    expect(metadataFetches.filter((x) => x === PARENT_OLD).length).toBe(1);
    expect(metadataFetches.length).toBe(2);
    expect(onlyNew).toBeDefined();
    await expect(client.query('SubtensorModule', onlyNew!, [], { blockHash: BLOCK_OLD })).rejects.toThrow(MetadataError);
    await expect(client.query('SubtensorModule', onlyNew!, [], { blockHash: BLOCK_NEW })).resolves.toBeDefined();
    expect((await client.runtime({ blockHash: BLOCK_OLD })).metadata.version).toBe(15);
  });
});

describe('node errors become typed errors', () => {
  it('a pruned block is StateUnavailableError naming the block; an unknown block is BlockNotFoundError', async (ctx) => {
    if (!data || !v393) return ctx.skip('finney metadata fixtures unavailable');
    const err: any = await client.query('SubtensorModule', 'TotalNetworks', [], { blockHash: PRUNED }).catch((e) => e);
    expect(err).toBeInstanceOf(StateUnavailableError);
    expect(err.blockHash).toBe(PRUNED);
    expect(err.message).toContain('State already discarded');
    await expect(client.query('SubtensorModule', 'TotalNetworks', [], { blockHash: h(0xdead) })).rejects.toThrow(BlockNotFoundError);
    await expect(client.getBlockHash(999)).rejects.toThrow(BlockNotFoundError);
    await expect(client.getBlockHash(-1)).rejects.toThrow(InvalidArgumentError);
    await expect(client.runtimeCall('NopeApi', 'x')).rejects.toThrow(/no runtime API NopeApi/);
    await expect(client.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', [])).rejects.toThrow(/takes 1 argument\(s\) \(netuid\), got 0/);
    await expect(client.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', ['x'])).rejects.toThrow(/get_neurons_lite\(netuid\)/);
    await expect(client.query('SubtensorModule', 'Uids', [1])).rejects.toThrow(/takes 2 key\(s\), got 1/);
    expect(client.rpc.pendingCount).toBe(0);
  });

  it('close() while requests are in flight rejects them with ConnectionClosedError', async (ctx) => {
    if (!data || !v393) return ctx.skip('finney metadata fixtures unavailable');
    const c = await SubstrateClient.connect(server.url);
    server.setLatency(500);
    const p = c.query('SubtensorModule', 'TotalNetworks');
    setTimeout(() => void c.close(), 50);
    await expect(p).rejects.toMatchObject({ name: 'ConnectionClosedError' });
    server.setLatency(5);
  });
});
