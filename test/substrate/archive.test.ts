// Archive fallback: reads of pruned blocks retried on an archive endpoint. First the recorded
// `retry_archive` scenario (bittensor's own archive test, finney traffic): the primary answers
// "State already discarded" for the parent of block 5752019, the archive answers spec 273. Then the
// local chain behind a pruning proxy, with the chain itself as the archive.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadReplayData, replayHandler, type ReplayData } from '../../scripts/replay.js';
import { RpcClient } from '../../src/rpc/index.js';
import { SubstrateClient, BlockNotFoundError, StateUnavailableError } from '../../src/substrate/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';

const url = inject('chainUrl');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('recorded retry_archive scenario', () => {
  let data: ReplayData | null;
  let primary: RpcServer;
  let archive: RpcServer;
  let block: string;
  let parent: string;
  let recordedSpec: number;
  beforeAll(async () => {
    data = await loadReplayData();
    if (!data) return;
    const sc = data.recorded.retry_archive!;
    block = Object.values(sc.chain_getBlockHash!)[0].result;
    parent = (sc.chain_getHeader![JSON.stringify([block])] as any).result.parentHash;
    recordedSpec = (sc.state_getRuntimeVersion![JSON.stringify([parent])] as any).__cycle__[1].result.specVersion;
    // One handler behind both servers: the recording's reply cycle (error, then the archive's
    // answer) advances whichever node is asked, as it did when bittensor recorded it.
    const handler = replayHandler(data, 'retry_archive') as never;
    primary = await startRpcServer({ handler });
    archive = await startRpcServer({ handler });
  });
  afterAll(async () => {
    await primary?.close();
    await archive?.close();
  });

  it('a pruned parent state is read from the archive; the caller sees the archive spec', async (ctx) => {
    if (!data) return ctx.skip('recorded finney data unavailable');
    const client = await SubstrateClient.connect(primary.url, { archiveEndpoints: [archive.url], metadataStore: false });
    try {
      expect(await client.getBlockHash(5752019)).toBe(block);
      expect(archive.connectionCount).toBe(0); // opened lazily: nothing needed it yet
      const rt = await client.runtime({ blockHash: block });
      expect(rt.version.specVersion).toBe(recordedSpec);
      expect(recordedSpec).toBe(273);
      expect(archive.requestsByMethod.get('state_getRuntimeVersion')).toBe(1);
      expect(client.archive!.used).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('without archive endpoints the same read is StateUnavailableError naming the block', async (ctx) => {
    if (!data) return ctx.skip('recorded finney data unavailable');
    const client = await SubstrateClient.connect(primary.url, { metadataStore: false });
    try {
      // the cycle is at the error again after two asks (error, answer)
      const err = await client.runtime({ blockHash: block }).catch((e) => e);
      expect(err).toBeInstanceOf(StateUnavailableError);
      expect(err.blockHash).toBe(block);
    } finally {
      await client.close();
    }
  });
});

describe.skipIf(!url)('local chain behind a pruning node', () => {
  let upstream: RpcClient;
  let pruning: RpcServer;
  const pruned = new Set<string>();
  beforeAll(async () => {
    upstream = new RpcClient(url);
    // Forwards to the chain, but has "pruned" the blocks in `pruned`: state reads there fail as a
    // pruned Substrate node fails them, bodies are gone (null), headers are kept.
    pruning = await startRpcServer({
      handler: (async (m: string, p: unknown[]) => {
        if (m.includes('subscribe')) throw { code: -32601, message: 'Method not found' };
        const hash = p.find((x) => typeof x === 'string' && pruned.has(x.toLowerCase()));
        if (hash && m.startsWith('state_')) throw { code: 4003, message: `Client error: Api called for an unknown Block: State already discarded for ${hash}` };
        if (hash && m === 'chain_getBlock') return null;
        return upstream.request(m, p);
      }) as never,
    });
  });
  afterAll(async () => {
    await pruning?.close();
    await upstream?.close();
  });

  it('old-block reads go to the archive and answer exactly what the archive node says', async () => {
    const direct = await SubstrateClient.connect(url, { metadataStore: false });
    const client = await SubstrateClient.connect(pruning.url, { archiveEndpoints: [url], metadataStore: false });
    const bare = await SubstrateClient.connect(pruning.url, { metadataStore: false });
    try {
      await direct.rpc.request('dev_newBlock', []);
      const head = await direct.getBlockHeader();
      const old = await direct.getBlockHash(head.number - 1);
      pruned.add(old.toLowerCase());
      pruned.add(head.parentHash.toLowerCase());
      const want = await direct.query('System', 'Account', [ALICE], { blockHash: old });
      expect(await client.query('System', 'Account', [ALICE], { blockHash: old })).toEqual(want);
      expect((await client.getBlock({ blockHash: old })).extrinsics).toEqual((await direct.getBlock({ blockHash: old })).extrinsics);
      expect(await client.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', [1], { blockHash: old })).toEqual(
        await direct.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', [1], { blockHash: old }),
      );
      expect(client.archive!.used).toBeGreaterThan(0);
      // head reads never touch the archive
      const used = client.archive!.used;
      await client.query('System', 'Account', [ALICE]);
      expect(client.archive!.used).toBe(used);
      // and without an archive the same reads fail typed
      await expect(bare.query('System', 'Account', [ALICE], { blockHash: old })).rejects.toThrow(StateUnavailableError);
      await expect(bare.getBlock({ blockHash: old })).rejects.toThrow(BlockNotFoundError);
    } finally {
      await Promise.all([direct.close(), client.close(), bare.close()]);
    }
  });
});
