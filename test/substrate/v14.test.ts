// The V14-only path on a second real runtime: testfinney genesis (spec 103), whose runtime has no
// Metadata_metadata_versions, so metadata comes from state_getMetadata and runtime APIs are unlisted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalChain, type LocalChain } from '../../scripts/local-chain.js';
import { SubstrateClient } from '../../src/substrate/index.js';
import { MetadataError } from '../../src/scale/index.js';

let chain: LocalChain | null = null;
let skip = '';
beforeAll(async () => {
  try {
    chain = await startLocalChain({ chain: 'testfinney' });
  } catch (e) {
    skip = (e as Error).message.slice(0, 300);
  }
}, 90_000);
afterAll(() => chain?.stop());

describe('V14-only runtime (testfinney, spec 103)', () => {
  it('connects through state_getMetadata and queries storage; runtime APIs need V15', async (ctx) => {
    if (!chain) return ctx.skip(`testfinney chain unavailable: ${skip}`);
    const client = await SubstrateClient.connect(chain.url);
    try {
      const rt = await client.runtime();
      expect(rt.version.specVersion).toBe(103);
      expect(rt.metadata.version).toBe(14);
      expect(rt.metadata.apis).toEqual([]);
      expect(rt.metadata.outerEnums?.event).toBeTypeOf('number');
      const total = await client.query<number>('SubtensorModule', 'TotalNetworks');
      expect(total).toBeTypeOf('number');
      expect(await client.getConstant('System', 'SS58Prefix')).toBe(42);
      const events = await client.getEvents({ blockHash: await client.getChainHead() });
      expect(Array.isArray(events)).toBe(true);
      await expect(client.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', [1])).rejects.toThrow(MetadataError);
      await expect(client.runtimeCall('NeuronInfoRuntimeApi', 'get_neurons_lite', [1])).rejects.toThrow(/needs V15\+ metadata/);
      // with a type hint the call works: Core_version → sp_version::RuntimeVersion
      const { str, u32, u8, struct, vec, tuple, fixedBytes } = await import('../../src/scale/index.js');
      const v = await client.runtimeCall<any>('Core', 'version', [], {
        typeHint: {
          output: struct([
            ['spec_name', str], ['impl_name', str], ['authoring_version', u32], ['spec_version', u32], ['impl_version', u32],
            ['apis', vec(tuple(fixedBytes(8), u32), 12)], ['transaction_version', u32], ['state_version', u8],
          ]),
        },
      });
      expect(v.spec_name).toBe('node-subtensor');
      expect(v.spec_version).toBe(103);
      expect(v.apis.length).toBeGreaterThan(3);
    } finally {
      await client.close();
    }
  });
});
