// 1. Cold start: a fresh child process per library per run — process start → connected → first
//    System.Account(Alice) decoded. Times come from the child's performance.now() (ms since its
//    process started); bytes received are counted by the proxy (benchmarks/ws-proxy.ts) in front of
//    the chain. The child is the library's precompiled esbuild bundle (build.ts), so nobody pays for
//    TypeScript compilation. One unmeasured warm-up run per library first (disk cache).
import { LIBS } from './adapters/types.js';
import { driverBundle } from './build.js';
import { startProxy } from './ws-proxy.js';
import { errText, median, round, runJsonChild, type BenchContext, type BenchResult } from './util.js';

export const RUNS = 5;

export async function run(ctx: BenchContext): Promise<BenchResult> {
  if (!ctx.chainUrl) throw new Error(`no local chain: ${ctx.chainError}`);
  const proxy = await startProxy(ctx.chainUrl);
  const libs: Record<string, unknown> = {};
  try {
    for (const lib of LIBS) {
      ctx.log(`cold-start: ${lib}`);
      try {
        const file = await driverBundle(lib);
        await runJsonChild([file, 'cold', proxy.url], { timeoutMs: 60_000 });
        let methods: Record<string, number> = {};
        const firstMs: number[] = [], connectedMs: number[] = [], importMs: number[] = [], wallMs: number[] = [], bytes: number[] = [], sent: number[] = [], msgs: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          proxy.reset();
          const r = await runJsonChild<{ tImported: number; tConnected: number; tFirst: number; free: string }>([file, 'cold', proxy.url], { timeoutMs: 60_000 });
          firstMs.push(r.tFirst);
          connectedMs.push(r.tConnected);
          importMs.push(r.tImported);
          wallMs.push(r._wallMs);
          bytes.push(proxy.stats.bytesToClient);
          sent.push(proxy.stats.bytesToServer);
          msgs.push(proxy.stats.messagesToClient + proxy.stats.messagesToServer);
          methods = { ...proxy.stats.methods };
        }
        libs[lib] = {
          firstDecodedMs: round(median(firstMs), 1),
          connectedMs: round(median(connectedMs), 1),
          loadedMs: round(median(importMs), 1),
          wallMs: round(median(wallMs), 1),
          bytesReceived: median(bytes),
          bytesSent: median(sent),
          messages: median(msgs),
          requestsByMethod: methods,
          runsFirstDecodedMs: firstMs.map((x) => round(x, 1)),
        };
      } catch (e) {
        libs[lib] = { error: errText(e) };
      }
    }
  } finally {
    await proxy.close();
  }
  return { name: 'cold-start', ok: true, runs: RUNS, libs };
}
