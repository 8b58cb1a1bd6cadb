// queryMap pipelining: with 100 ms injected latency, N pages of a map should cost about N + 1 round
// trips (the next page's keys are requested while the current page's values are in flight), not 2N.
// The map is System.Account of the finney V15 metadata, served by the scriptable test server.
import { loadReplayData, replayHandler } from '../scripts/replay.js';
import { createRegistry, decodeMetadata, storageKey } from '../src/scale/index.js';
import { SubstrateClient } from '../src/substrate/index.js';
import { startRpcServer } from '../test/helpers/rpc-server.js';
import type { BenchContext, BenchResult } from './util.js';

const LATENCY = 100;

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const data = await loadReplayData();
  if (!data) return { name: 'querymap', ok: false, error: 'recorded finney data unavailable' };
  const reg = createRegistry(decodeMetadata(data.metadataV15));
  const total = 1000;
  const keys = Array.from({ length: total }, (_, i) => {
    const pk = new Uint8Array(32);
    new DataView(pk.buffer).setUint32(0, i + 1);
    return storageKey(reg, 'System', 'Account', [pk]);
  }).sort();
  const accountValue = (Object.values(data.recorded.get_balance.state_getStorageAt)[0] as { result: string }).result;
  const base = replayHandler(data, 'metagraph');
  const server = await startRpcServer({
    latencyMs: 0,
    handler: ((m: string, p: any[]) => {
      if (m === 'state_getKeysPaged') {
        const start = p[2] ? keys.findIndex((k) => k > p[2]) : 0;
        return start < 0 ? [] : keys.slice(start, start + p[1]);
      }
      if (m === 'state_queryStorageAt') return [{ block: p[1], changes: (p[0] as string[]).map((k) => [k, accountValue]) }];
      return base(m, p);
    }) as never,
  });
  const client = await SubstrateClient.connect(server.url);
  const blockHash = await client.getChainHead();
  await client.runtime({ blockHash });
  server.setLatency(LATENCY);
  const rows: { pages: number; entries: number; ms: number; roundTrips: number; naiveRoundTrips: number }[] = [];
  try {
    for (const pages of [1, 2, 5, 10]) {
      const pageSize = 100;
      let n = 0;
      const t = performance.now();
      for await (const _ of client.queryMap('System', 'Account', [], { blockHash, pageSize, maxResults: pages * pageSize })) n++;
      const ms = performance.now() - t;
      rows.push({ pages, entries: n, ms: Math.round(ms), roundTrips: +(ms / LATENCY).toFixed(2), naiveRoundTrips: 2 * pages });
      ctx.log(`querymap: ${pages} page(s), ${n} entries in ${ms.toFixed(0)} ms ≈ ${(ms / LATENCY).toFixed(1)} RTT (naive ${2 * pages})`);
    }
  } finally {
    await client.close();
    await server.close();
  }
  return { name: 'querymap', ok: true, latencyMs: LATENCY, rows, notes: ['N pages ≈ N + 1 round trips when pipelined; a non-pipelined pager needs 2N.'] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run({ chainUrl: null, log: (m) => console.error(m) }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
