// Timing claim, run alone (vitest.timing.config.ts, after the main suite) so other test files do not
// share its two cores: the all-subnet neuron pull at one pinned block, concurrent vs serial, with the
// replay server (its own process) adding 100 ms to every reply.
import { describe, expect, it } from 'vitest';
import { loadReplayData, replaySkipReason } from '../../scripts/replay.js';
import { Subtensor } from '../../src/subtensor/index.js';
import { spawnReplayServer } from '../helpers/spawn-server.js';

describe('concurrency over one socket', () => {
  it('all-subnet neuron pull at one block: concurrent ≥ 10× faster than serial for 16 subnets at 100 ms latency', async (ctx) => {
    const data = await loadReplayData();
    if (!data) return ctx.skip(replaySkipReason());
    // Server in its own process (its CPU is not the client's); every netuid answers with the first
    // 256 real neurons of the recorded subnet (finney subnets hold 256).
    const server = await spawnReplayServer(['--scenario', 'metagraph', '--latency', '100', '--subnet-size', '256']);
    ctx.onTestFinished(() => server.stop());
    // The pinned-response cache would answer every repeat at this block from memory; this test is
    // about round trips on the socket, so it is off.
    const st = await Subtensor.connect(server.url, { responseCacheBytes: 0 });
    ctx.onTestFinished(() => st.close());
    const hash = (Object.values(data.recorded.metagraph.chain_getBlockHash)[0] as { result: string }).result;
    const view = st.at(hash);
    await view.neuronsLite(1); // runtime for this block resolved once, shared by both runs
    const netuids = Array.from({ length: 16 }, (_, i) => i + 1);
    for (let i = 0; i < 3; i++) await view.neuronsLiteAll({ netuids }); // warm-up (JIT, caches), not measured
    // Best of three rounds: the claim is about round trips, and other test files share the 2 cores.
    let best = 0;
    for (let round = 0; round < 3 && best < 10; round++) {
      let t = performance.now();
      const serial = await view.neuronsLiteAll({ netuids, concurrent: false });
      const serialMs = performance.now() - t;
      t = performance.now();
      const concurrent = await view.neuronsLiteAll({ netuids, concurrent: true });
      const concurrentMs = performance.now() - t;
      console.log(`16 subnets @100ms: serial ${serialMs.toFixed(0)} ms, concurrent ${concurrentMs.toFixed(0)} ms, ×${(serialMs / concurrentMs).toFixed(1)}`);
      expect([...concurrent.keys()]).toEqual(netuids);
      expect(concurrent.get(16)!.length).toBe(256);
      expect(serial.get(16)!.map((n) => n.hotkey)).toEqual(concurrent.get(16)!.map((n) => n.hotkey));
      expect(serialMs).toBeGreaterThan(16 * 100);
      best = Math.max(best, serialMs / concurrentMs);
    }
    expect(best).toBeGreaterThanOrEqual(10);
  });
});
