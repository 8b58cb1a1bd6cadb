// The block-pinned response cache: repeated questions at one block cost no round trip, head reads
// always go to the node, the byte bound evicts least recently used replies, and 0 turns it off.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RpcClient } from '../../src/rpc/index.js';
import { SubstrateClient } from '../../src/substrate/index.js';
import { ResponseCache } from '../../src/substrate/response-cache.js';
import { recordingProvider } from '../helpers/recording-provider.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';

const url = inject('chainUrl');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const hash = (n: number) => '0x' + n.toString(16).padStart(64, '0');

describe('ResponseCache on a scripted node', () => {
  let server: RpcServer;
  let rpc: RpcClient;
  beforeAll(async () => {
    server = await startRpcServer({
      handler: ((m: string, p: unknown[]) => {
        if (m === 'state_getStorage') return p[1] === hash(9) ? null : `0x${'ab'.repeat(100)}${String(p[0]).slice(2, 6)}`;
        if (m === 'chain_getHeader') return p[0] === hash(8) ? null : { number: '0x1' };
        if (m === 'state_call') throw { code: 4003, message: 'State already discarded' };
        return null;
      }) as never,
    });
    rpc = new RpcClient(server.url);
  });
  afterAll(async () => {
    await rpc.close();
    await server.close();
  });
  const sent = () => server.messagesReceived;

  it('answers a repeated pinned read from memory and never caches head reads or errors', async () => {
    const cache = new ResponseCache(1 << 20);
    const before = sent();
    const a = await cache.request(rpc, 'state_getStorage', ['0x1234', hash(1)]);
    const b = await cache.request(rpc, 'state_getStorage', ['0x1234', hash(1).toUpperCase().replace('0X', '0x')]);
    expect(b).toBe(a);
    expect(sent() - before).toBe(1);
    await cache.request(rpc, 'state_getStorage', ['0x1234']);
    await cache.request(rpc, 'state_getStorage', ['0x1234']);
    // a head read whose key is 32 bytes (a plain storage item) still looks nothing like a pinned one
    await cache.request(rpc, 'state_getStorage', [hash(7)]);
    await cache.request(rpc, 'state_getStorage', [hash(7)]);
    expect(sent() - before).toBe(5); // head: all went out
    await expect(cache.request(rpc, 'state_call', ['X_y', '0x', hash(1)])).rejects.toMatchObject({ name: 'RpcError' });
    await expect(cache.request(rpc, 'state_call', ['X_y', '0x', hash(1)])).rejects.toMatchObject({ name: 'RpcError' });
    expect(sent() - before).toBe(7);
    // a null header means "unknown here (yet)": asked again; a null storage value at a block is final
    await cache.request(rpc, 'chain_getHeader', [hash(8)]);
    await cache.request(rpc, 'chain_getHeader', [hash(8)]);
    await cache.request(rpc, 'state_getStorage', ['0x1234', hash(9)]);
    await cache.request(rpc, 'state_getStorage', ['0x1234', hash(9)]);
    expect(sent() - before).toBe(10);
    expect(cache.hits).toBe(2);
  });

  it('keeps within its byte bound, evicting least recently used replies; 0 is off', async () => {
    const cache = new ResponseCache(2_000); // each reply ~250 bytes with its key
    for (let i = 0; i < 20; i++) await cache.request(rpc, 'state_getStorage', [`0x${i.toString(16).padStart(4, '0')}`, hash(1)]);
    expect(cache.bytes).toBeLessThanOrEqual(2_000);
    expect(cache.size).toBeGreaterThan(3);
    const before = sent();
    await cache.request(rpc, 'state_getStorage', ['0x0013', hash(1)]); // newest: still there
    expect(sent() - before).toBe(0);
    await cache.request(rpc, 'state_getStorage', ['0x0000', hash(1)]); // oldest: evicted
    expect(sent() - before).toBe(1);
    const off = new ResponseCache(0);
    await off.request(rpc, 'state_getStorage', ['0x1234', hash(1)]);
    await off.request(rpc, 'state_getStorage', ['0x1234', hash(1)]);
    expect(sent() - before).toBe(3);
    expect(off.size).toBe(0);
  });
});

describe.skipIf(!url)('pinned reads on the local chain', () => {
  it('repeated queries, runtime calls, headers and blocks at one hash cost no round trip; head reads always do', async () => {
    const rec = recordingProvider(url);
    const client = await SubstrateClient.connect(rec.provider, { metadataStore: false });
    try {
      const blockHash = await client.getChainHead();
      const ask = () =>
        Promise.all([
          client.query('System', 'Account', [ALICE], { blockHash }),
          client.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', [1], { blockHash }),
          client.getBlockHeader({ blockHash }),
          client.getBlock({ blockHash }),
        ]);
      const first = await ask();
      rec.reset();
      const second = await ask();
      expect(second).toEqual(first);
      expect(rec.calls).toEqual([]);
      await client.query('System', 'Account', [ALICE]);
      await client.query('System', 'Account', [ALICE]);
      expect(rec.count('state_getStorage')).toBe(2);
    } finally {
      await client.close();
    }
  });
});
