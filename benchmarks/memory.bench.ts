// 4. Memory: each library in its own child process (node --expose-gc, gc() twice before each
//    reading): RSS and heapUsed after connect + metadata, and after 1,000 System.Account queries
//    (50 in flight). A bare `node` process is measured too, as the floor.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIBS } from './adapters/types.js';
import { driverBundle } from './build.js';
import { BUILD_DIR, errText, median, randomAddresses, runJsonChild, type BenchContext, type BenchResult } from './util.js';

const RUNS = 3;
const MB = 1024 * 1024;
const mb = (x: number) => Math.round((x / MB) * 10) / 10;

export async function run(ctx: BenchContext): Promise<BenchResult> {
  if (!ctx.chainUrl) throw new Error(`no local chain: ${ctx.chainError}`);
  const addrFile = join(BUILD_DIR, 'addresses-memory.json');
  writeFileSync(addrFile, JSON.stringify(await randomAddresses(1000, 4242)));
  const bare: number[] = [], bareHeap: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runJsonChild<{ rss: number; heapUsed: number }>(['--expose-gc', '-e', 'gc();gc();const m=process.memoryUsage();console.log(JSON.stringify({rss:m.rss,heapUsed:m.heapUsed}))']);
    bare.push(r.rss);
    bareHeap.push(r.heapUsed);
  }
  const libs: Record<string, unknown> = {};
  for (const lib of LIBS) {
    ctx.log(`memory: ${lib}`);
    try {
      const file = await driverBundle(lib);
      const rows: any[] = [];
      for (let i = 0; i < RUNS; i++) rows.push(await runJsonChild([...['--expose-gc'], file, 'memory', ctx.chainUrl, addrFile], { timeoutMs: 120_000 }));
      const m = (f: (r: any) => number) => mb(median(rows.map(f)));
      libs[lib] = {
        connectRssMB: m((r) => r.afterConnect.rss),
        connectHeapMB: m((r) => r.afterConnect.heapUsed),
        queriesRssMB: m((r) => r.afterQueries.rss),
        queriesHeapMB: m((r) => r.afterQueries.heapUsed),
        queriesExternalMB: m((r) => r.afterQueries.external),
        queries: rows[0].queries,
      };
    } catch (e) {
      libs[lib] = { error: errText(e) };
    }
  }
  return { name: 'memory', ok: true, runs: RUNS, bareNode: { rssMB: mb(median(bare)), heapMB: mb(median(bareHeap)) }, libs };
}
